CREATE OR REPLACE VIEW "OrderFinancialSummaryView" AS
WITH "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    COUNT(*) FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "WindowInvoices",
    SUM("s"."Amount") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "WindowRevenue",
    SUM("s"."Discount") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "WindowDiscount",
    SUM("s"."Cost") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "WindowCost",
    SUM("s"."Amount" - "s"."Cost") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "WindowProfit",
    SUM("s"."Amount") FILTER(WHERE
      NOT "s"."Cost" IS NULL AND "s"."FactorDate" >= '2024/04/02') AS "WindowCostedRevenue",
    AVG("s"."Amount") FILTER(WHERE
      "s"."FactorDate" >= '2024/04/02') AS "WindowAvgInvoiceValue",
    COUNT(*) AS "TotalInvoices",
    SUM("s"."Amount") AS "TotalRevenue",
    SUM("s"."Discount") AS "TotalDiscount",
    SUM("s"."Cost") AS "TotalCost",
    SUM("s"."Amount" - "s"."Cost") AS "TotalProfit",
    SUM("s"."Amount") FILTER(WHERE
      NOT "s"."Cost" IS NULL) AS "TotalCostedRevenue",
    AVG("s"."Amount") AS "TotalAvgInvoiceValue"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      "src".Amount AS "Amount",
      "src".Discount AS "Discount",
      "src".Cost AS "Cost",
      "src".FactorDate AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SCID"
)
SELECT
  "Factor_to_as_of"."CustID" AS "CustID",
  "Factor_to_as_of"."SCID" AS "SCID",
  COALESCE("Factor_to_as_of"."WindowInvoices", 0) AS "WindowInvoices",
  COALESCE("Factor_to_as_of"."WindowRevenue", 0) AS "WindowRevenue",
  COALESCE("Factor_to_as_of"."WindowDiscount", 0) AS "WindowDiscount",
  COALESCE("Factor_to_as_of"."WindowCost", 0) AS "WindowCost",
  COALESCE("Factor_to_as_of"."WindowProfit", 0) AS "WindowProfit",
  CAST(CAST(COALESCE("Factor_to_as_of"."WindowProfit", 0) AS DOUBLE PRECISION) / NULLIF("Factor_to_as_of"."WindowCostedRevenue", 0) AS DOUBLE PRECISION) AS "WindowMargin",
  "Factor_to_as_of"."WindowAvgInvoiceValue" AS "WindowAvgInvoiceValue",
  COALESCE("Factor_to_as_of"."TotalInvoices", 0) AS "TotalInvoices",
  COALESCE("Factor_to_as_of"."TotalRevenue", 0) AS "TotalRevenue",
  COALESCE("Factor_to_as_of"."TotalDiscount", 0) AS "TotalDiscount",
  COALESCE("Factor_to_as_of"."TotalCost", 0) AS "TotalCost",
  COALESCE("Factor_to_as_of"."TotalProfit", 0) AS "TotalProfit",
  CAST(CAST(COALESCE("Factor_to_as_of"."TotalProfit", 0) AS DOUBLE PRECISION) / NULLIF("Factor_to_as_of"."TotalCostedRevenue", 0) AS DOUBLE PRECISION) AS "TotalMargin",
  "Factor_to_as_of"."TotalAvgInvoiceValue" AS "TotalAvgInvoiceValue"
FROM "Factor_to_as_of";
