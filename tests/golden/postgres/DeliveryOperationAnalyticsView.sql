CREATE OR REPLACE VIEW "DeliveryOperationAnalyticsView" AS
WITH "Delivery_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    COUNT(*) AS "Deliveries",
    COUNT(
      CASE
        WHEN "s"."Status" = 'delivered' AND "s"."DeliveredDate" <= "s"."PlannedDate"
        THEN 1
      END
    ) AS "DeliveredOnTime",
    COUNT(
      CASE
        WHEN "s"."Status" = 'delivered' AND "s"."DeliveredDate" > "s"."PlannedDate"
        THEN 1
      END
    ) AS "DeliveredLate",
    COUNT(CASE WHEN "s"."Status" = 'failed' THEN 1 END) AS "FailedDeliveries",
    COUNT(CASE WHEN "s"."Status" IN ('pending', 'partial') THEN 1 END) AS "PendingDeliveries",
    AVG(
      CASE
        WHEN "s"."Status" = 'delivered'
        THEN "s"."DeliveredDate" - "s"."PlannedDate"
      END
    ) AS "AvgDeliveryDelayDays"
  FROM (
    SELECT
      "Factor_parent".CustID AS "CustID",
      "src".Status AS "Status",
      TO_DATE("src".DeliveredDate, 'YYYY/MM/DD') AS "DeliveredDate",
      TO_DATE("src".PlannedDate, 'YYYY/MM/DD') AS "PlannedDate"
    FROM Delivery AS "src"
    INNER JOIN Factor AS "Factor_parent"
      ON "Factor_parent".FactorID = "src".FactorID
    WHERE
      "Factor_parent".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."PlannedDate" <= CAST('2024-06-30' AS DATE)
  GROUP BY
    "s"."CustID"
), "row_keys" AS (
  SELECT
    "CustID"
  FROM "Delivery_to_as_of"
)
SELECT
  "row_keys"."CustID" AS "CustID",
  COALESCE("Delivery_to_as_of"."Deliveries", 0) AS "Deliveries",
  COALESCE("Delivery_to_as_of"."DeliveredOnTime", 0) AS "DeliveredOnTime",
  COALESCE("Delivery_to_as_of"."DeliveredLate", 0) AS "DeliveredLate",
  COALESCE("Delivery_to_as_of"."FailedDeliveries", 0) AS "FailedDeliveries",
  COALESCE("Delivery_to_as_of"."PendingDeliveries", 0) AS "PendingDeliveries",
  CAST("Delivery_to_as_of"."AvgDeliveryDelayDays" AS DOUBLE PRECISION) AS "AvgDeliveryDelayDays"
FROM "row_keys"
LEFT JOIN "Delivery_to_as_of"
  ON "Delivery_to_as_of"."CustID" = "row_keys"."CustID";
