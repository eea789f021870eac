CREATE OR REPLACE VIEW "CustomerWindowRevenueView" AS
WITH "Factor_last_90_days" AS (
  SELECT
    "s"."CustID" AS "CustID",
    SUM("s"."Amount") AS "WindowRevenue",
    COUNT(*) AS "WindowInvoices"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".Amount AS "Amount",
      CAST(STR_TO_DATE("src".FactorDate, '%Y/%m/%d') AS Nullable(DATE)) AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" BETWEEN DATE_SUB(DAY, 89, CAST('2024-06-30' AS Nullable(DATE))) AND CAST('2024-06-30' AS Nullable(DATE))
  GROUP BY
    "s"."CustID"
), "row_keys" AS (
  SELECT
    "CustID"
  FROM "Factor_last_90_days"
)
SELECT
  "row_keys"."CustID" AS "CustID",
  COALESCE("Factor_last_90_days"."WindowRevenue", 0) AS "Revenue"
FROM "row_keys"
LEFT JOIN "Factor_last_90_days"
  ON "Factor_last_90_days"."CustID" = "row_keys"."CustID"
SETTINGS join_use_nulls = 1;
