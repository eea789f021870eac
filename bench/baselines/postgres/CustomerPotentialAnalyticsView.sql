-- CustomerPotentialAnalyticsView, written by hand for PostgreSQL (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text; {{as_of}} is the ISO date.
--
-- What an expert who knows the data does: the ERP's dates are zero-padded YYYY/MM/DD text,
-- so the window is a range on the stored text (the index on Factor(FactorDate) and
-- CustomerVisit(VisitDate) can serve it) and dates are parsed only per group; each table is
-- read once per purpose (FILTER picks the window out of the to-as-of scan); lines are counted
-- per invoice in FactorDetail(FactorID) index order (a streaming GroupAggregate: faster here
-- than joining the window's invoices to the lines first, measured with EXPLAIN ANALYZE).
-- Output names are quoted so they keep their case.
WITH sales AS (
    SELECT CustID, SCID,
           min(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS min_amount,
           max(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS max_amount,
           avg(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS avg_amount,
           count(*) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS invoices,
           min(FactorDate) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS first_in_window,
           max(FactorDate) AS last_invoice
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID, SCID
), baskets AS (
    SELECT f.CustID, f.SCID, min(coalesce(l.lines, 0)) AS min_sku, max(coalesce(l.lines, 0)) AS max_sku,
           avg(coalesce(l.lines, 0))::double precision AS avg_sku
    FROM Factor f
    LEFT JOIN (SELECT FactorID, count(*) AS lines FROM FactorDetail GROUP BY FactorID) l ON l.FactorID = f.FactorID
    WHERE f.Status <> 'canceled' AND f.FactorDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
    GROUP BY f.CustID, f.SCID
), visits AS (
    SELECT CustID, SCID,
           count(*) FILTER (WHERE VisitDate >= '{{window_start_text}}') AS visits,
           count(*) FILTER (WHERE VisitDate >= '{{window_start_text}}' AND HasOrder = 0) AS not_ordered,
           max(VisitDate) AS last_visit
    FROM CustomerVisit
    WHERE VisitDate <= '{{as_of_text}}'
    GROUP BY CustID, SCID
), pairs AS (
    SELECT CustID, SCID FROM sales WHERE invoices > 0
    UNION
    SELECT CustID, SCID FROM visits WHERE visits > 0
)
SELECT
    p.SCID AS "SCID", p.CustID AS "CustID", c.GrpID AS "GrpID", c.Lat AS "Lat", c.Lng AS "Lng",
    s.min_amount AS "MinAmount", s.max_amount AS "MaxAmount", s.avg_amount AS "AvgAmount",
    coalesce(s.invoices, 0) AS "CountFactor",
    (to_date(s.last_invoice, 'YYYY/MM/DD') - to_date(s.first_in_window, 'YYYY/MM/DD'))::double precision
        / nullif(s.invoices - 1, 0) AS "AveFactorFerq",
    coalesce(v.not_ordered, 0) AS "CountNotOrder",
    b.min_sku AS "MinSKU", b.max_sku AS "MaxSKU", b.avg_sku AS "AvgSKU",
    v.last_visit AS "LastVisitDate",
    s.last_invoice AS "LastFacktorDate"
FROM pairs p
LEFT JOIN sales s ON s.CustID = p.CustID AND s.SCID = p.SCID
LEFT JOIN visits v ON v.CustID = p.CustID AND v.SCID = p.SCID
LEFT JOIN baskets b ON b.CustID = p.CustID AND b.SCID = p.SCID
LEFT JOIN Customer c ON c.CustID = p.CustID
