-- CustomerPurchaseHistoryView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Every purchase (non-canceled invoice on or before the as-of date) with its number in the
-- customer's history, the customer's first purchase date and the days since the previous
-- purchase. The as-of cut compares the stored zero-padded text; each date is parsed once
-- (the output is a DATE and the gap is day arithmetic), and the three window functions
-- share one window, so the purchases are sorted once.
SELECT
    FactorID, CustID, SCID,
    d AS OrderDate,
    Amount,
    row_number() OVER w AS PurchaseNo,
    first_value(d) OVER w AS FirstPurchaseDate,
    d - lag(d) OVER w AS DaysSincePrevious
FROM (
    SELECT FactorID, CustID, SCID, strptime(FactorDate, '%Y/%m/%d')::DATE AS d, Amount
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
) purchases
WINDOW w AS (PARTITION BY CustID ORDER BY d, FactorID)
