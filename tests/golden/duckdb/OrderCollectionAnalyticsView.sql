CREATE OR REPLACE VIEW "OrderCollectionAnalyticsView" AS
WITH "Collection_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    SUM(CASE WHEN "s"."DueDate" <= '2024/06/30' THEN "s"."Amount" END) AS "BilledAmount",
    SUM(CASE WHEN "s"."PayDate" <= '2024/06/30' THEN "s"."Amount" END) AS "CollectedAmount",
    SUM(
      CASE
        WHEN "s"."DueDate" <= '2024/06/30'
        AND (
          "s"."PayDate" IS NULL OR "s"."PayDate" > '2024/06/30'
        )
        THEN "s"."Amount"
      END
    ) AS "OutstandingAmount",
    SUM(
      CASE
        WHEN "s"."DueDate" < '2024/06/30'
        AND (
          "s"."PayDate" IS NULL OR "s"."PayDate" > '2024/06/30'
        )
        THEN "s"."Amount"
      END
    ) AS "OverdueAmount",
    AVG(
      CASE
        WHEN "s"."PayDate" <= '2024/06/30'
        THEN DATE_DIFF(
          'DAY',
          COALESCE(
            CAST(TRY_STRPTIME("s"."DueDate", '%Y/%m/%d') AS DATE),
            CAST(STRPTIME("s"."DueDate", '%Y/%m/%d') AS DATE)
          ),
          COALESCE(
            CAST(TRY_STRPTIME("s"."PayDate", '%Y/%m/%d') AS DATE),
            CAST(STRPTIME("s"."PayDate", '%Y/%m/%d') AS DATE)
          )
        )
      END
    ) AS "AvgPaymentDelayDays",
    COUNT(
      CASE
        WHEN "s"."PayDate" <= '2024/06/30' AND "s"."PayDate" <= "s"."DueDate"
        THEN 1
      END
    ) AS "PaymentsOnTime",
    COUNT(CASE WHEN "s"."PayDate" <= '2024/06/30' THEN 1 END) AS "PaymentsMade",
    COUNT(CASE WHEN "s"."DueDate" <= '2024/06/30' THEN 1 END) AS "InstallmentsDue"
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
  CAST("Collection_to_as_of"."AvgPaymentDelayDays" AS DOUBLE) AS "AvgPaymentDelayDays",
  CAST(COALESCE("Collection_to_as_of"."PaymentsOnTime", 0) / NULLIF(COALESCE("Collection_to_as_of"."PaymentsMade", 0), 0) AS DOUBLE) AS "OnTimePaymentShare"
FROM "Collection_to_as_of"
WHERE
  "Collection_to_as_of"."InstallmentsDue" > 0
  OR "Collection_to_as_of"."PaymentsMade" > 0;
