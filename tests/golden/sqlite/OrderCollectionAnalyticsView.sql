DROP VIEW IF EXISTS "OrderCollectionAnalyticsView";

CREATE VIEW "OrderCollectionAnalyticsView" AS
WITH "Collection_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    SUM(
      CASE
        WHEN DATE(REPLACE("s"."DueDate", '/', '-')) <= DATE('2024-06-30')
        THEN "s"."Amount"
      END
    ) AS "BilledAmount",
    SUM(
      CASE
        WHEN DATE(REPLACE("s"."PayDate", '/', '-')) <= DATE('2024-06-30')
        THEN "s"."Amount"
      END
    ) AS "CollectedAmount",
    SUM(
      CASE
        WHEN DATE(REPLACE("s"."DueDate", '/', '-')) <= DATE('2024-06-30')
        AND (
          DATE(REPLACE("s"."PayDate", '/', '-')) IS NULL
          OR DATE(REPLACE("s"."PayDate", '/', '-')) > DATE('2024-06-30')
        )
        THEN "s"."Amount"
      END
    ) AS "OutstandingAmount",
    SUM(
      CASE
        WHEN DATE(REPLACE("s"."DueDate", '/', '-')) < DATE('2024-06-30')
        AND (
          DATE(REPLACE("s"."PayDate", '/', '-')) IS NULL
          OR DATE(REPLACE("s"."PayDate", '/', '-')) > DATE('2024-06-30')
        )
        THEN "s"."Amount"
      END
    ) AS "OverdueAmount",
    AVG(
      CASE
        WHEN DATE(REPLACE("s"."PayDate", '/', '-')) <= DATE('2024-06-30')
        THEN CAST((JULIANDAY(DATE(REPLACE("s"."PayDate", '/', '-'))) - JULIANDAY(DATE(REPLACE("s"."DueDate", '/', '-')))) AS INTEGER)
      END
    ) AS "AvgPaymentDelayDays",
    COUNT(
      CASE
        WHEN DATE(REPLACE("s"."PayDate", '/', '-')) <= DATE('2024-06-30')
        AND DATE(REPLACE("s"."PayDate", '/', '-')) <= DATE(REPLACE("s"."DueDate", '/', '-'))
        THEN 1
      END
    ) AS "PaymentsOnTime",
    COUNT(
      CASE WHEN DATE(REPLACE("s"."PayDate", '/', '-')) <= DATE('2024-06-30') THEN 1 END
    ) AS "PaymentsMade",
    COUNT(
      CASE WHEN DATE(REPLACE("s"."DueDate", '/', '-')) <= DATE('2024-06-30') THEN 1 END
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
  CAST("Collection_to_as_of"."AvgPaymentDelayDays" AS REAL) AS "AvgPaymentDelayDays",
  CAST(CAST(COALESCE("Collection_to_as_of"."PaymentsOnTime", 0) AS REAL) / NULLIF(COALESCE("Collection_to_as_of"."PaymentsMade", 0), 0) AS REAL) AS "OnTimePaymentShare"
FROM "row_keys"
LEFT JOIN "Collection_to_as_of"
  ON "Collection_to_as_of"."CustID" = "row_keys"."CustID";
