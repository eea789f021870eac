CREATE OR REPLACE VIEW "CustomerPotentialSignalsView" AS
WITH "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    AVG(CAST(CASE WHEN "s"."FactorDate" >= '2024/04/02' THEN "s"."Amount" END AS DOUBLE)) AS "AvgAmount",
    COUNT(CASE WHEN "s"."FactorDate" >= '2024/04/02' THEN 1 END) AS "CountFactor",
    CAST(DATE_PARSE(
      MIN(CASE WHEN "s"."FactorDate" >= '2024/04/02' THEN "s"."FactorDate" END),
      '%Y/%m/%d'
    ) AS DATE) AS "FirstFactorDateInWindow",
    CAST(DATE_PARSE(MAX("s"."FactorDate"), '%Y/%m/%d') AS DATE) AS "LastPurchaseDay"
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
    COUNT(CASE WHEN "s"."HasOrder" = 0 THEN 1 END) AS "CountNotOrder",
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
), "row_keys" AS (
  SELECT
    "CustID",
    "SCID"
  FROM "Factor_to_as_of"
  WHERE
    "CountFactor" > 0
  UNION
  SELECT
    "CustID",
    "SCID"
  FROM "CustomerVisit_last_90_days"
)
SELECT
  "row_keys"."SCID" AS "SCID",
  "row_keys"."CustID" AS "CustID",
  "Factor_to_as_of"."AvgAmount" AS "AvgAmount",
  COALESCE("Factor_to_as_of"."CountFactor", 0) AS "CountFactor",
  CAST(CAST(DATE_DIFF(
    'DAY',
    "Factor_to_as_of"."FirstFactorDateInWindow",
    "Factor_to_as_of"."LastPurchaseDay"
  ) AS DOUBLE) / NULLIF(COALESCE("Factor_to_as_of"."CountFactor", 0) - 1, 0) AS DOUBLE) AS "AveFactorFerq",
  COALESCE("CustomerVisit_last_90_days"."CountNotOrder", 0) AS "CountNotOrder",
  DATE_DIFF('DAY', "Factor_to_as_of"."LastPurchaseDay", CAST('2024-06-30' AS DATE)) AS "RecencyDays"
FROM "row_keys"
LEFT JOIN "Factor_to_as_of"
  ON "Factor_to_as_of"."CustID" = "row_keys"."CustID"
  AND "Factor_to_as_of"."SCID" = "row_keys"."SCID"
LEFT JOIN "CustomerVisit_last_90_days"
  ON "CustomerVisit_last_90_days"."CustID" = "row_keys"."CustID"
  AND "CustomerVisit_last_90_days"."SCID" = "row_keys"."SCID";
