DROP VIEW IF EXISTS "CustomerPotentialAnalyticsView";

CREATE VIEW "CustomerPotentialAnalyticsView" AS
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
      DATE(REPLACE("src".FactorDate, '/', '-')) AS "FactorDate",
      COALESCE("FactorDetail_rollup"."BasketSize", 0) AS "BasketSize"
    FROM Factor AS "src"
    LEFT JOIN (
      SELECT
        "src".FactorID AS "FactorID",
        COUNT(*) AS "BasketSize"
      FROM FactorDetail AS "src"
      WHERE
        "src".FactorID IN (
          SELECT
            "parent".FactorID
          FROM Factor AS "parent"
          WHERE
            "parent".Status <> 'canceled'
            AND DATE(REPLACE("parent".FactorDate, '/', '-')) BETWEEN DATE(DATE('2024-06-30'), '-89 DAY') AND DATE('2024-06-30')
        )
      GROUP BY
        "src".FactorID
    ) AS "FactorDetail_rollup"
      ON "FactorDetail_rollup"."FactorID" = "src".FactorID
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" BETWEEN DATE(DATE('2024-06-30'), '-89 DAY') AND DATE('2024-06-30')
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
      DATE(REPLACE("src".VisitDate, '/', '-')) AS "VisitDate"
    FROM CustomerVisit AS "src"
  ) AS "s"
  WHERE
    "s"."VisitDate" BETWEEN DATE(DATE('2024-06-30'), '-89 DAY') AND DATE('2024-06-30')
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
      DATE(REPLACE("src".VisitDate, '/', '-')) AS "VisitDate"
    FROM CustomerVisit AS "src"
  ) AS "s"
  WHERE
    "s"."VisitDate" <= DATE('2024-06-30')
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
      DATE(REPLACE("src".FactorDate, '/', '-')) AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= DATE('2024-06-30')
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
  CAST(CAST(CAST((JULIANDAY("Factor_last_90_days"."LastFactorDateInWindow") - JULIANDAY("Factor_last_90_days"."FirstFactorDateInWindow")) AS INTEGER) AS REAL) / NULLIF(COALESCE("Factor_last_90_days"."CountFactor", 0) - 1, 0) AS REAL) AS "AveFactorFerq",
  COALESCE("CustomerVisit_last_90_days"."CountNotOrder", 0) AS "CountNotOrder",
  "Factor_last_90_days"."MinSKU" AS "MinSKU",
  "Factor_last_90_days"."MaxSKU" AS "MaxSKU",
  CAST("Factor_last_90_days"."AvgSKU" AS REAL) AS "AvgSKU",
  STRFTIME('%Y/%m/%d', "CustomerVisit_to_as_of"."LastVisitDate") AS "LastVisitDate",
  STRFTIME('%Y/%m/%d', "Factor_to_as_of"."LastFacktorDate") AS "LastFacktorDate"
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
