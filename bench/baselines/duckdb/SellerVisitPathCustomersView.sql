-- SellerVisitPathCustomersView, written by hand for DuckDB (not generated).
-- Parameters, filled in by bench/views.py: {{as_of_text}} is the as-of date as YYYY/MM/DD text.
--
-- Planned route rows and visits meet on (CustID, SellerID, day). Rather than a full outer join
-- of the two, both are stacked (UNION ALL) and counted per (CustID, SellerID, day), planned
-- rows and visits side by side; a second aggregation per (CustID, SellerID) then sums the
-- planned rows of days with a visit (made) or without one (missed) and the visits of days
-- without a plan (unplanned). The days are the stored zero-padded YYYY/MM/DD text: equal text
-- is the same day, and the as-of cut compares the text, so nothing is parsed. Every pair
-- there has a planned row or a visit, so its groups are the view's rows.
WITH days AS (
    SELECT CustID, SellerID,
           count(*) FILTER (WHERE planned) AS planned_rows,
           count(*) FILTER (WHERE NOT planned) AS visits
    FROM (
        SELECT CustID, SellerID, PathDate AS day, true AS planned
        FROM SellerVisitPath
        WHERE PathDate <= '{{as_of_text}}'
        UNION ALL
        SELECT CustID, SellerID, VisitDate, false
        FROM CustomerVisit
        WHERE VisitDate <= '{{as_of_text}}'
    ) rows_
    GROUP BY CustID, SellerID, day
), pairs AS (
    SELECT CustID, SellerID,
           sum(planned_rows)::BIGINT AS planned,
           coalesce(sum(planned_rows) FILTER (WHERE visits > 0), 0)::BIGINT AS made,
           coalesce(sum(visits) FILTER (WHERE planned_rows = 0), 0)::BIGINT AS unplanned
    FROM days
    GROUP BY CustID, SellerID
)
SELECT
    CustID AS "CustID",
    SellerID AS "SellerID",
    planned AS "PlannedVisits",
    made AS "ActualVisitsOnPlannedDays",
    unplanned AS "UnplannedVisits",
    made / nullif(planned, 0) AS "CoverageRatio",
    planned - made AS "MissedPlannedVisits"
FROM pairs
