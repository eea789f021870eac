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
      "src".FactorDate AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" BETWEEN '2024/04/02' AND '2024/06/30'
  GROUP BY
    "s"."CustID"
)
SELECT
  "Factor_last_90_days"."CustID" AS "CustID",
  COALESCE("Factor_last_90_days"."WindowRevenue", 0) AS "Revenue"
FROM "Factor_last_90_days";
