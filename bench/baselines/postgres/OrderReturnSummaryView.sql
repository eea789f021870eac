-- OrderReturnSummaryView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Sales per customer from one scan of Factor; returns counted per (customer, reason) in one
-- scan of ReturnFactor, then rolled up per customer, where the most frequent reason is the
-- first non-NULL reason by (count desc, reason). Dates are zero-padded YYYY/MM/DD text: the
-- as-of cut compares the stored text. The rows are customers with a sale or a return: a full
-- join of the two per-customer results. Output names are quoted so they keep their case.
WITH sales AS (
    SELECT CustID, sum(Amount) AS revenue
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID
), per_reason AS (
    SELECT CustID, Reason, count(*) AS n, sum(Amount) AS amount
    FROM ReturnFactor
    WHERE ReturnDate <= '{{as_of_text}}'
    GROUP BY CustID, Reason
), returns AS (
    SELECT CustID, sum(n) AS n, sum(amount) AS amount,
           (array_agg(Reason ORDER BY n DESC, Reason) FILTER (WHERE Reason IS NOT NULL))[1] AS top_reason
    FROM per_reason
    GROUP BY CustID
)
SELECT
    coalesce(s.CustID, r.CustID) AS "CustID",
    coalesce(r.n, 0) AS "ReturnCount",
    coalesce(r.amount, 0) AS "ReturnAmount",
    coalesce(s.revenue, 0) AS "SalesAmount",
    (coalesce(r.amount, 0) / nullif(s.revenue, 0))::double precision AS "ReturnRate",
    r.top_reason AS "TopReturnReason"
FROM sales s
FULL JOIN returns r ON r.CustID = s.CustID
