CREATE OR REPLACE VIEW "SellerVisitPathCustomersView" AS
WITH "SellerVisitPath_CustomerVisit_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SellerID" AS "SellerID",
    CAST(COALESCE(SUM("s"."__SellerVisitPath_rows"), 0) AS BIGINT) AS "PlannedVisits",
    CAST(COALESCE(SUM("s"."__SellerVisitPath_rows") FILTER(WHERE
      "s"."VisitsOnPlannedDay" > 0), 0) AS BIGINT) AS "PlannedVisitsMade",
    CAST(COALESCE(SUM("s"."__SellerVisitPath_rows") FILTER(WHERE
      "s"."VisitsOnPlannedDay" = 0), 0) AS BIGINT) AS "MissedPlannedVisits",
    CAST(COALESCE(SUM("s"."__CustomerVisit_rows") FILTER(WHERE
      "s"."PlanRowsThatDay" = 0), 0) AS BIGINT) AS "UnplannedVisits",
    CAST(COALESCE(SUM("s"."__CustomerVisit_rows"), 0) AS BIGINT) AS "Visits"
  FROM (
    SELECT
      "stacked"."SellerID" AS "SellerID",
      "stacked"."CustID" AS "CustID",
      "stacked"."PathDate" AS "PathDate",
      COUNT("stacked"."__SellerVisitPath_row") AS "__SellerVisitPath_rows",
      COUNT("stacked"."__CustomerVisit_row") AS "__CustomerVisit_rows",
      CASE
        WHEN NOT "stacked"."SellerID" IS NULL AND NOT "stacked"."CustID" IS NULL
        THEN COUNT("stacked"."__CustomerVisit_row")
        ELSE 0
      END AS "VisitsOnPlannedDay",
      CASE
        WHEN NOT "stacked"."SellerID" IS NULL AND NOT "stacked"."CustID" IS NULL
        THEN COUNT("stacked"."__SellerVisitPath_row")
        ELSE 0
      END AS "PlanRowsThatDay"
    FROM (
      SELECT
        "src".SellerID AS "SellerID",
        "src".CustID AS "CustID",
        "src".PathDate AS "PathDate",
        1 AS "__SellerVisitPath_row",
        NULL AS "__CustomerVisit_row"
      FROM SellerVisitPath AS "src"
      WHERE
        "src".PathDate <= '2024/06/30'
      UNION ALL
      SELECT
        "src".SellerID AS "SellerID",
        "src".CustID AS "CustID",
        "src".VisitDate AS "PathDate",
        NULL AS "__SellerVisitPath_row",
        1 AS "__CustomerVisit_row"
      FROM CustomerVisit AS "src"
      WHERE
        "src".VisitDate <= '2024/06/30'
    ) AS "stacked"
    GROUP BY
      "stacked"."SellerID",
      "stacked"."CustID",
      "stacked"."PathDate"
  ) AS "s"
  GROUP BY
    "s"."CustID",
    "s"."SellerID"
)
SELECT
  "SellerVisitPath_CustomerVisit_to_as_of"."CustID" AS "CustID",
  "SellerVisitPath_CustomerVisit_to_as_of"."SellerID" AS "SellerID",
  COALESCE("SellerVisitPath_CustomerVisit_to_as_of"."PlannedVisits", 0) AS "PlannedVisits",
  COALESCE("SellerVisitPath_CustomerVisit_to_as_of"."PlannedVisitsMade", 0) AS "ActualVisitsOnPlannedDays",
  COALESCE("SellerVisitPath_CustomerVisit_to_as_of"."UnplannedVisits", 0) AS "UnplannedVisits",
  CAST(CAST(COALESCE("SellerVisitPath_CustomerVisit_to_as_of"."PlannedVisitsMade", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("SellerVisitPath_CustomerVisit_to_as_of"."PlannedVisits", 0), 0) AS DOUBLE PRECISION) AS "CoverageRatio",
  COALESCE("SellerVisitPath_CustomerVisit_to_as_of"."MissedPlannedVisits", 0) AS "MissedPlannedVisits"
FROM "SellerVisitPath_CustomerVisit_to_as_of"
WHERE
  "SellerVisitPath_CustomerVisit_to_as_of"."PlannedVisits" > 0
  OR "SellerVisitPath_CustomerVisit_to_as_of"."Visits" > 0;
