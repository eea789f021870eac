DROP VIEW IF EXISTS "CustomerCompositionView";

CREATE VIEW "CustomerCompositionView" AS
WITH "Purchases_to_as_of_year" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(CASE WHEN "s"."PurchaseNo" = 1 THEN 1 END) AS "NewCustomers",
    COUNT(
      CASE
        WHEN CAST((JULIANDAY("s"."OrderDate") - JULIANDAY("s"."PeriodStart")) AS INTEGER) < "s"."DaysSincePrevious"
        THEN 1
      END
    ) AS "ReturningCustomers",
    SUM(CASE WHEN "s"."FirstPurchaseDate" >= "s"."PeriodStart" THEN "s"."Amount" END) AS "NewSales",
    SUM(CASE WHEN "s"."FirstPurchaseDate" < "s"."PeriodStart" THEN "s"."Amount" END) AS "ReturningSales",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount"
  FROM (
    SELECT
      DATE("src"."OrderDate", 'start of year') AS "PeriodStart",
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate",
      "src"."Amount" AS "Amount",
      "src"."FirstPurchaseDate" AS "FirstPurchaseDate"
    FROM "CustomerPurchaseHistoryView" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= DATE('2024-06-30')
  GROUP BY
    "s"."PeriodStart"
), "Purchases_to_as_of_month" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(CASE WHEN "s"."PurchaseNo" = 1 THEN 1 END) AS "NewCustomers",
    COUNT(
      CASE
        WHEN CAST((JULIANDAY("s"."OrderDate") - JULIANDAY("s"."PeriodStart")) AS INTEGER) < "s"."DaysSincePrevious"
        THEN 1
      END
    ) AS "ReturningCustomers",
    SUM(CASE WHEN "s"."FirstPurchaseDate" >= "s"."PeriodStart" THEN "s"."Amount" END) AS "NewSales",
    SUM(CASE WHEN "s"."FirstPurchaseDate" < "s"."PeriodStart" THEN "s"."Amount" END) AS "ReturningSales",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount"
  FROM (
    SELECT
      DATE("src"."OrderDate", 'start of month') AS "PeriodStart",
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate",
      "src"."Amount" AS "Amount",
      "src"."FirstPurchaseDate" AS "FirstPurchaseDate"
    FROM "CustomerPurchaseHistoryView" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= DATE('2024-06-30')
  GROUP BY
    "s"."PeriodStart"
), "Purchases_to_as_of_day" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(CASE WHEN "s"."PurchaseNo" = 1 THEN 1 END) AS "NewCustomers",
    COUNT(
      CASE
        WHEN CAST((JULIANDAY("s"."OrderDate") - JULIANDAY("s"."PeriodStart")) AS INTEGER) < "s"."DaysSincePrevious"
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
    "s"."OrderDate" <= DATE('2024-06-30')
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
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS REAL) / NULLIF(
    COALESCE("Purchases_to_as_of_year"."NewSales", 0) + COALESCE("Purchases_to_as_of_year"."ReturningSales", 0),
    0
  ) AS REAL) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS REAL) / NULLIF(COALESCE("Purchases_to_as_of_year"."NewCustomers", 0), 0) AS REAL) AS "AvgSalesPerNewCustomer",
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."ReturningSales", 0) AS REAL) / NULLIF(COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0), 0) AS REAL) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_year"."AvgDaysSincePreviousPurchase" AS REAL) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_year"
UNION ALL
SELECT
  'month' AS "Grain",
  "Purchases_to_as_of_month"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_month"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_month"."ReturningSales", 0) AS "ReturningSales",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS REAL) / NULLIF(
    COALESCE("Purchases_to_as_of_month"."NewSales", 0) + COALESCE("Purchases_to_as_of_month"."ReturningSales", 0),
    0
  ) AS REAL) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS REAL) / NULLIF(COALESCE("Purchases_to_as_of_month"."NewCustomers", 0), 0) AS REAL) AS "AvgSalesPerNewCustomer",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."ReturningSales", 0) AS REAL) / NULLIF(COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0), 0) AS REAL) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_month"."AvgDaysSincePreviousPurchase" AS REAL) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_month"
UNION ALL
SELECT
  'day' AS "Grain",
  "Purchases_to_as_of_day"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_day"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_day"."ReturningSales", 0) AS "ReturningSales",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS REAL) / NULLIF(
    COALESCE("Purchases_to_as_of_day"."NewSales", 0) + COALESCE("Purchases_to_as_of_day"."ReturningSales", 0),
    0
  ) AS REAL) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS REAL) / NULLIF(COALESCE("Purchases_to_as_of_day"."NewCustomers", 0), 0) AS REAL) AS "AvgSalesPerNewCustomer",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."ReturningSales", 0) AS REAL) / NULLIF(COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0), 0) AS REAL) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase" AS REAL) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_day";
