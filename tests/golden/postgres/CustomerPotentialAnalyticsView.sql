CREATE OR REPLACE VIEW "CustomerPotentialAnalyticsView" AS
WITH "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    MIN("s"."Amount") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "MinAmount",
    MAX("s"."Amount") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "MaxAmount",
    AVG("s"."Amount") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "AvgAmount",
    COUNT(*) FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "CountFactor",
    TO_DATE(
      MIN("s"."FactorDate") FILTER(WHERE
        "s"."FactorDate" >= '2024/04/02'),
      'YYYY/MM/DD'
    ) AS "FirstFactorDateInWindow",
    TO_DATE(MAX("s"."FactorDate"), 'YYYY/MM/DD') AS "LastPurchaseDay",
    MAX("s"."FactorDate") AS "LastFacktorDate"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      "src".Amount AS "Amount",
      "src".FactorDate AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SCID"
), "CustomerVisit_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    COUNT(*) FILTER(WHERE
      "s"."HasOrder" = 0 AND "s"."VisitDate" >= '2024/04/02') AS "CountNotOrder",
    MAX("s"."VisitDate") AS "LastVisitDate",
    COUNT(*) FILTER(WHERE
      "s"."VisitDate" >= '2024/04/02') AS "CountVisit"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      "src".HasOrder AS "HasOrder",
      "src".VisitDate AS "VisitDate"
    FROM CustomerVisit AS "src"
  ) AS "s"
  WHERE
    "s"."VisitDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SCID"
), "Factor_last_90_days" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    MIN("s"."BasketSize") AS "MinSKU",
    MAX("s"."BasketSize") AS "MaxSKU",
    AVG("s"."BasketSize") AS "AvgSKU"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      COALESCE("FactorDetail_rollup"."BasketSize", 0) AS "BasketSize",
      "src".FactorDate AS "FactorDate"
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
    "s"."FactorDate" BETWEEN '2024/04/02' AND '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SCID"
)
SELECT
  COALESCE("Factor_to_as_of"."SCID", "CustomerVisit_to_as_of"."SCID") AS "SCID",
  COALESCE("Factor_to_as_of"."CustID", "CustomerVisit_to_as_of"."CustID") AS "CustID",
  "customer".GrpID AS "GrpID",
  "customer".Lat AS "Lat",
  "customer".Lng AS "Lng",
  "Factor_to_as_of"."MinAmount" AS "MinAmount",
  "Factor_to_as_of"."MaxAmount" AS "MaxAmount",
  "Factor_to_as_of"."AvgAmount" AS "AvgAmount",
  COALESCE("Factor_to_as_of"."CountFactor", 0) AS "CountFactor",
  CAST(CAST((
    "Factor_to_as_of"."LastPurchaseDay" - "Factor_to_as_of"."FirstFactorDateInWindow"
  ) AS DOUBLE PRECISION) / NULLIF(COALESCE("Factor_to_as_of"."CountFactor", 0) - 1, 0) AS DOUBLE PRECISION) AS "AveFactorFerq",
  COALESCE("CustomerVisit_to_as_of"."CountNotOrder", 0) AS "CountNotOrder",
  "Factor_last_90_days"."MinSKU" AS "MinSKU",
  "Factor_last_90_days"."MaxSKU" AS "MaxSKU",
  CAST("Factor_last_90_days"."AvgSKU" AS DOUBLE PRECISION) AS "AvgSKU",
  "CustomerVisit_to_as_of"."LastVisitDate" AS "LastVisitDate",
  "Factor_to_as_of"."LastFacktorDate" AS "LastFacktorDate"
FROM "Factor_to_as_of"
FULL JOIN "CustomerVisit_to_as_of"
  ON "CustomerVisit_to_as_of"."CustID" = "Factor_to_as_of"."CustID"
  AND "CustomerVisit_to_as_of"."SCID" = "Factor_to_as_of"."SCID"
LEFT JOIN "Factor_last_90_days"
  ON "Factor_last_90_days"."CustID" = COALESCE("Factor_to_as_of"."CustID", "CustomerVisit_to_as_of"."CustID")
  AND "Factor_last_90_days"."SCID" = COALESCE("Factor_to_as_of"."SCID", "CustomerVisit_to_as_of"."SCID")
LEFT JOIN Customer AS "customer"
  ON "customer".CustID = COALESCE("Factor_to_as_of"."CustID", "CustomerVisit_to_as_of"."CustID")
WHERE
  "Factor_to_as_of"."CountFactor" > 0 OR "CustomerVisit_to_as_of"."CountVisit" > 0;
