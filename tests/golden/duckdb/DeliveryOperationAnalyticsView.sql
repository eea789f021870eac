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
        THEN DATE_DIFF(
          'DAY',
          COALESCE(
            CAST(TRY_STRPTIME("s"."PlannedDate", '%Y/%m/%d') AS DATE),
            CAST(STRPTIME("s"."PlannedDate", '%Y/%m/%d') AS DATE)
          ),
          COALESCE(
            CAST(TRY_STRPTIME("s"."DeliveredDate", '%Y/%m/%d') AS DATE),
            CAST(STRPTIME("s"."DeliveredDate", '%Y/%m/%d') AS DATE)
          )
        )
      END
    ) AS "AvgDeliveryDelayDays"
  FROM (
    SELECT
      "Factor_parent".CustID AS "CustID",
      "src".Status AS "Status",
      "src".DeliveredDate AS "DeliveredDate",
      "src".PlannedDate AS "PlannedDate"
    FROM Delivery AS "src"
    INNER JOIN Factor AS "Factor_parent"
      ON "Factor_parent".FactorID = "src".FactorID
    WHERE
      "Factor_parent".Status <> 'canceled'
  ) AS "s"
  WHERE
    "s"."PlannedDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID"
)
SELECT
  "Delivery_to_as_of"."CustID" AS "CustID",
  COALESCE("Delivery_to_as_of"."Deliveries", 0) AS "Deliveries",
  COALESCE("Delivery_to_as_of"."DeliveredOnTime", 0) AS "DeliveredOnTime",
  COALESCE("Delivery_to_as_of"."DeliveredLate", 0) AS "DeliveredLate",
  COALESCE("Delivery_to_as_of"."FailedDeliveries", 0) AS "FailedDeliveries",
  COALESCE("Delivery_to_as_of"."PendingDeliveries", 0) AS "PendingDeliveries",
  CAST("Delivery_to_as_of"."AvgDeliveryDelayDays" AS DOUBLE) AS "AvgDeliveryDelayDays"
FROM "Delivery_to_as_of";
