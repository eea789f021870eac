-- CustomerPotentialSignalsView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text, {{as_of}} the ISO date.
--
-- CustomerPotentialAnalyticsView's scoring columns only: the invoices read once up to the
-- as-of date (the window picked out with FILTER on the zero-padded text), the window's
-- visits read once; dates parsed per group, only for the day differences.
WITH sales AS (
    SELECT CustID, SCID,
           avg(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS AvgAmount,
           count(*) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS CountFactor,
           min(FactorDate) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS FirstInWindow,
           max(FactorDate) AS LastInvoice
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID, SCID
), visits AS (
    SELECT CustID, SCID, count(*) FILTER (WHERE HasOrder = 0) AS CountNotOrder
    FROM CustomerVisit
    WHERE VisitDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
    GROUP BY CustID, SCID
)
SELECT
    coalesce(s.SCID, v.SCID) AS SCID, coalesce(s.CustID, v.CustID) AS CustID,
    s.AvgAmount,
    coalesce(s.CountFactor, 0) AS CountFactor,
    date_diff('day', strptime(s.FirstInWindow, '%Y/%m/%d'), strptime(s.LastInvoice, '%Y/%m/%d'))::DOUBLE
        / nullif(s.CountFactor - 1, 0) AS AveFactorFerq,
    coalesce(v.CountNotOrder, 0) AS CountNotOrder,
    date_diff('day', strptime(s.LastInvoice, '%Y/%m/%d'), DATE '{{as_of}}') AS RecencyDays
FROM sales s
FULL JOIN visits v ON v.CustID = s.CustID AND v.SCID = s.SCID
WHERE s.CountFactor > 0 OR v.CustID IS NOT NULL
