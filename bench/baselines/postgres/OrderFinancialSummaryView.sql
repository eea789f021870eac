-- OrderFinancialSummaryView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text.
--
-- One scan of Factor and one aggregation per (CustID, SCID): the all-time figures over every
-- non-canceled invoice up to the as-of date, the window's picked out with FILTER on the stored
-- (zero-padded, so sortable) text date. Every pair of that scan has TotalInvoices > 0, so the
-- groups are the view's rows; no join is needed. Profit and margin count invoices whose Cost
-- is known (sum skips the NULL Amount - Cost). Output names are quoted so they keep their case.
SELECT
    CustID AS "CustID",
    SCID AS "SCID",
    count(*) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS "WindowInvoices",
    coalesce(sum(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}'), 0) AS "WindowRevenue",
    coalesce(sum(Discount) FILTER (WHERE FactorDate >= '{{window_start_text}}'), 0) AS "WindowDiscount",
    coalesce(sum(Cost) FILTER (WHERE FactorDate >= '{{window_start_text}}'), 0) AS "WindowCost",
    coalesce(sum(Amount - Cost) FILTER (WHERE FactorDate >= '{{window_start_text}}'), 0) AS "WindowProfit",
    (sum(Amount - Cost) FILTER (WHERE FactorDate >= '{{window_start_text}}')
        / nullif(sum(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}' AND Cost IS NOT NULL), 0))::double precision
        AS "WindowMargin",
    (avg(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}'))::double precision AS "WindowAvgInvoiceValue",
    count(*) AS "TotalInvoices",
    sum(Amount) AS "TotalRevenue",
    sum(Discount) AS "TotalDiscount",
    coalesce(sum(Cost), 0) AS "TotalCost",
    coalesce(sum(Amount - Cost), 0) AS "TotalProfit",
    (sum(Amount - Cost) / nullif(sum(Amount) FILTER (WHERE Cost IS NOT NULL), 0))::double precision AS "TotalMargin",
    avg(Amount)::double precision AS "TotalAvgInvoiceValue"
FROM Factor
WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
GROUP BY CustID, SCID
