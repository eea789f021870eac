CREATE OR REPLACE VIEW "CustomerPotentialAnalyticsView" AS
WITH "Factor_last_90_days" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    MIN("s"."Amount") AS "MinAmount",
    MAX("s"."Amount") AS "MaxAmount",
    AVG("s"."Amount") AS "AvgAmount",
    COUNT(*) AS "CountFactor",
    MIN("s"."FactorDate") AS "FirstFactorDateInWindow",
    MAX("s"."FactorDate") AS "LastFactorDateInWindow",
    MIN("s"."BasketSize") AS "MinSKU",
    MAX("s"."BasketSize") AS "MaxSKU",
    AVG("s"."BasketSize") AS "AvgSKU"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      "src".Amount AS "Amount",
      TO_DATE("src".FactorDate, 'YYYY/MM/DD') AS "FactorDate",
      COALESCE("FactorDetail_rollup"."BasketSize", 0) AS "BasketSize"
    FROM Factor AS "src"
    LEFT JOIN (
      SELECT
        "src".FactorID AS "FactorID",
        COUNT(*) AS "BasketSize"
      FROM FactorDetail AS "src"
      GROUP BY
        "src".FactorID
    ) AS "FactorDetail_rollup"
      ON "FactorDetail_rollup"."FactorID" = "src".FactorID
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" BETWEEN CAST('2024-06-30' AS DATE) - 89 AND CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."CustID",
    "s"."SCID"
), "CustomerVisit_last_90_days" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    COUNT(CASE WHEN "s"."HasOrder" = 0 THEN 1 END) AS "CountNotOrder",
    COUNT(*) AS "CountVisit"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      "src".HasOrder AS "HasOrder",
      TO_DATE("src".VisitDate, 'YYYY/MM/DD') AS "VisitDate"
    FROM CustomerVisit AS "src"
  ) AS "s"
  WHERE
    "s"."VisitDate" BETWEEN CAST('2024-06-30' AS DATE) - 89 AND CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."CustID",
    "s"."SCID"
), "CustomerVisit_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    MAX("s"."VisitDate") AS "LastVisitDate"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      TO_DATE("src".VisitDate, 'YYYY/MM/DD') AS "VisitDate"
    FROM CustomerVisit AS "src"
  ) AS "s"
  WHERE
    "s"."VisitDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."CustID",
    "s"."SCID"
), "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    MAX("s"."FactorDate") AS "LastFacktorDate"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      TO_DATE("src".FactorDate, 'YYYY/MM/DD') AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."CustID",
    "s"."SCID"
), "row_keys" AS (
  SELECT
    "CustID",
    "SCID"
  FROM "Factor_last_90_days"
  UNION
  SELECT
    "CustID",
    "SCID"
  FROM "CustomerVisit_last_90_days"
)
SELECT
  "row_keys"."SCID" AS "SCID",
  "row_keys"."CustID" AS "CustID",
  "customer".GrpID AS "GrpID",
  "customer".Lat AS "Lat",
  "customer".Lng AS "Lng",
  "Factor_last_90_days"."MinAmount" AS "MinAmount",
  "Factor_last_90_days"."MaxAmount" AS "MaxAmount",
  "Factor_last_90_days"."AvgAmount" AS "AvgAmount",
  COALESCE("Factor_last_90_days"."CountFactor", 0) AS "CountFactor",
  CAST(CAST((
    "Factor_last_90_days"."LastFactorDateInWindow" - "Factor_last_90_days"."FirstFactorDateInWindow"
  ) AS DOUBLE PRECISION) / NULLIF(COALESCE("Factor_last_90_days"."CountFactor", 0) - 1, 0) AS DOUBLE PRECISION) AS "AveFactorFerq",
  COALESCE("CustomerVisit_last_90_days"."CountNotOrder", 0) AS "CountNotOrder",
  "Factor_last_90_days"."MinSKU" AS "MinSKU",
  "Factor_last_90_days"."MaxSKU" AS "MaxSKU",
  CAST("Factor_last_90_days"."AvgSKU" AS DOUBLE PRECISION) AS "AvgSKU",
  TO_CHAR("CustomerVisit_to_as_of"."LastVisitDate", 'YYYY/MM/DD') AS "LastVisitDate",
  TO_CHAR("Factor_to_as_of"."LastFacktorDate", 'YYYY/MM/DD') AS "LastFacktorDate"
FROM "row_keys"
LEFT JOIN "Factor_last_90_days"
  ON "Factor_last_90_days"."CustID" = "row_keys"."CustID"
  AND "Factor_last_90_days"."SCID" = "row_keys"."SCID"
LEFT JOIN "CustomerVisit_last_90_days"
  ON "CustomerVisit_last_90_days"."CustID" = "row_keys"."CustID"
  AND "CustomerVisit_last_90_days"."SCID" = "row_keys"."SCID"
LEFT JOIN "CustomerVisit_to_as_of"
  ON "CustomerVisit_to_as_of"."CustID" = "row_keys"."CustID"
  AND "CustomerVisit_to_as_of"."SCID" = "row_keys"."SCID"
LEFT JOIN "Factor_to_as_of"
  ON "Factor_to_as_of"."CustID" = "row_keys"."CustID"
  AND "Factor_to_as_of"."SCID" = "row_keys"."SCID"
LEFT JOIN Customer AS "customer"
  ON "customer".CustID = "row_keys"."CustID";
