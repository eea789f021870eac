-- CustomerQuarterlyRFMView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD
-- text, {{as_of}} the ISO date.
--
-- What an expert who knows the data does: the purchases (non-canceled invoices on or before
-- the as-of date, cut on the stored YYYY/MM/DD text) aggregated once per (customer, quarter)
-- and once per customer (min/max of the text, parsed once per customer: measured faster
-- than carrying text min/max through the 245k quarter groups); the quartiles are NTILE
-- windows over the quarter rows.
WITH quarterly AS (
    SELECT CustID,
           CAST(date_trunc('quarter', strptime(FactorDate, '%Y/%m/%d')) AS DATE) AS QuarterStart,
           count(*) AS Frequency,
           sum(Amount) AS Monetary,
           coalesce(sum(Amount - Cost), 0) AS Profit
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY ALL
), dates AS (
    SELECT CustID,
           CAST(strptime(min(FactorDate), '%Y/%m/%d') AS DATE) AS FirstPurchaseDate,
           CAST(strptime(max(FactorDate), '%Y/%m/%d') AS DATE) AS LastPurchaseDate
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID
), scored AS (
    SELECT CustID, QuarterStart, Frequency, Monetary, Profit,
           ntile(4) OVER (PARTITION BY QuarterStart ORDER BY Frequency, CustID) AS FrequencyScore,
           ntile(4) OVER (PARTITION BY QuarterStart ORDER BY Profit, CustID) AS ProfitScore
    FROM quarterly
)
SELECT s.CustID, s.QuarterStart, s.Frequency, s.Monetary, s.Profit, s.FrequencyScore, s.ProfitScore,
       CASE WHEN s.FrequencyScore + s.ProfitScore >= 7 THEN 'High Value'
            WHEN s.FrequencyScore + s.ProfitScore >= 5 THEN 'Average'
            WHEN s.FrequencyScore + s.ProfitScore >= 3 THEN 'Below Average'
            ELSE 'Low Value' END AS Segment,
       d.FirstPurchaseDate, d.LastPurchaseDate,
       CASE WHEN d.LastPurchaseDate >= date_trunc('quarter', DATE '{{as_of}}') THEN 1 ELSE 0 END AS IsRecent
FROM scored s
JOIN dates d ON d.CustID = s.CustID
