CREATE OR REPLACE VIEW "OrderCollectionAnalyticsView" AS
WITH "Collection_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    SUM(
      CASE
        WHEN TO_DATE("s"."DueDate", 'YYYY/MM/DD') <= CAST('2024-06-30' AS DATE)
        THEN "s"."Amount"
      END
    ) AS "BilledAmount",
    SUM(
      CASE
        WHEN TO_DATE("s"."PayDate", 'YYYY/MM/DD') <= CAST('2024-06-30' AS DATE)
        THEN "s"."Amount"
      END
    ) AS "CollectedAmount",
    SUM(
      CASE
        WHEN TO_DATE("s"."DueDate", 'YYYY/MM/DD') <= CAST('2024-06-30' AS DATE)
        AND (
          TO_DATE("s"."PayDate", 'YYYY/MM/DD') IS NULL
          OR TO_DATE("s"."PayDate", 'YYYY/MM/DD') > CAST('2024-06-30' AS DATE)
        )
        THEN "s"."Amount"
      END
    ) AS "OutstandingAmount",
    SUM(
      CASE
        WHEN TO_DATE("s"."DueDate", 'YYYY/MM/DD') < CAST('2024-06-30' AS DATE)
        AND (
          TO_DATE("s"."PayDate", 'YYYY/MM/DD') IS NULL
          OR TO_DATE("s"."PayDate", 'YYYY/MM/DD') > CAST('2024-06-30' AS DATE)
        )
        THEN "s"."Amount"
      END
    ) AS "OverdueAmount",
    AVG(
      CAST(CASE
        WHEN TO_DATE("s"."PayDate", 'YYYY/MM/DD') <= CAST('2024-06-30' AS DATE)
        THEN DATEDIFF(DAY, TO_DATE("s"."DueDate", 'YYYY/MM/DD'), TO_DATE("s"."PayDate", 'YYYY/MM/DD'))
      END AS DOUBLE PRECISION)
    ) AS "AvgPaymentDelayDays",
    COUNT(
      CASE
        WHEN TO_DATE("s"."PayDate", 'YYYY/MM/DD') <= CAST('2024-06-30' AS DATE)
        AND TO_DATE("s"."PayDate", 'YYYY/MM/DD') <= TO_DATE("s"."DueDate", 'YYYY/MM/DD')
        THEN 1
      END
    ) AS "PaymentsOnTime",
    COUNT(
      CASE
        WHEN TO_DATE("s"."PayDate", 'YYYY/MM/DD') <= CAST('2024-06-30' AS DATE)
        THEN 1
      END
    ) AS "PaymentsMade",
    COUNT(
      CASE
        WHEN TO_DATE("s"."DueDate", 'YYYY/MM/DD') <= CAST('2024-06-30' AS DATE)
        THEN 1
      END
    ) AS "InstallmentsDue"
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
), "row_keys" AS (
  SELECT
    "CustID"
  FROM "Collection_to_as_of"
  WHERE
    "InstallmentsDue" > 0
  UNION
  SELECT
    "CustID"
  FROM "Collection_to_as_of"
  WHERE
    "PaymentsMade" > 0
)
SELECT
  "row_keys"."CustID" AS "CustID",
  COALESCE("Collection_to_as_of"."BilledAmount", 0) AS "BilledAmount",
  COALESCE("Collection_to_as_of"."CollectedAmount", 0) AS "CollectedAmount",
  COALESCE("Collection_to_as_of"."OutstandingAmount", 0) AS "OutstandingAmount",
  COALESCE("Collection_to_as_of"."OverdueAmount", 0) AS "OverdueAmount",
  CAST("Collection_to_as_of"."AvgPaymentDelayDays" AS DOUBLE PRECISION) AS "AvgPaymentDelayDays",
  CAST(CAST(COALESCE("Collection_to_as_of"."PaymentsOnTime", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("Collection_to_as_of"."PaymentsMade", 0), 0) AS DOUBLE PRECISION) AS "OnTimePaymentShare"
FROM "row_keys"
LEFT JOIN "Collection_to_as_of"
  ON "Collection_to_as_of"."CustID" = "row_keys"."CustID";
