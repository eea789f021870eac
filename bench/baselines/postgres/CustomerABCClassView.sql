-- CustomerABCClassView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text; {{a_percent}}, {{b_percent}}
-- are the view's parameters.
--
-- What an expert who knows the data does: the window's revenue per customer (a range on the
-- stored YYYY/MM/DD text, which the index on Factor(FactorDate) can serve), then one ordered
-- window over the customers for the rank and running total and the grand total beside it;
-- the class compares exact numeric sums. Output names are quoted so they keep their case.
WITH revenue AS (
    SELECT CustID, sum(Amount) AS revenue
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
    GROUP BY CustID
), ranked AS (
    SELECT CustID, revenue,
           row_number() OVER w AS revenue_rank,
           sum(revenue) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative,
           sum(revenue) OVER () AS total
    FROM revenue
    WINDOW w AS (ORDER BY revenue DESC, CustID)
)
SELECT CustID AS "CustID", revenue AS "Revenue", revenue_rank AS "RevenueRank",
       cumulative AS "CumulativeRevenue", total AS "AllCustomersRevenue",
       cumulative / total AS "CumulativeShare",
       CASE WHEN 100 * (cumulative - revenue) < {{a_percent}} * total THEN 'A'
            WHEN 100 * (cumulative - revenue) < ({{a_percent}} + {{b_percent}}) * total THEN 'B'
            ELSE 'C' END AS "ABCClass"
FROM ranked
