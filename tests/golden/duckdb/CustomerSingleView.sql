CREATE OR REPLACE VIEW "CustomerSingleView" AS
WITH "CustomerVisit_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    COUNT(*) AS "Visits",
    CAST(STRPTIME(MIN("s"."VisitDate"), '%Y/%m/%d') AS DATE) AS "FirstVisitDay",
    CAST(STRPTIME(MAX("s"."VisitDate"), '%Y/%m/%d') AS DATE) AS "LastVisitDay"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".VisitDate AS "VisitDate"
    FROM CustomerVisit AS "src"
  ) AS "s"
  WHERE
    "s"."VisitDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID"
), "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    SUM("s"."Amount") AS "TotalRevenue",
    CAST(STRPTIME(MIN("s"."FactorDate"), '%Y/%m/%d') AS DATE) AS "FirstPurchaseDay",
    AVG("s"."Amount") AS "TotalAvgInvoiceValue",
    ARG_MAX("s"."Amount", ("s"."FactorDate", "s"."FactorID"), 3)[1] AS "LastBasketAmount",
    ARG_MAX("s"."Amount", ("s"."FactorDate", "s"."FactorID"), 3)[2] AS "PreviousBasketAmount",
    ARG_MAX("s"."Amount", ("s"."FactorDate", "s"."FactorID"), 3)[3] AS "SecondPreviousBasketAmount",
    CAST(STRPTIME(MAX("s"."FactorDate"), '%Y/%m/%d') AS DATE) AS "LastPurchaseDay",
    COUNT(*) AS "TotalInvoices"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".Amount AS "Amount",
      "src".FactorDate AS "FactorDate",
      "src".FactorID AS "FactorID"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID"
)
SELECT
  COALESCE("Factor_to_as_of"."CustID", "CustomerVisit_to_as_of"."CustID") AS "CustID",
  "customer".GrpID AS "GrpID",
  "customer".SCID AS "SCID",
  "customer".Lat AS "Lat",
  "customer".Lng AS "Lng",
  COALESCE("CustomerVisit_to_as_of"."Visits", 0) AS "TOTAL_VISIT",
  COALESCE("Factor_to_as_of"."TotalRevenue", 0) AS "TOTAL_SPEND",
  CAST((
    COALESCE("CustomerVisit_to_as_of"."Visits", 0) * 7
  ) / (
    DATE_DIFF('DAY', "CustomerVisit_to_as_of"."FirstVisitDay", CAST('2024-06-30' AS DATE)) + 1
  ) AS DOUBLE) AS "AVG_WEEKLY_VISIT",
  CAST((
    COALESCE("Factor_to_as_of"."TotalRevenue", 0) * 7
  ) / (
    DATE_DIFF('DAY', "Factor_to_as_of"."FirstPurchaseDay", CAST('2024-06-30' AS DATE)) + 1
  ) AS DOUBLE) AS "AVG_WEEKLY_SPEND",
  "Factor_to_as_of"."TotalAvgInvoiceValue" AS "AVG_BASKET_SIZE",
  "Factor_to_as_of"."LastBasketAmount" AS "LAST_BASKET_SIZE",
  "Factor_to_as_of"."PreviousBasketAmount" AS "PREVIOUS_1BASKET_SIZE",
  "Factor_to_as_of"."SecondPreviousBasketAmount" AS "PREVIOUS_2BASKET_SIZE",
  CAST(DATE_DIFF('DAY', "Factor_to_as_of"."FirstPurchaseDay", "Factor_to_as_of"."LastPurchaseDay") / NULLIF(COALESCE("Factor_to_as_of"."TotalInvoices", 0) - 1, 0) AS DOUBLE) AS "MTBP",
  CAST((
    (
      "Factor_to_as_of"."TotalAvgInvoiceValue" * COALESCE("Factor_to_as_of"."TotalInvoices", 0) * 365.25
    ) / (
      DATE_DIFF('DAY', "Factor_to_as_of"."FirstPurchaseDay", CAST('2024-06-30' AS DATE)) + 1
    )
  ) * 3 AS DOUBLE) AS "LTV",
  CAST(COALESCE("Factor_to_as_of"."TotalRevenue", 0) / NULLIF(COALESCE("CustomerVisit_to_as_of"."Visits", 0), 0) AS DOUBLE) AS "ARPU",
  CAST(DATE_DIFF(
    'DAY',
    "CustomerVisit_to_as_of"."FirstVisitDay",
    "CustomerVisit_to_as_of"."LastVisitDay"
  ) AS INT) AS "VISIT_DIFF"
FROM "Factor_to_as_of"
FULL JOIN "CustomerVisit_to_as_of"
  ON "CustomerVisit_to_as_of"."CustID" = "Factor_to_as_of"."CustID"
LEFT JOIN Customer AS "customer"
  ON "customer".CustID = COALESCE("Factor_to_as_of"."CustID", "CustomerVisit_to_as_of"."CustID");
