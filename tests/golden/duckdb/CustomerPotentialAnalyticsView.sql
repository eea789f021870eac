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
    CAST(STRPTIME(MIN("s"."FactorDate") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02'), '%Y/%m/%d') AS DATE) AS "FirstFactorDateInWindow",
    CAST(STRPTIME(MAX("s"."FactorDate"), '%Y/%m/%d') AS DATE) AS "LastPurchaseDay",
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
    COUNT(CASE WHEN "s"."HasOrder" = 0 AND "s"."VisitDate" >= '2024/04/02' THEN 1 END) AS "CountNotOrder",
    MAX("s"."VisitDate") AS "LastVisitDate",
    COUNT(CASE WHEN "s"."VisitDate" >= '2024/04/02' THEN 1 END) AS "CountVisit"
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
      COALESCE(COUNT("FactorDetail_rollup".FactorID), 0) AS "BasketSize"
    FROM Factor AS "src"
    LEFT JOIN FactorDetail AS "FactorDetail_rollup"
      ON "FactorDetail_rollup".FactorID = "src".FactorID
    WHERE
      "src".Status <> 'canceled'
      AND "src".FactorDate BETWEEN '2024/04/02' AND '2024/06/30'
    GROUP BY
      "src".FactorID,
      "src".CustID,
      "src".SCID
  ) AS "s"
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
  CAST(DATE_DIFF(
    'DAY',
    "Factor_to_as_of"."FirstFactorDateInWindow",
    "Factor_to_as_of"."LastPurchaseDay"
  ) / NULLIF(COALESCE("Factor_to_as_of"."CountFactor", 0) - 1, 0) AS DOUBLE) AS "AveFactorFerq",
  COALESCE("CustomerVisit_to_as_of"."CountNotOrder", 0) AS "CountNotOrder",
  "Factor_last_90_days"."MinSKU" AS "MinSKU",
  "Factor_last_90_days"."MaxSKU" AS "MaxSKU",
  CAST("Factor_last_90_days"."AvgSKU" AS DOUBLE) AS "AvgSKU",
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
