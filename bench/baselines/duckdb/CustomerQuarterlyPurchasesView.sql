-- CustomerQuarterlyPurchasesView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Invoices, amount and profit (Amount - Cost where Cost is known, 0 when none is) per customer
-- and calendar quarter, over non-canceled invoices on or before the as-of date. The quarter is
-- read from the zero-padded text (year, and month -> quarter), so no row's date is parsed; the
-- quarter's first day is built once per group.
SELECT
    CustID,
    make_date(yr, 3 * qtr - 2, 1) AS QuarterStart,
    Frequency, Monetary, Profit
FROM (
    SELECT
        CustID,
        substr(FactorDate, 1, 4)::INTEGER AS yr,
        (substr(FactorDate, 6, 2)::INTEGER + 2) // 3 AS qtr,
        count(*) AS Frequency,
        sum(Amount) AS Monetary,
        coalesce(sum(Amount - Cost), 0) AS Profit
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY ALL
) per_quarter
