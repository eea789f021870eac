-- PurchaseSequenceView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Purchases (non-canceled invoices on or before the as-of date) numbered per customer by
-- (date, FactorID) in one window pass, then one aggregation by number. A customer has exactly
-- one purchase with each number it reached, so the customers of a number are its rows:
-- count(*), no DISTINCT needed.
SELECT
    PurchaseNo,
    count(*) AS Customers,
    sum(Amount) AS TotalAmount,
    avg(Amount) AS AvgAmount,
    avg(gap) AS AvgDaysSincePrevious
FROM (
    SELECT row_number() OVER w AS PurchaseNo, Amount, d - lag(d) OVER w AS gap
    FROM (
        SELECT FactorID, CustID, strptime(FactorDate, '%Y/%m/%d')::DATE AS d, Amount
        FROM Factor
        WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    ) purchases
    WINDOW w AS (PARTITION BY CustID ORDER BY d, FactorID)
) numbered
GROUP BY PurchaseNo
