CREATE OR REPLACE VIEW "SellerVisitPathCustomersView" AS
WITH "SellerVisitPath_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SellerID" AS "SellerID",
    COUNT(*) AS "PlannedVisits",
    COUNT(*) FILTER(WHERE
      "s"."VisitsOnPlannedDay" > 0) AS "PlannedVisitsMade",
    COUNT(*) FILTER(WHERE
      "s"."VisitsOnPlannedDay" = 0) AS "MissedPlannedVisits"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SellerID AS "SellerID",
      COALESCE("CustomerVisit_rollup"."VisitsOnPlannedDay", 0) AS "VisitsOnPlannedDay",
      "src".PathDate AS "PathDate"
    FROM SellerVisitPath AS "src"
    LEFT JOIN (
      SELECT
        "src".SellerID AS "SellerID",
        "src".CustID AS "CustID",
        "src".VisitDate AS "VisitDate",
        COUNT(*) AS "VisitsOnPlannedDay"
      FROM CustomerVisit AS "src"
      GROUP BY
        "src".SellerID,
        "src".CustID,
        "src".VisitDate
    ) AS "CustomerVisit_rollup"
      ON "CustomerVisit_rollup"."SellerID" = "src".SellerID
      AND "CustomerVisit_rollup"."CustID" = "src".CustID
      AND "CustomerVisit_rollup"."VisitDate" = "src".PathDate
  ) AS "s"
  WHERE
    "s"."PathDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SellerID"
), "CustomerVisit_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SellerID" AS "SellerID",
    COUNT(*) FILTER(WHERE
      "s"."PlanRowsThatDay" = 0) AS "UnplannedVisits",
    COUNT(*) AS "Visits"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SellerID AS "SellerID",
      COALESCE("SellerVisitPath_rollup"."PlanRowsThatDay", 0) AS "PlanRowsThatDay",
      "src".VisitDate AS "VisitDate"
    FROM CustomerVisit AS "src"
    LEFT JOIN (
      SELECT
        "src".SellerID AS "SellerID",
        "src".CustID AS "CustID",
        "src".PathDate AS "PathDate",
        COUNT(*) AS "PlanRowsThatDay"
      FROM SellerVisitPath AS "src"
      GROUP BY
        "src".SellerID,
        "src".CustID,
        "src".PathDate
    ) AS "SellerVisitPath_rollup"
      ON "SellerVisitPath_rollup"."SellerID" = "src".SellerID
      AND "SellerVisitPath_rollup"."CustID" = "src".CustID
      AND "SellerVisitPath_rollup"."PathDate" = "src".VisitDate
  ) AS "s"
  WHERE
    "s"."VisitDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SellerID"
)
SELECT
  COALESCE("SellerVisitPath_to_as_of"."CustID", "CustomerVisit_to_as_of"."CustID") AS "CustID",
  COALESCE("SellerVisitPath_to_as_of"."SellerID", "CustomerVisit_to_as_of"."SellerID") AS "SellerID",
  COALESCE("SellerVisitPath_to_as_of"."PlannedVisits", 0) AS "PlannedVisits",
  COALESCE("SellerVisitPath_to_as_of"."PlannedVisitsMade", 0) AS "ActualVisitsOnPlannedDays",
  COALESCE("CustomerVisit_to_as_of"."UnplannedVisits", 0) AS "UnplannedVisits",
  CAST(CAST(COALESCE("SellerVisitPath_to_as_of"."PlannedVisitsMade", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("SellerVisitPath_to_as_of"."PlannedVisits", 0), 0) AS DOUBLE PRECISION) AS "CoverageRatio",
  COALESCE("SellerVisitPath_to_as_of"."MissedPlannedVisits", 0) AS "MissedPlannedVisits"
FROM "SellerVisitPath_to_as_of"
FULL JOIN "CustomerVisit_to_as_of"
  ON "CustomerVisit_to_as_of"."CustID" = "SellerVisitPath_to_as_of"."CustID"
  AND "CustomerVisit_to_as_of"."SellerID" = "SellerVisitPath_to_as_of"."SellerID";
