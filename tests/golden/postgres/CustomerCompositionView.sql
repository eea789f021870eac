CREATE OR REPLACE VIEW "CustomerCompositionView" AS
WITH "Purchases_rows" AS MATERIALIZED (
  SELECT
    *
  FROM "CustomerPurchaseHistoryView" AS "src"
), "Purchases_to_as_of_year" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(*) FILTER(WHERE
      "s"."PurchaseNo" = 1) AS "NewCustomers",
    COUNT(*) FILTER(WHERE
      "s"."OrderDate" - "s"."PeriodStart" < "s"."DaysSincePrevious") AS "ReturningCustomers",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" >= "s"."PeriodStart") AS "NewSales",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" < "s"."PeriodStart") AS "ReturningSales",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount"
  FROM (
    SELECT
      CAST(DATE_TRUNC('YEAR', CAST("src"."OrderDate" AS TIMESTAMP)) AS DATE) AS "PeriodStart",
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate",
      "src"."Amount" AS "Amount",
      "src"."FirstPurchaseDate" AS "FirstPurchaseDate"
    FROM "Purchases_rows" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."PeriodStart"
), "Purchases_to_as_of_month" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(*) FILTER(WHERE
      "s"."PurchaseNo" = 1) AS "NewCustomers",
    COUNT(*) FILTER(WHERE
      "s"."OrderDate" - "s"."PeriodStart" < "s"."DaysSincePrevious") AS "ReturningCustomers",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" >= "s"."PeriodStart") AS "NewSales",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" < "s"."PeriodStart") AS "ReturningSales",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount"
  FROM (
    SELECT
      CAST(DATE_TRUNC('MONTH', CAST("src"."OrderDate" AS TIMESTAMP)) AS DATE) AS "PeriodStart",
      "src"."PurchaseNo" AS "PurchaseNo",
      "src"."DaysSincePrevious" AS "DaysSincePrevious",
      "src"."OrderDate" AS "OrderDate",
      "src"."Amount" AS "Amount",
      "src"."FirstPurchaseDate" AS "FirstPurchaseDate"
    FROM "Purchases_rows" AS "src"
  ) AS "s"
  WHERE
    "s"."OrderDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."PeriodStart"
), "Purchases_to_as_of_day" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(*) FILTER(WHERE
      "s"."PurchaseNo" = 1) AS "NewCustomers",
    COUNT(*) FILTER(WHERE
      "s"."OrderDate" - "s"."PeriodStart" < "s"."DaysSincePrevious") AS "ReturningCustomers",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" >= "s"."PeriodStart") AS "NewSales",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" < "s"."PeriodStart") AS "ReturningSales",
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
    FROM "Purchases_rows" AS "src"
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
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(
    COALESCE("Purchases_to_as_of_year"."NewSales", 0) + COALESCE("Purchases_to_as_of_year"."ReturningSales", 0),
    0
  ) AS DOUBLE PRECISION) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_year"."NewCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerNewCustomer",
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."ReturningSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_year"."AvgDaysSincePreviousPurchase" AS DOUBLE PRECISION) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_year"
UNION ALL
SELECT
  'month' AS "Grain",
  "Purchases_to_as_of_month"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_month"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_month"."ReturningSales", 0) AS "ReturningSales",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(
    COALESCE("Purchases_to_as_of_month"."NewSales", 0) + COALESCE("Purchases_to_as_of_month"."ReturningSales", 0),
    0
  ) AS DOUBLE PRECISION) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_month"."NewCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerNewCustomer",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."ReturningSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_month"."AvgDaysSincePreviousPurchase" AS DOUBLE PRECISION) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_month"
UNION ALL
SELECT
  'day' AS "Grain",
  "Purchases_to_as_of_day"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_day"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_day"."ReturningSales", 0) AS "ReturningSales",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(
    COALESCE("Purchases_to_as_of_day"."NewSales", 0) + COALESCE("Purchases_to_as_of_day"."ReturningSales", 0),
    0
  ) AS DOUBLE PRECISION) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_day"."NewCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerNewCustomer",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."ReturningSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase" AS DOUBLE PRECISION) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_day";
