-- CustomerVisitLogsView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Visits up to the as-of date per (CustID, SellerID): counts with FILTER, first and last visit
-- as min/max of the zero-padded YYYY/MM/DD text (no date is parsed). The most frequent
-- no-order reason comes from the visits without an order counted per reason, the smallest
-- (-count, reason) winning (ties: alphabetically first). Every pair of the first aggregation
-- has a visit, so its groups are the view's rows.
WITH visits AS (
    SELECT CustID, SellerID,
           count(*) AS visits,
           count(*) FILTER (WHERE HasOrder = 1) AS with_order,
           count(*) FILTER (WHERE HasOrder = 0) AS without_order,
           min(VisitDate) AS first_visit,
           max(VisitDate) AS last_visit
    FROM CustomerVisit
    WHERE VisitDate <= '{{as_of_text}}'
    GROUP BY CustID, SellerID
), reasons AS (
    SELECT CustID, SellerID, NoOrderReason, count(*) AS n
    FROM CustomerVisit
    WHERE VisitDate <= '{{as_of_text}}' AND HasOrder = 0 AND NoOrderReason IS NOT NULL
    GROUP BY CustID, SellerID, NoOrderReason
), top_reason AS (
    SELECT CustID, SellerID, arg_min(NoOrderReason, (-n, NoOrderReason)) AS reason
    FROM reasons
    GROUP BY CustID, SellerID
)
SELECT
    v.CustID AS "CustID",
    v.SellerID AS "SellerID",
    v.visits AS "Visits",
    v.with_order AS "VisitsWithOrder",
    v.without_order AS "VisitsWithoutOrder",
    v.with_order / v.visits AS "VisitConversionRate",
    v.first_visit AS "FirstVisitDate",
    v.last_visit AS "LastVisitDate",
    t.reason AS "TopNoOrderReason"
FROM visits v
LEFT JOIN top_reason t ON t.CustID = v.CustID AND t.SellerID = v.SellerID
