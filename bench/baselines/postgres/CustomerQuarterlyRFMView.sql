-- CustomerQuarterlyRFMView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD
-- text, {{as_of}} the ISO date.
--
-- What an expert who knows the data does: one scan of the purchases (non-canceled invoices
-- on or before the as-of date, cut on the stored YYYY/MM/DD text), aggregated once per
-- (customer, quarter); the quarter is read off the text (year and month digits, no date
-- parsing per row) and the quarter's first and last FactorDate are kept as text; the
-- customer's first and last purchase dates come from those rows (no second scan of Factor)
-- and are parsed once per customer; the quartiles are NTILE windows over the quarter rows.
-- Output names are quoted so they keep their case.
WITH quarterly AS (
    SELECT CustID,
           make_date(left(FactorDate, 4)::int, (substr(FactorDate, 6, 2)::int - 1) / 3 * 3 + 1, 1) AS quarter_start,
           count(*) AS frequency,
           sum(Amount) AS monetary,
           coalesce(sum(Amount - Cost), 0) AS profit,
           min(FactorDate) AS first_day,
           max(FactorDate) AS last_day
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY 1, 2
), dates AS (
    SELECT CustID,
           to_date(min(first_day), 'YYYY/MM/DD') AS first_purchase,
           to_date(max(last_day), 'YYYY/MM/DD') AS last_purchase
    FROM quarterly
    GROUP BY CustID
), scored AS (
    SELECT CustID, quarter_start, frequency, monetary, profit,
           ntile(4) OVER (PARTITION BY quarter_start ORDER BY frequency, CustID) AS frequency_score,
           ntile(4) OVER (PARTITION BY quarter_start ORDER BY profit, CustID) AS profit_score
    FROM quarterly
)
SELECT s.CustID AS "CustID", s.quarter_start AS "QuarterStart", s.frequency AS "Frequency",
       s.monetary AS "Monetary", s.profit AS "Profit",
       s.frequency_score AS "FrequencyScore", s.profit_score AS "ProfitScore",
       CASE WHEN s.frequency_score + s.profit_score >= 7 THEN 'High Value'
            WHEN s.frequency_score + s.profit_score >= 5 THEN 'Average'
            WHEN s.frequency_score + s.profit_score >= 3 THEN 'Below Average'
            ELSE 'Low Value' END AS "Segment",
       d.first_purchase AS "FirstPurchaseDate", d.last_purchase AS "LastPurchaseDate",
       CASE WHEN d.last_purchase >= date_trunc('quarter', DATE '{{as_of}}') THEN 1 ELSE 0 END AS "IsRecent"
FROM scored s
JOIN dates d ON d.CustID = s.CustID
