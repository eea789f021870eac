CREATE OR REPLACE VIEW "CustomerPurchaseDatesView" AS
WITH "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    MIN("s"."FactorDate") AS "FirstPurchaseDay",
    MAX("s"."FactorDate") AS "LastPurchaseDay"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      CAST(STRPTIME("src".FactorDate, '%Y/%m/%d') AS DATE) AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."CustID"
), "row_keys" AS (
  SELECT
    "CustID"
  FROM "Factor_to_as_of"
)
SELECT
  "row_keys"."CustID" AS "CustID",
  "Factor_to_as_of"."FirstPurchaseDay" AS "FirstPurchaseDate",
  "Factor_to_as_of"."LastPurchaseDay" AS "LastPurchaseDate"
FROM "row_keys"
LEFT JOIN "Factor_to_as_of"
  ON "Factor_to_as_of"."CustID" = "row_keys"."CustID";
