CREATE OR REPLACE VIEW "CustomerQuarterlyRFMView" AS
SELECT
  "base"."CustID" AS "CustID",
  "base"."QuarterStart" AS "QuarterStart",
  "base"."Frequency" AS "Frequency",
  "base"."Monetary" AS "Monetary",
  "base"."Profit" AS "Profit",
  NTILE(4) OVER (
    PARTITION BY "base"."QuarterStart"
    ORDER BY "base"."Frequency" NULLS FIRST, "base"."CustID" NULLS FIRST
  ) AS "FrequencyScore",
  NTILE(4) OVER (
    PARTITION BY "base"."QuarterStart"
    ORDER BY "base"."Profit" NULLS FIRST, "base"."CustID" NULLS FIRST
  ) AS "ProfitScore",
  CASE
    WHEN NTILE(4) OVER (
      PARTITION BY "base"."QuarterStart"
      ORDER BY "base"."Frequency" NULLS FIRST, "base"."CustID" NULLS FIRST
    ) + NTILE(4) OVER (
      PARTITION BY "base"."QuarterStart"
      ORDER BY "base"."Profit" NULLS FIRST, "base"."CustID" NULLS FIRST
    ) >= 7
    THEN 'High Value'
    WHEN NTILE(4) OVER (
      PARTITION BY "base"."QuarterStart"
      ORDER BY "base"."Frequency" NULLS FIRST, "base"."CustID" NULLS FIRST
    ) + NTILE(4) OVER (
      PARTITION BY "base"."QuarterStart"
      ORDER BY "base"."Profit" NULLS FIRST, "base"."CustID" NULLS FIRST
    ) >= 5
    THEN 'Average'
    WHEN NTILE(4) OVER (
      PARTITION BY "base"."QuarterStart"
      ORDER BY "base"."Frequency" NULLS FIRST, "base"."CustID" NULLS FIRST
    ) + NTILE(4) OVER (
      PARTITION BY "base"."QuarterStart"
      ORDER BY "base"."Profit" NULLS FIRST, "base"."CustID" NULLS FIRST
    ) >= 3
    THEN 'Below Average'
    ELSE 'Low Value'
  END AS "Segment",
  "dates"."FirstPurchaseDate" AS "FirstPurchaseDate",
  "dates"."LastPurchaseDate" AS "LastPurchaseDate",
  CASE
    WHEN "dates"."LastPurchaseDate" >= CAST(DATE_TRUNC('QUARTER', CAST(CAST('2024-06-30' AS DATE) AS TIMESTAMP)) AS DATE)
    THEN 1
    ELSE 0
  END AS "IsRecent"
FROM "CustomerQuarterlyPurchasesView" AS "base"
LEFT JOIN "CustomerPurchaseDatesView" AS "dates"
  ON "dates"."CustID" = "base"."CustID";
