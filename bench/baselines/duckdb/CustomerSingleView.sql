-- CustomerSingleView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD
-- text, {{as_of}} the ISO date; {{lifespan_years}} is the view's parameter.
--
-- What an expert who knows the data does: one scan of the purchases and one of the visits,
-- each cut at the as-of date on the stored zero-padded YYYY/MM/DD text and aggregated once
-- per customer; first/last dates are min/max of the text, parsed once per customer; the last
-- three purchase amounts in (FactorDate, FactorID) order come from one top-3 max_by in the
-- same aggregation (no sort of all purchases). Then the two aggregates are joined on the
-- customers that have either, and the Customer row gives the attributes.
WITH sales AS (
    SELECT CustID,
           count(*) AS purchases,
           sum(Amount) AS spend,
           avg(Amount) AS avg_amount,
           strptime(min(FactorDate), '%Y/%m/%d') AS first_purchase,
           strptime(max(FactorDate), '%Y/%m/%d') AS last_purchase,
           max_by(Amount, (FactorDate, FactorID), 3) AS last_amounts
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID
), visits AS (
    SELECT CustID,
           count(*) AS visits,
           strptime(min(VisitDate), '%Y/%m/%d') AS first_visit,
           strptime(max(VisitDate), '%Y/%m/%d') AS last_visit
    FROM CustomerVisit
    WHERE VisitDate <= '{{as_of_text}}'
    GROUP BY CustID
), customers AS (
    SELECT coalesce(s.CustID, v.CustID) AS CustID, s.purchases, s.spend, s.avg_amount, s.first_purchase,
           s.last_purchase, s.last_amounts, v.visits, v.first_visit, v.last_visit
    FROM sales s
    FULL JOIN visits v ON v.CustID = s.CustID
)
SELECT
    x.CustID, c.GrpID, c.SCID, c.Lat, c.Lng,
    coalesce(x.visits, 0) AS TOTAL_VISIT,
    coalesce(x.spend, 0) AS TOTAL_SPEND,
    x.visits * 7 / (date_diff('day', x.first_visit, DATE '{{as_of}}') + 1) AS AVG_WEEKLY_VISIT,
    coalesce(x.spend, 0) * 7 / (date_diff('day', x.first_purchase, DATE '{{as_of}}') + 1) AS AVG_WEEKLY_SPEND,
    x.avg_amount AS AVG_BASKET_SIZE,
    x.last_amounts[1] AS LAST_BASKET_SIZE,
    x.last_amounts[2] AS PREVIOUS_1BASKET_SIZE,
    x.last_amounts[3] AS PREVIOUS_2BASKET_SIZE,
    date_diff('day', x.first_purchase, x.last_purchase) / nullif(x.purchases - 1, 0) AS MTBP,
    x.avg_amount * x.purchases * 365.25 / (date_diff('day', x.first_purchase, DATE '{{as_of}}') + 1)
        * {{lifespan_years}} AS LTV,
    coalesce(x.spend, 0) / nullif(x.visits, 0) AS ARPU,
    date_diff('day', x.first_visit, x.last_visit) AS VISIT_DIFF
FROM customers x
LEFT JOIN Customer c ON c.CustID = x.CustID
