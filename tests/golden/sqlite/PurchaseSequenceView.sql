DROP VIEW IF EXISTS "PurchaseSequenceView";

CREATE VIEW "PurchaseSequenceView" AS
WITH "Purchases_to_as_of" AS (
  SELECT
    "s"."PurchaseNo" AS "PurchaseNo",
    COUNT(*) AS "PurchaseCount",
    SUM("s"."Amount") AS "PurchasesAmount",
    AVG("s"."Amount") AS "PurchasesAvgAmount",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase"
  FROM (
    SELECT
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."Amount" AS "Amount",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate"
    FROM "CustomerPurchaseHistoryView" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= DATE('2024-06-30')
  GROUP BY
    "s"."PurchaseNo"
)
SELECT
  "Purchases_to_as_of"."PurchaseNo" AS "PurchaseNo",
  COALESCE("Purchases_to_as_of"."PurchaseCount", 0) AS "Customers",
  "Purchases_to_as_of"."PurchasesAmount" AS "TotalAmount",
  "Purchases_to_as_of"."PurchasesAvgAmount" AS "AvgAmount",
  CAST("Purchases_to_as_of"."AvgDaysSincePreviousPurchase" AS REAL) AS "AvgDaysSincePrevious"
FROM "Purchases_to_as_of";
