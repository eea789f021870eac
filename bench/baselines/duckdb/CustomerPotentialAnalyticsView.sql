-- CustomerPotentialAnalyticsView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} and {{window_start_text}} are the
-- as-of date and the window's first day as YYYY/MM/DD text; {{as_of}} is the ISO date.
--
-- What an expert who knows the data does: the ERP's dates are zero-padded YYYY/MM/DD text,
-- so they are filtered and min/max-ed as text and parsed only per group; each table is
-- read once per purpose (FILTER picks the window out of the to-as-of scan); invoice lines
-- are counted only for the invoices in the window.
WITH sales AS (
    SELECT CustID, SCID,
           min(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS MinAmount,
           max(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS MaxAmount,
           avg(Amount) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS AvgAmount,
           count(*) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS CountFactor,
           min(FactorDate) FILTER (WHERE FactorDate >= '{{window_start_text}}') AS FirstInWindow,
           max(FactorDate) AS LastInvoice
    FROM Factor
    WHERE Status <> 'canceled' AND FactorDate <= '{{as_of_text}}'
    GROUP BY CustID, SCID
), baskets AS (
    SELECT CustID, SCID, min(lines) AS MinSKU, max(lines) AS MaxSKU, avg(lines) AS AvgSKU
    FROM (
        SELECT f.FactorID, f.CustID, f.SCID, count(d.FactorID) AS lines
        FROM Factor f
        LEFT JOIN FactorDetail d ON d.FactorID = f.FactorID
        WHERE f.Status <> 'canceled' AND f.FactorDate BETWEEN '{{window_start_text}}' AND '{{as_of_text}}'
        GROUP BY f.FactorID, f.CustID, f.SCID
    ) per_invoice
    GROUP BY CustID, SCID
), visits AS (
    SELECT CustID, SCID,
           count(*) FILTER (WHERE VisitDate >= '{{window_start_text}}') AS CountVisit,
           count(*) FILTER (WHERE VisitDate >= '{{window_start_text}}' AND HasOrder = 0) AS CountNotOrder,
           max(VisitDate) AS LastVisit
    FROM CustomerVisit
    WHERE VisitDate <= '{{as_of_text}}'
    GROUP BY CustID, SCID
), pairs AS (
    SELECT CustID, SCID FROM sales WHERE CountFactor > 0
    UNION
    SELECT CustID, SCID FROM visits WHERE CountVisit > 0
)
SELECT
    p.SCID, p.CustID, c.GrpID, c.Lat, c.Lng,
    s.MinAmount, s.MaxAmount, s.AvgAmount,
    coalesce(s.CountFactor, 0) AS CountFactor,
    date_diff('day', strptime(s.FirstInWindow, '%Y/%m/%d'), strptime(s.LastInvoice, '%Y/%m/%d'))::DOUBLE
        / nullif(s.CountFactor - 1, 0) AS AveFactorFerq,
    coalesce(v.CountNotOrder, 0) AS CountNotOrder,
    b.MinSKU, b.MaxSKU, b.AvgSKU,
    v.LastVisit AS LastVisitDate,
    s.LastInvoice AS LastFacktorDate
FROM pairs p
LEFT JOIN sales s ON s.CustID = p.CustID AND s.SCID = p.SCID
LEFT JOIN visits v ON v.CustID = p.CustID AND v.SCID = p.SCID
LEFT JOIN baskets b ON b.CustID = p.CustID AND b.SCID = p.SCID
LEFT JOIN Customer c ON c.CustID = p.CustID
