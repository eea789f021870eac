CREATE OR REPLACE VIEW "CustomerQuarterlyPurchasesView" AS
WITH "Factor_to_as_of" AS (
  SELECT
    MAKE_DATE("s"."QuarterStart" // 4, "s"."QuarterStart" % 4 * 3 + 1, 1) AS "QuarterStart",
    "s"."CustID" AS "CustID",
    COUNT(*) AS "TotalInvoices",
    SUM("s"."Amount") AS "TotalRevenue",
    SUM("s"."Amount" - "s"."Cost") AS "QuarterProfit"
  FROM (
    SELECT
      COALESCE(
        TRY_CAST(SUBSTRING("src".FactorDate, 1, 4) AS INT),
        CAST(SUBSTRING("src".FactorDate, 1, 4) AS INT)
      ) * 4 + (
        COALESCE(
          TRY_CAST(SUBSTRING("src".FactorDate, 6, 2) AS INT),
          CAST(SUBSTRING("src".FactorDate, 6, 2) AS INT)
        ) - 1
      ) // 3 AS "QuarterStart",
      "src".CustID AS "CustID",
      "src".Amount AS "Amount",
      "src".Cost AS "Cost",
      "src".FactorDate AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= '2024/06/30'
  GROUP BY
    "s"."QuarterStart",
    "s"."CustID"
)
SELECT
  "Factor_to_as_of"."CustID" AS "CustID",
  "Factor_to_as_of"."QuarterStart" AS "QuarterStart",
  COALESCE("Factor_to_as_of"."TotalInvoices", 0) AS "Frequency",
  COALESCE("Factor_to_as_of"."TotalRevenue", 0) AS "Monetary",
  COALESCE("Factor_to_as_of"."QuarterProfit", 0) AS "Profit"
FROM "Factor_to_as_of";
