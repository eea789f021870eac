CREATE OR REPLACE VIEW "CustomerPotentialSignalsView" AS
WITH "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    AVG("s"."Amount") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "AvgAmount",
    COUNT(*) FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "CountFactor",
    TO_DATE(
      MIN("s"."FactorDate") FILTER(WHERE
        "s"."FactorDate" >= '2024/04/02'),
      'YYYY/MM/DD'
    ) AS "FirstFactorDateInWindow",
    TO_DATE(MAX("s"."FactorDate"), 'YYYY/MM/DD') AS "LastPurchaseDay"
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
), "CustomerVisit_last_90_days" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    COUNT(*) FILTER(WHERE
      "s"."HasOrder" = 0) AS "CountNotOrder",
    COUNT(*) AS "CountVisit"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      "src".HasOrder AS "HasOrder",
      "src".VisitDate AS "VisitDate"
    FROM CustomerVisit AS "src"
  ) AS "s"
  WHERE
    "s"."VisitDate" BETWEEN '2024/04/02' AND '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SCID"
)
SELECT
  COALESCE("Factor_to_as_of"."SCID", "CustomerVisit_last_90_days"."SCID") AS "SCID",
  COALESCE("Factor_to_as_of"."CustID", "CustomerVisit_last_90_days"."CustID") AS "CustID",
  "Factor_to_as_of"."AvgAmount" AS "AvgAmount",
  COALESCE("Factor_to_as_of"."CountFactor", 0) AS "CountFactor",
  CAST(CAST((
    "Factor_to_as_of"."LastPurchaseDay" - "Factor_to_as_of"."FirstFactorDateInWindow"
  ) AS DOUBLE PRECISION) / NULLIF(COALESCE("Factor_to_as_of"."CountFactor", 0) - 1, 0) AS DOUBLE PRECISION) AS "AveFactorFerq",
  COALESCE("CustomerVisit_last_90_days"."CountNotOrder", 0) AS "CountNotOrder",
  CAST('2024-06-30' AS DATE) - "Factor_to_as_of"."LastPurchaseDay" AS "RecencyDays"
FROM "Factor_to_as_of"
FULL JOIN "CustomerVisit_last_90_days"
  ON "CustomerVisit_last_90_days"."CustID" = "Factor_to_as_of"."CustID"
  AND "CustomerVisit_last_90_days"."SCID" = "Factor_to_as_of"."SCID"
WHERE
  "Factor_to_as_of"."CountFactor" > 0
  OR NOT "CustomerVisit_last_90_days"."CustID" IS NULL;
