CREATE OR REPLACE VIEW "CustomerABCClassView" AS
SELECT
  "base"."CustID" AS "CustID",
  "base"."Revenue" AS "Revenue",
  "base"."__window_0" AS "RevenueRank",
  "base"."__window_1" AS "CumulativeRevenue",
  "base"."__window_2" AS "AllCustomersRevenue",
  CAST("base"."__window_1" AS Nullable(Float64)) / "base"."__window_2" AS "CumulativeShare",
  CASE
    WHEN 100 * (
      "base"."__window_1" - "base"."Revenue"
    ) < 80 * "base"."__window_2"
    THEN 'A'
    WHEN 100 * (
      "base"."__window_1" - "base"."Revenue"
    ) < (
      80 + 15
    ) * "base"."__window_2"
    THEN 'B'
    ELSE 'C'
  END AS "ABCClass"
FROM (
  SELECT
    "base".*,
    ROW_NUMBER() OVER (ORDER BY "base"."Revenue" DESC, "base"."CustID" NULLS FIRST) AS "__window_0",
    SUM("base"."Revenue") OVER (
      ORDER BY "base"."Revenue" DESC, "base"."CustID" NULLS FIRST
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS "__window_1",
    SUM("base"."Revenue") OVER () AS "__window_2"
  FROM "CustomerWindowRevenueView" AS "base"
) AS "base";
