CREATE OR REPLACE VIEW "CustomerCompositionView" AS
WITH "Purchases_to_as_of_year" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(CASE WHEN "s"."PurchaseNo" = 1 THEN 1 END) AS "NewCustomers",
    COUNT(
      CASE
        WHEN DATE_DIFF('DAY', "s"."PeriodStart", "s"."OrderDate") < "s"."DaysSincePrevious"
        THEN 1
      END
    ) AS "ReturningCustomers",
    SUM(CASE WHEN "s"."FirstPurchaseDate" >= "s"."PeriodStart" THEN "s"."Amount" END) AS "NewSales",
    SUM(CASE WHEN "s"."FirstPurchaseDate" < "s"."PeriodStart" THEN "s"."Amount" END) AS "ReturningSales",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount"
  FROM (
    SELECT
      CAST(DATE_TRUNC('YEAR', "src"."OrderDate") AS DATE) AS "PeriodStart",
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate",
      "src"."Amount" AS "Amount",
      "src"."FirstPurchaseDate" AS "FirstPurchaseDate"
    FROM "CustomerPurchaseHistoryView" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."PeriodStart"
), "Purchases_to_as_of_month" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(CASE WHEN "s"."PurchaseNo" = 1 THEN 1 END) AS "NewCustomers",
    COUNT(
      CASE
        WHEN DATE_DIFF('DAY', "s"."PeriodStart", "s"."OrderDate") < "s"."DaysSincePrevious"
        THEN 1
      END
    ) AS "ReturningCustomers",
    SUM(CASE WHEN "s"."FirstPurchaseDate" >= "s"."PeriodStart" THEN "s"."Amount" END) AS "NewSales",
    SUM(CASE WHEN "s"."FirstPurchaseDate" < "s"."PeriodStart" THEN "s"."Amount" END) AS "ReturningSales",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount"
  FROM (
    SELECT
      CAST(DATE_TRUNC('MONTH', "src"."OrderDate") AS DATE) AS "PeriodStart",
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate",
      "src"."Amount" AS "Amount",
      "src"."FirstPurchaseDate" AS "FirstPurchaseDate"
    FROM "CustomerPurchaseHistoryView" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."PeriodStart"
), "Purchases_to_as_of_day" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(CASE WHEN "s"."PurchaseNo" = 1 THEN 1 END) AS "NewCustomers",
    COUNT(
      CASE
        WHEN DATE_DIFF('DAY', "s"."PeriodStart", "s"."OrderDate") < "s"."DaysSincePrevious"
        THEN 1
      END
    ) AS "ReturningCustomers",
    SUM(CASE WHEN "s"."FirstPurchaseDate" >= "s"."PeriodStart" THEN "s"."Amount" END) AS "NewSales",
    SUM(CASE WHEN "s"."FirstPurchaseDate" < "s"."PeriodStart" THEN "s"."Amount" END) AS "ReturningSales",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount"
  FROM (
    SELECT
      "src"."OrderDate" AS "PeriodStart",
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate",
      "src"."Amount" AS "Amount",
      "src"."FirstPurchaseDate" AS "FirstPurchaseDate"
    FROM "CustomerPurchaseHistoryView" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."PeriodStart"
)
SELECT
  'year' AS "Grain",
  "Purchases_to_as_of_year"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_year"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_year"."ReturningSales", 0) AS "ReturningSales",
  CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) / NULLIF(
    COALESCE("Purchases_to_as_of_year"."NewSales", 0) + COALESCE("Purchases_to_as_of_year"."ReturningSales", 0),
    0
  ) AS DOUBLE) AS "NewSalesShare",
  CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_year"."NewCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerNewCustomer",
  CAST(COALESCE("Purchases_to_as_of_year"."ReturningSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_year"."AvgDaysSincePreviousPurchase" AS DOUBLE) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_year"
UNION ALL
SELECT
  'month' AS "Grain",
  "Purchases_to_as_of_month"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_month"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_month"."ReturningSales", 0) AS "ReturningSales",
  CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) / NULLIF(
    COALESCE("Purchases_to_as_of_month"."NewSales", 0) + COALESCE("Purchases_to_as_of_month"."ReturningSales", 0),
    0
  ) AS DOUBLE) AS "NewSalesShare",
  CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_month"."NewCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerNewCustomer",
  CAST(COALESCE("Purchases_to_as_of_month"."ReturningSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_month"."AvgDaysSincePreviousPurchase" AS DOUBLE) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_month"
UNION ALL
SELECT
  'day' AS "Grain",
  "Purchases_to_as_of_day"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_day"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_day"."ReturningSales", 0) AS "ReturningSales",
  CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) / NULLIF(
    COALESCE("Purchases_to_as_of_day"."NewSales", 0) + COALESCE("Purchases_to_as_of_day"."ReturningSales", 0),
    0
  ) AS DOUBLE) AS "NewSalesShare",
  CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_day"."NewCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerNewCustomer",
  CAST(COALESCE("Purchases_to_as_of_day"."ReturningSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase" AS DOUBLE) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_day";
