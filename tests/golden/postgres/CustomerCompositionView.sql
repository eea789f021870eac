CREATE OR REPLACE VIEW "CustomerCompositionView" AS
WITH "Purchases_to_as_of_day" AS (
  SELECT
    "s"."PeriodStart" AS "PeriodStart",
    COUNT(*) FILTER(WHERE
      "s"."PurchaseNo" = 1) AS "NewCustomers",
    COUNT(*) FILTER(WHERE
      "s"."OrderDate" - "s"."PeriodStart" < "s"."DaysSincePrevious") AS "ReturningCustomers",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" >= "s"."PeriodStart") AS "NewSales",
    SUM("s"."Amount") AS "PurchasesAmount",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount",
    COUNT(*) FILTER(WHERE
      "s"."OrderDate" - CAST(DATE_TRUNC('YEAR', CAST("s"."PeriodStart" AS TIMESTAMP)) AS DATE) < "s"."DaysSincePrevious") AS "ReturningCustomers__year",
    COUNT(*) FILTER(WHERE
      "s"."OrderDate" - CAST(DATE_TRUNC('MONTH', CAST("s"."PeriodStart" AS TIMESTAMP)) AS DATE) < "s"."DaysSincePrevious") AS "ReturningCustomers__month",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" >= CAST(DATE_TRUNC('YEAR', CAST("s"."PeriodStart" AS TIMESTAMP)) AS DATE)) AS "NewSales__year",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FirstPurchaseDate" >= CAST(DATE_TRUNC('MONTH', CAST("s"."PeriodStart" AS TIMESTAMP)) AS DATE)) AS "NewSales__month",
    SUM("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase__sum",
    COUNT("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase__count"
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
), "Purchases_to_as_of_year" AS (
  SELECT
    CAST(DATE_TRUNC('YEAR', CAST("Purchases_to_as_of_day"."PeriodStart" AS TIMESTAMP)) AS DATE) AS "PeriodStart",
    CAST(SUM("Purchases_to_as_of_day"."NewCustomers") AS BIGINT) AS "NewCustomers",
    CAST(SUM("Purchases_to_as_of_day"."ReturningCustomers__year") AS BIGINT) AS "ReturningCustomers",
    SUM("Purchases_to_as_of_day"."NewSales__year") AS "NewSales",
    SUM("Purchases_to_as_of_day"."PurchasesAmount") AS "PurchasesAmount",
    CAST(SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__sum") AS DOUBLE PRECISION) / NULLIF(SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__count"), 0) AS "AvgDaysSincePreviousPurchase",
    CAST(SUM("Purchases_to_as_of_day"."PurchaseCount") AS BIGINT) AS "PurchaseCount"
  FROM "Purchases_to_as_of_day"
  GROUP BY
    CAST(DATE_TRUNC('YEAR', CAST("Purchases_to_as_of_day"."PeriodStart" AS TIMESTAMP)) AS DATE)
), "Purchases_to_as_of_month" AS (
  SELECT
    CAST(DATE_TRUNC('MONTH', CAST("Purchases_to_as_of_day"."PeriodStart" AS TIMESTAMP)) AS DATE) AS "PeriodStart",
    CAST(SUM("Purchases_to_as_of_day"."NewCustomers") AS BIGINT) AS "NewCustomers",
    CAST(SUM("Purchases_to_as_of_day"."ReturningCustomers__month") AS BIGINT) AS "ReturningCustomers",
    SUM("Purchases_to_as_of_day"."NewSales__month") AS "NewSales",
    SUM("Purchases_to_as_of_day"."PurchasesAmount") AS "PurchasesAmount",
    CAST(SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__sum") AS DOUBLE PRECISION) / NULLIF(SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__count"), 0) AS "AvgDaysSincePreviousPurchase",
    CAST(SUM("Purchases_to_as_of_day"."PurchaseCount") AS BIGINT) AS "PurchaseCount"
  FROM "Purchases_to_as_of_day"
  GROUP BY
    CAST(DATE_TRUNC('MONTH', CAST("Purchases_to_as_of_day"."PeriodStart" AS TIMESTAMP)) AS DATE)
)
SELECT
  'year' AS "Grain",
  "Purchases_to_as_of_year"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_year"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_year"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS "ReturningSales",
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(
    COALESCE("Purchases_to_as_of_year"."NewSales", 0) + (
      COALESCE("Purchases_to_as_of_year"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_year"."NewSales", 0)
    ),
    0
  ) AS DOUBLE PRECISION) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_year"."NewCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerNewCustomer",
  CAST(CAST((
    COALESCE("Purchases_to_as_of_year"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_year"."NewSales", 0)
  ) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_year"."AvgDaysSincePreviousPurchase" AS DOUBLE PRECISION) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_year"
UNION ALL
SELECT
  'month' AS "Grain",
  "Purchases_to_as_of_month"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_month"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_month"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS "ReturningSales",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(
    COALESCE("Purchases_to_as_of_month"."NewSales", 0) + (
      COALESCE("Purchases_to_as_of_month"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_month"."NewSales", 0)
    ),
    0
  ) AS DOUBLE PRECISION) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_month"."NewCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerNewCustomer",
  CAST(CAST((
    COALESCE("Purchases_to_as_of_month"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_month"."NewSales", 0)
  ) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_month"."AvgDaysSincePreviousPurchase" AS DOUBLE PRECISION) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_month"
UNION ALL
SELECT
  'day' AS "Grain",
  "Purchases_to_as_of_day"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_day"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_day"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS "ReturningSales",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(
    COALESCE("Purchases_to_as_of_day"."NewSales", 0) + (
      COALESCE("Purchases_to_as_of_day"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_day"."NewSales", 0)
    ),
    0
  ) AS DOUBLE PRECISION) AS "NewSalesShare",
  CAST(CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_day"."NewCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerNewCustomer",
  CAST(CAST((
    COALESCE("Purchases_to_as_of_day"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_day"."NewSales", 0)
  ) AS DOUBLE PRECISION) / NULLIF(COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0), 0) AS DOUBLE PRECISION) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase" AS DOUBLE PRECISION) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_day";
