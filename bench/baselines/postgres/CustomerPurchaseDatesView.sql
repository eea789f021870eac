-- CustomerPurchaseDatesView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Each customer's first and latest purchase (non-canceled invoice on or before the as-of
-- date): the zero-padded text dates are cut and min/max-ed as text and parsed once per
-- customer. Output names are quoted so they keep their case.
SELECT
    CustID AS "CustID",
    to_date(min(FactorDate), 'YYYY/MM/DD') AS "FirstPurchaseDate",
    to_date(max(FactorDate), 'YYYY/MM/DD') AS "LastPurchaseDate"
FROM Factor
WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
GROUP BY CustID
