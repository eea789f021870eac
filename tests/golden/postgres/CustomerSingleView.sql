CREATE OR REPLACE VIEW "CustomerSingleView" AS
WITH "CustomerVisit_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    COUNT(*) AS "Visits",
    TO_DATE(MIN("s"."VisitDate"), 'YYYY/MM/DD') AS "FirstVisitDay",
    TO_DATE(MAX("s"."VisitDate"), 'YYYY/MM/DD') AS "LastVisitDay"
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
    TO_DATE(MIN("s"."FactorDate"), 'YYYY/MM/DD') AS "FirstPurchaseDay",
    AVG("s"."Amount") AS "TotalAvgInvoiceValue",
    MAX("s"."Amount") FILTER(WHERE
      "s"."LastBasketAmount__rank" = 1) AS "LastBasketAmount",
    MAX("s"."Amount") FILTER(WHERE
      "s"."LastBasketAmount__rank" = 2) AS "PreviousBasketAmount",
    MAX("s"."Amount") FILTER(WHERE
      "s"."LastBasketAmount__rank" = 3) AS "SecondPreviousBasketAmount",
    TO_DATE(MAX("s"."FactorDate"), 'YYYY/MM/DD') AS "LastPurchaseDay",
    COUNT(*) AS "TotalInvoices"
  FROM (
    SELECT
      "s".*,
      ROW_NUMBER() OVER (
        PARTITION BY "s"."CustID"
        ORDER BY "s"."FactorDate" DESC NULLS LAST, "s"."FactorID" DESC NULLS LAST
      ) AS "LastBasketAmount__rank"
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
  ) AS "s"
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
  CAST(CAST((
    COALESCE("CustomerVisit_to_as_of"."Visits", 0) * 7
  ) AS DOUBLE PRECISION) / (
    (
      CAST('2024-06-30' AS DATE) - "CustomerVisit_to_as_of"."FirstVisitDay"
    ) + 1
  ) AS DOUBLE PRECISION) AS "AVG_WEEKLY_VISIT",
  CAST(CAST((
    COALESCE("Factor_to_as_of"."TotalRevenue", 0) * 7
  ) AS DOUBLE PRECISION) / (
    (
      CAST('2024-06-30' AS DATE) - "Factor_to_as_of"."FirstPurchaseDay"
    ) + 1
  ) AS DOUBLE PRECISION) AS "AVG_WEEKLY_SPEND",
  "Factor_to_as_of"."TotalAvgInvoiceValue" AS "AVG_BASKET_SIZE",
  "Factor_to_as_of"."LastBasketAmount" AS "LAST_BASKET_SIZE",
  "Factor_to_as_of"."PreviousBasketAmount" AS "PREVIOUS_1BASKET_SIZE",
  "Factor_to_as_of"."SecondPreviousBasketAmount" AS "PREVIOUS_2BASKET_SIZE",
  CAST(CAST((
    "Factor_to_as_of"."LastPurchaseDay" - "Factor_to_as_of"."FirstPurchaseDay"
  ) AS DOUBLE PRECISION) / NULLIF(COALESCE("Factor_to_as_of"."TotalInvoices", 0) - 1, 0) AS DOUBLE PRECISION) AS "MTBP",
  CAST((
    CAST((
      "Factor_to_as_of"."TotalAvgInvoiceValue" * COALESCE("Factor_to_as_of"."TotalInvoices", 0) * 365.25
    ) AS DOUBLE PRECISION) / (
      (
        CAST('2024-06-30' AS DATE) - "Factor_to_as_of"."FirstPurchaseDay"
      ) + 1
    )
  ) * 3 AS DOUBLE PRECISION) AS "LTV",
  CAST(CAST(COALESCE("Factor_to_as_of"."TotalRevenue", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("CustomerVisit_to_as_of"."Visits", 0), 0) AS DOUBLE PRECISION) AS "ARPU",
  CAST("CustomerVisit_to_as_of"."LastVisitDay" - "CustomerVisit_to_as_of"."FirstVisitDay" AS INT) AS "VISIT_DIFF"
FROM "Factor_to_as_of"
FULL JOIN "CustomerVisit_to_as_of"
  ON "CustomerVisit_to_as_of"."CustID" = "Factor_to_as_of"."CustID"
LEFT JOIN Customer AS "customer"
  ON "customer".CustID = COALESCE("Factor_to_as_of"."CustID", "CustomerVisit_to_as_of"."CustID");
