CREATE OR REPLACE VIEW "CustomerCompositionView" AS
WITH "Purchases_to_as_of_day" AS (
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
    SUM("s"."Amount") AS "PurchasesAmount",
    AVG("s"."DaysSincePrevious") AS "AvgDaysSincePreviousPurchase",
    COUNT(*) AS "PurchaseCount",
    COUNT(
      CASE
        WHEN DATE_DIFF('DAY', CAST(DATE_TRUNC('YEAR', "s"."PeriodStart") AS DATE), "s"."OrderDate") < "s"."DaysSincePrevious"
        THEN 1
      END
    ) AS "ReturningCustomers__year",
    COUNT(
      CASE
        WHEN DATE_DIFF('DAY', CAST(DATE_TRUNC('MONTH', "s"."PeriodStart") AS DATE), "s"."OrderDate") < "s"."DaysSincePrevious"
        THEN 1
      END
    ) AS "ReturningCustomers__month",
    SUM(
      CASE
        WHEN "s"."FirstPurchaseDate" >= CAST(DATE_TRUNC('YEAR', "s"."PeriodStart") AS DATE)
        THEN "s"."Amount"
      END
    ) AS "NewSales__year",
    SUM(
      CASE
        WHEN "s"."FirstPurchaseDate" >= CAST(DATE_TRUNC('MONTH', "s"."PeriodStart") AS DATE)
        THEN "s"."Amount"
      END
    ) AS "NewSales__month",
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
    CAST(DATE_TRUNC('YEAR', "Purchases_to_as_of_day"."PeriodStart") AS DATE) AS "PeriodStart",
    CAST(SUM("Purchases_to_as_of_day"."NewCustomers") AS BIGINT) AS "NewCustomers",
    CAST(SUM("Purchases_to_as_of_day"."ReturningCustomers__year") AS BIGINT) AS "ReturningCustomers",
    SUM("Purchases_to_as_of_day"."NewSales__year") AS "NewSales",
    SUM("Purchases_to_as_of_day"."PurchasesAmount") AS "PurchasesAmount",
    SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__sum") / NULLIF(SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__count"), 0) AS "AvgDaysSincePreviousPurchase",
    CAST(SUM("Purchases_to_as_of_day"."PurchaseCount") AS BIGINT) AS "PurchaseCount"
  FROM "Purchases_to_as_of_day"
  GROUP BY
    CAST(DATE_TRUNC('YEAR', "Purchases_to_as_of_day"."PeriodStart") AS DATE)
), "Purchases_to_as_of_month" AS (
  SELECT
    CAST(DATE_TRUNC('MONTH', "Purchases_to_as_of_day"."PeriodStart") AS DATE) AS "PeriodStart",
    CAST(SUM("Purchases_to_as_of_day"."NewCustomers") AS BIGINT) AS "NewCustomers",
    CAST(SUM("Purchases_to_as_of_day"."ReturningCustomers__month") AS BIGINT) AS "ReturningCustomers",
    SUM("Purchases_to_as_of_day"."NewSales__month") AS "NewSales",
    SUM("Purchases_to_as_of_day"."PurchasesAmount") AS "PurchasesAmount",
    SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__sum") / NULLIF(SUM("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase__count"), 0) AS "AvgDaysSincePreviousPurchase",
    CAST(SUM("Purchases_to_as_of_day"."PurchaseCount") AS BIGINT) AS "PurchaseCount"
  FROM "Purchases_to_as_of_day"
  GROUP BY
    CAST(DATE_TRUNC('MONTH', "Purchases_to_as_of_day"."PeriodStart") AS DATE)
)
SELECT
  'year' AS "Grain",
  "Purchases_to_as_of_year"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_year"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_year"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_year"."NewSales", 0) AS "ReturningSales",
  CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) / NULLIF(
    COALESCE("Purchases_to_as_of_year"."NewSales", 0) + (
      COALESCE("Purchases_to_as_of_year"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_year"."NewSales", 0)
    ),
    0
  ) AS DOUBLE) AS "NewSalesShare",
  CAST(COALESCE("Purchases_to_as_of_year"."NewSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_year"."NewCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerNewCustomer",
  CAST((
    COALESCE("Purchases_to_as_of_year"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_year"."NewSales", 0)
  ) / NULLIF(COALESCE("Purchases_to_as_of_year"."ReturningCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_year"."AvgDaysSincePreviousPurchase" AS DOUBLE) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_year"
UNION ALL
SELECT
  'month' AS "Grain",
  "Purchases_to_as_of_month"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_month"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_month"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_month"."NewSales", 0) AS "ReturningSales",
  CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) / NULLIF(
    COALESCE("Purchases_to_as_of_month"."NewSales", 0) + (
      COALESCE("Purchases_to_as_of_month"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_month"."NewSales", 0)
    ),
    0
  ) AS DOUBLE) AS "NewSalesShare",
  CAST(COALESCE("Purchases_to_as_of_month"."NewSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_month"."NewCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerNewCustomer",
  CAST((
    COALESCE("Purchases_to_as_of_month"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_month"."NewSales", 0)
  ) / NULLIF(COALESCE("Purchases_to_as_of_month"."ReturningCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_month"."AvgDaysSincePreviousPurchase" AS DOUBLE) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_month"
UNION ALL
SELECT
  'day' AS "Grain",
  "Purchases_to_as_of_day"."PeriodStart" AS "PeriodStart",
  COALESCE("Purchases_to_as_of_day"."NewCustomers", 0) AS "NewCustomers",
  COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0) AS "ReturningCustomers",
  COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS "NewSales",
  COALESCE("Purchases_to_as_of_day"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_day"."NewSales", 0) AS "ReturningSales",
  CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) / NULLIF(
    COALESCE("Purchases_to_as_of_day"."NewSales", 0) + (
      COALESCE("Purchases_to_as_of_day"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_day"."NewSales", 0)
    ),
    0
  ) AS DOUBLE) AS "NewSalesShare",
  CAST(COALESCE("Purchases_to_as_of_day"."NewSales", 0) / NULLIF(COALESCE("Purchases_to_as_of_day"."NewCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerNewCustomer",
  CAST((
    COALESCE("Purchases_to_as_of_day"."PurchasesAmount", 0) - COALESCE("Purchases_to_as_of_day"."NewSales", 0)
  ) / NULLIF(COALESCE("Purchases_to_as_of_day"."ReturningCustomers", 0), 0) AS DOUBLE) AS "AvgSalesPerReturningCustomer",
  CAST("Purchases_to_as_of_day"."AvgDaysSincePreviousPurchase" AS DOUBLE) AS "AvgDaysSincePreviousPurchase"
FROM "Purchases_to_as_of_day";
