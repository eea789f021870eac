CREATE OR REPLACE VIEW "CustomerPurchaseHistoryView" AS
SELECT
  "base"."FactorID" AS "FactorID",
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  "base"."FactorDate__date" AS "OrderDate",
  "base"."Amount" AS "Amount",
  ROW_NUMBER() OVER (
    PARTITION BY "base"."CustID"
    ORDER BY "base"."FactorDate__date" NULLS FIRST, "base"."FactorID" NULLS FIRST
  ) AS "PurchaseNo",
  FIRST_VALUE("base"."FactorDate__date") OVER (
    PARTITION BY "base"."CustID"
    ORDER BY "base"."FactorDate__date" NULLS FIRST, "base"."FactorID" NULLS FIRST
  ) AS "FirstPurchaseDate",
  DATE_DIFF(
    'DAY',
    LAG("base"."FactorDate__date") OVER (
      PARTITION BY "base"."CustID"
      ORDER BY "base"."FactorDate__date" NULLS FIRST, "base"."FactorID" NULLS FIRST
    ),
    "base"."FactorDate__date"
  ) AS "DaysSincePrevious"
FROM (
  SELECT
    "base".FactorID AS "FactorID",
    "base".CustID AS "CustID",
    "base".SCID AS "SCID",
    "base".FactorDate AS "FactorDate",
    "base".Amount AS "Amount",
    COALESCE(
      CAST(TRY_STRPTIME("base".FactorDate, '%Y/%m/%d') AS DATE),
      CAST(STRPTIME("base".FactorDate, '%Y/%m/%d') AS DATE)
    ) AS "FactorDate__date"
  FROM Factor AS "base"
  WHERE
    "base".Status <> 'canceled' AND "base".FactorDate <= '2024/06/30'
) AS "base";
