-- DailySalesOrdersView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- One row per purchase (non-canceled invoice on or before the as-of date) with its number in
-- the customer's history by (date, FactorID) and whether it falls on the customer's first
-- purchase day. The as-of cut compares the stored text; each date is parsed once; one window
-- (one sort) gives both the number and the first day.
SELECT
    FactorID, CustID, SCID,
    d AS OrderDate,
    Amount,
    row_number() OVER w AS PurchaseNo,
    CASE WHEN d = first_value(d) OVER w THEN 1 ELSE 0 END AS IsNewCustomerOrder
FROM (
    SELECT FactorID, CustID, SCID, strptime(FactorDate, '%Y/%m/%d')::DATE AS d, Amount
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
) purchases
WINDOW w AS (PARTITION BY CustID ORDER BY d, FactorID)
