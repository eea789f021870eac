-- CustomerWindowRevenueView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text.
--
-- What an expert who knows the data does: the window is a range on the stored zero-padded
-- YYYY/MM/DD text; one scan of Factor, one aggregation per customer.
SELECT CustID, sum(Amount) AS Revenue
FROM Factor
WHERE Status <> 'canceled' AND FactorDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
GROUP BY CustID
