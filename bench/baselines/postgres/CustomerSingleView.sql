-- CustomerSingleView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD
-- text, {{as_of}} the ISO date; {{lifespan_years}} is the view's parameter.
--
-- What an expert who knows the data does: one scan of the purchases and one of the visits,
-- each cut at the as-of date on the stored zero-padded YYYY/MM/DD text and aggregated once
-- per customer; first/last dates are min/max of the text, parsed once per customer. The
-- last three purchase amounts in (FactorDate, FactorID) order need an order per customer:
-- the purchases are numbered from the latest with ROW_NUMBER (the Factor(CustID, SCID)
-- index gives CustID order, so only an incremental sort within each customer), and the same
-- streaming aggregation picks numbers 1-3 with FILTER. Output names are quoted so they keep
-- their case.
WITH sales AS (
    SELECT CustID,
           count(*) AS purchases,
           sum(Amount) AS spend,
           avg(Amount) AS avg_amount,
           to_date(min(FactorDate), 'YYYY/MM/DD') AS first_purchase,
           to_date(max(FactorDate), 'YYYY/MM/DD') AS last_purchase,
           min(Amount) FILTER (WHERE from_latest = 1) AS last_amount,
           min(Amount) FILTER (WHERE from_latest = 2) AS previous_amount,
           min(Amount) FILTER (WHERE from_latest = 3) AS second_previous_amount
    FROM (
        SELECT CustID, FactorDate, Amount,
               row_number() OVER (PARTITION BY CustID ORDER BY FactorDate DESC, FactorID DESC) AS from_latest
        FROM Factor
        WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    ) purchases
    GROUP BY CustID
), visits AS (
    SELECT CustID,
           count(*) AS visits,
           to_date(min(VisitDate), 'YYYY/MM/DD') AS first_visit,
           to_date(max(VisitDate), 'YYYY/MM/DD') AS last_visit
    FROM CustomerVisit
    WHERE VisitDate <= '{{as_of_text}}'
    GROUP BY CustID
), customers AS (
    SELECT coalesce(s.CustID, v.CustID) AS CustID, s.purchases, s.spend, s.avg_amount, s.first_purchase,
           s.last_purchase, s.last_amount, s.previous_amount, s.second_previous_amount,
           v.visits, v.first_visit, v.last_visit
    FROM sales s
    FULL JOIN visits v ON v.CustID = s.CustID
)
SELECT
    x.CustID AS "CustID", c.GrpID AS "GrpID", c.SCID AS "SCID", c.Lat AS "Lat", c.Lng AS "Lng",
    coalesce(x.visits, 0) AS "TOTAL_VISIT",
    coalesce(x.spend, 0) AS "TOTAL_SPEND",
    x.visits * 7 / (DATE '{{as_of}}' - x.first_visit + 1)::double precision AS "AVG_WEEKLY_VISIT",
    coalesce(x.spend, 0) * 7 / (DATE '{{as_of}}' - x.first_purchase + 1)::double precision AS "AVG_WEEKLY_SPEND",
    x.avg_amount::double precision AS "AVG_BASKET_SIZE",
    x.last_amount AS "LAST_BASKET_SIZE",
    x.previous_amount AS "PREVIOUS_1BASKET_SIZE",
    x.second_previous_amount AS "PREVIOUS_2BASKET_SIZE",
    (x.last_purchase - x.first_purchase) / nullif(x.purchases - 1, 0)::double precision AS "MTBP",
    x.avg_amount * x.purchases * 365.25 / (DATE '{{as_of}}' - x.first_purchase + 1) * {{lifespan_years}}
        AS "LTV",
    coalesce(x.spend, 0) / nullif(x.visits, 0)::double precision AS "ARPU",
    x.last_visit - x.first_visit AS "VISIT_DIFF"
FROM customers x
LEFT JOIN Customer c ON c.CustID = x.CustID
