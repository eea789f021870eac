CREATE OR REPLACE VIEW "OrderCollectionAnalyticsView" AS
WITH "Collection_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    SUM("s"."Amount") FILTER(WHERE
      "s"."DueDate" <= '2024/06/30') AS "BilledAmount",
    SUM("s"."Amount") FILTER(WHERE
      "s"."PayDate" <= '2024/06/30') AS "CollectedAmount",
    SUM("s"."Amount") FILTER(WHERE
      "s"."DueDate" <= '2024/06/30'
      AND (
        "s"."PayDate" IS NULL OR "s"."PayDate" > '2024/06/30'
      )) AS "OutstandingAmount",
    SUM("s"."Amount") FILTER(WHERE
      "s"."DueDate" < '2024/06/30'
      AND (
        "s"."PayDate" IS NULL OR "s"."PayDate" > '2024/06/30'
      )) AS "OverdueAmount",
    AVG(TO_DATE("s"."PayDate", 'YYYY/MM/DD') - TO_DATE("s"."DueDate", 'YYYY/MM/DD')) FILTER(WHERE
      "s"."PayDate" <= '2024/06/30') AS "AvgPaymentDelayDays",
    COUNT(*) FILTER(WHERE
      "s"."PayDate" <= '2024/06/30' AND "s"."PayDate" <= "s"."DueDate") AS "PaymentsOnTime",
    COUNT(*) FILTER(WHERE
      "s"."PayDate" <= '2024/06/30') AS "PaymentsMade",
    COUNT(*) FILTER(WHERE
      "s"."DueDate" <= '2024/06/30') AS "InstallmentsDue"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".Amount AS "Amount",
      "src".DueDate AS "DueDate",
      "src".PayDate AS "PayDate"
    FROM Collection AS "src"
  ) AS "s"
  GROUP BY
    "s"."CustID"
)
SELECT
  "Collection_to_as_of"."CustID" AS "CustID",
  COALESCE("Collection_to_as_of"."BilledAmount", 0) AS "BilledAmount",
  COALESCE("Collection_to_as_of"."CollectedAmount", 0) AS "CollectedAmount",
  COALESCE("Collection_to_as_of"."OutstandingAmount", 0) AS "OutstandingAmount",
  COALESCE("Collection_to_as_of"."OverdueAmount", 0) AS "OverdueAmount",
  CAST("Collection_to_as_of"."AvgPaymentDelayDays" AS DOUBLE PRECISION) AS "AvgPaymentDelayDays",
  CAST(CAST(COALESCE("Collection_to_as_of"."PaymentsOnTime", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Collection_to_as_of"."PaymentsMade", 0), 0) AS DOUBLE PRECISION) AS "OnTimePaymentShare"
FROM "Collection_to_as_of"
WHERE
  "Collection_to_as_of"."InstallmentsDue" > 0
  OR "Collection_to_as_of"."PaymentsMade" > 0;
