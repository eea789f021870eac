CREATE OR REPLACE VIEW "CustomerPurchaseDatesView" AS
WITH "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    CAST(DATE_PARSE(MIN("s"."FactorDate"), '%Y/%m/%d') AS DATE) AS "FirstPurchaseDay",
    CAST(DATE_PARSE(MAX("s"."FactorDate"), '%Y/%m/%d') AS DATE) AS "LastPurchaseDay"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".FactorDate AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID"
)
SELECT
  "Factor_to_as_of"."CustID" AS "CustID",
  "Factor_to_as_of"."FirstPurchaseDay" AS "FirstPurchaseDate",
  "Factor_to_as_of"."LastPurchaseDay" AS "LastPurchaseDate"
FROM "Factor_to_as_of";
