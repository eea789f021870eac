CREATE OR REPLACE VIEW "OrderReturnSummaryView" AS
WITH "ReturnFactor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    COUNT(*) AS "ReturnCount",
    SUM("s"."Amount") AS "ReturnAmount",
    MAX(
      CASE
        WHEN "s"."TopReturnReason__rank" = 1 AND "s"."TopReturnReason__freq" > 0
        THEN "s"."Reason"
      END
    ) AS "TopReturnReason"
  FROM (
    SELECT
      "s".*,
      ROW_NUMBER() OVER (
        PARTITION BY "s"."CustID"
        ORDER BY "s"."TopReturnReason__freq" DESC NULLS LAST, "s"."Reason" ASC
      ) AS "TopReturnReason__rank"
    FROM (
      SELECT
        "s".*,
        COUNT("s"."Reason") OVER (PARTITION BY "s"."CustID", "s"."Reason") AS "TopReturnReason__freq"
      FROM (
        SELECT
          "src".CustID AS "CustID",
          "src".Amount AS "Amount",
          "src".Reason AS "Reason",
          "src".ReturnDate AS "ReturnDate"
        FROM ReturnFactor AS "src"
      ) AS "s"
      WHERE
        "s"."ReturnDate" <= '2024/06/30'
    ) AS "s"
  ) AS "s"
  GROUP BY
    "s"."CustID"
), "Factor_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    SUM("s"."Amount") AS "TotalRevenue",
    COUNT(*) AS "TotalInvoices"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".Amount AS "Amount",
      "src".FactorDate AS "FactorDate"
    FROM Factor AS "src"
    WHERE
      "src".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."FactorDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID"
), "row_keys" AS (
  SELECT
    "CustID"
  FROM "Factor_to_as_of"
  UNION
  SELECT
    "CustID"
  FROM "ReturnFactor_to_as_of"
)
SELECT
  "row_keys"."CustID" AS "CustID",
  COALESCE("ReturnFactor_to_as_of"."ReturnCount", 0) AS "ReturnCount",
  COALESCE("ReturnFactor_to_as_of"."ReturnAmount", 0) AS "ReturnAmount",
  COALESCE("Factor_to_as_of"."TotalRevenue", 0) AS "SalesAmount",
  CAST(CAST(COALESCE("ReturnFactor_to_as_of"."ReturnAmount", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Factor_to_as_of"."TotalRevenue", 0), 0) AS DOUBLE PRECISION) AS "ReturnRate",
  "ReturnFactor_to_as_of"."TopReturnReason" AS "TopReturnReason"
FROM "row_keys"
LEFT JOIN "ReturnFactor_to_as_of"
  ON "ReturnFactor_to_as_of"."CustID" = "row_keys"."CustID"
LEFT JOIN "Factor_to_as_of"
  ON "Factor_to_as_of"."CustID" = "row_keys"."CustID";
