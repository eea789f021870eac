-- CustomerABCClassView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text; {{a_percent}}, {{b_percent}}
-- are the view's parameters.
--
-- What an expert who knows the data does: the window's revenue per customer (a range on the
-- stored YYYY/MM/DD text, one scan of Factor), then one ordered window over the customers for
-- the rank and running total and the grand total beside it; the class compares exact sums.
WITH revenue AS (
    SELECT CustID, sum(Amount) AS Revenue
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
    GROUP BY CustID
), ranked AS (
    SELECT CustID, Revenue,
           row_number() OVER (ORDER BY Revenue DESC, CustID) AS RevenueRank,
           sum(Revenue) OVER (ORDER BY Revenue DESC, CustID ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
               AS CumulativeRevenue,
           sum(Revenue) OVER () AS AllCustomersRevenue
    FROM revenue
)
SELECT CustID, Revenue, RevenueRank, CumulativeRevenue, AllCustomersRevenue,
       CumulativeRevenue / AllCustomersRevenue AS CumulativeShare,
       CASE WHEN 100 * (CumulativeRevenue - Revenue) < {{a_percent}} * AllCustomersRevenue THEN 'A'
            WHEN 100 * (CumulativeRevenue - Revenue) < ({{a_percent}} + {{b_percent}}) * AllCustomersRevenue THEN 'B'
            ELSE 'C' END AS ABCClass
FROM ranked
