CREATE OR ALTER VIEW [DeliveryOperationAnalyticsView] AS
WITH [Delivery_to_as_of] AS (
  SELECT
    [s].[CustID] AS [CustID],
    COUNT(*) AS [Deliveries],
    COUNT(
      CASE
        WHEN [s].[Status] = 'delivered' AND [s].[DeliveredDate] <= [s].[PlannedDate]
        THEN 1
      END
    ) AS [DeliveredOnTime],
    COUNT(
      CASE
        WHEN [s].[Status] = 'delivered' AND [s].[DeliveredDate] > [s].[PlannedDate]
        THEN 1
      END
    ) AS [DeliveredLate],
    COUNT(CASE WHEN [s].[Status] = 'failed' THEN 1 END) AS [FailedDeliveries],
    COUNT(CASE WHEN [s].[Status] IN ('pending', 'partial') THEN 1 END) AS [PendingDeliveries],
    AVG(
      CAST(CASE
        WHEN [s].[Status] = 'delivered'
        THEN DATEDIFF(DAY, [s].[PlannedDate], [s].[DeliveredDate])
      END AS FLOAT)
    ) AS [AvgDeliveryDelayDays]
  FROM (
    SELECT
      [Factor_parent].CustID AS [CustID],
      [src].Status AS [Status],
      CONVERT(DATE, [src].DeliveredDate, 111) AS [DeliveredDate],
      CONVERT(DATE, [src].PlannedDate, 111) AS [PlannedDate]
    FROM Delivery AS [src]
    INNER JOIN Factor AS [Factor_parent]
      ON [Factor_parent].FactorID = [src].FactorID
    WHERE
      [Factor_parent].Status <> 'canceled'
  ) AS [s]
  WHERE
    [s].[PlannedDate] <= CAST('2024-06-30' AS DATE)
  GROUP BY
    [s].[CustID]
), [row_keys] AS (
  SELECT
    [CustID]
  FROM [Delivery_to_as_of]
)
SELECT
  [row_keys].[CustID] AS [CustID],
  COALESCE([Delivery_to_as_of].[Deliveries], 0) AS [Deliveries],
  COALESCE([Delivery_to_as_of].[DeliveredOnTime], 0) AS [DeliveredOnTime],
  COALESCE([Delivery_to_as_of].[DeliveredLate], 0) AS [DeliveredLate],
  COALESCE([Delivery_to_as_of].[FailedDeliveries], 0) AS [FailedDeliveries],
  COALESCE([Delivery_to_as_of].[PendingDeliveries], 0) AS [PendingDeliveries],
  CAST([Delivery_to_as_of].[AvgDeliveryDelayDays] AS FLOAT) AS [AvgDeliveryDelayDays]
FROM [row_keys]
LEFT JOIN [Delivery_to_as_of]
  ON [Delivery_to_as_of].[CustID] = [row_keys].[CustID];
GO
