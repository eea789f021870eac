-- CustomerCompositionView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Purchases are non-canceled invoices on or before the as-of date (cut on the stored text),
-- numbered per customer by (date, FactorID) in one window pass that also gives each purchase
-- the customer's first purchase date and the previous purchase's date.
-- Distinct customers without DISTINCT: in a period, a customer's first purchase there is the
-- one whose previous purchase is dated before the period (or that has none), so
--   new customers of any period       = purchases numbered 1 in it (no previous purchase),
--   returning customers of a period   = purchases whose previous one is before the period start,
--   new sales of a period             = purchases whose customer's first date is in the period.
-- Everything is therefore additive per day: the purchases are aggregated once per day (about
-- 700 rows, with the year, month and day variants of each condition), and the years, months
-- and days are rolled up from those.
WITH purchases AS (
    SELECT
        d, Amount,
        lag(d) OVER w AS prev,
        first_value(d) OVER w AS first_day
    FROM (
        SELECT FactorID, CustID, strptime(FactorDate, '%Y/%m/%d')::DATE AS d, Amount
        FROM Factor
        WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    ) p
    WINDOW w AS (PARTITION BY CustID ORDER BY d, FactorID)
), daily AS (
    SELECT
        d,
        date_trunc('month', d)::DATE AS month_start,
        date_trunc('year', d)::DATE AS year_start,
        count(*) FILTER (WHERE prev IS NULL) AS new_customers,
        count(*) FILTER (WHERE prev < d) AS returning_d,
        count(*) FILTER (WHERE prev < date_trunc('month', d)) AS returning_m,
        count(*) FILTER (WHERE prev < date_trunc('year', d)) AS returning_y,
        sum(Amount) AS sales,
        sum(Amount) FILTER (WHERE first_day = d) AS new_sales_d,
        sum(Amount) FILTER (WHERE first_day >= date_trunc('month', d)) AS new_sales_m,
        sum(Amount) FILTER (WHERE first_day >= date_trunc('year', d)) AS new_sales_y,
        sum(d - prev) AS gap_days,
        count(prev) AS gaps
    FROM purchases
    GROUP BY d
), periods AS (
    SELECT 'year' AS Grain, year_start AS PeriodStart, sum(new_customers) AS n_new, sum(returning_y) AS n_ret,
           coalesce(sum(new_sales_y), 0) AS s_new, sum(sales) - coalesce(sum(new_sales_y), 0) AS s_ret,
           sum(gap_days) AS gap_days, sum(gaps) AS gaps
    FROM daily GROUP BY year_start
    UNION ALL
    SELECT 'month', month_start, sum(new_customers), sum(returning_m),
           coalesce(sum(new_sales_m), 0), sum(sales) - coalesce(sum(new_sales_m), 0), sum(gap_days), sum(gaps)
    FROM daily GROUP BY month_start
    UNION ALL
    SELECT 'day', d, new_customers, returning_d,
           coalesce(new_sales_d, 0), sales - coalesce(new_sales_d, 0), gap_days, gaps
    FROM daily
)
SELECT
    Grain, PeriodStart,
    n_new AS NewCustomers,
    n_ret AS ReturningCustomers,
    s_new AS NewSales,
    s_ret AS ReturningSales,
    s_new / nullif(s_new + s_ret, 0) AS NewSalesShare,
    s_new / nullif(n_new, 0) AS AvgSalesPerNewCustomer,
    s_ret / nullif(n_ret, 0) AS AvgSalesPerReturningCustomer,
    gap_days / nullif(gaps, 0) AS AvgDaysSincePreviousPurchase
FROM periods
