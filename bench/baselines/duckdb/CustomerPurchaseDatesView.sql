-- CustomerPurchaseDatesView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Each customer's first and latest purchase (non-canceled invoice on or before the as-of
-- date): the zero-padded text dates are cut and min/max-ed as text and parsed once per
-- customer.
SELECT
    CustID,
    strptime(min(FactorDate), '%Y/%m/%d')::DATE AS FirstPurchaseDate,
    strptime(max(FactorDate), '%Y/%m/%d')::DATE AS LastPurchaseDate
FROM Factor
WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
GROUP BY CustID
