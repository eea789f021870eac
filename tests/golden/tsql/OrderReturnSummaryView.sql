CREATE OR ALTER VIEW [OrderReturnSummaryView] AS
WITH [ReturnFactor_to_as_of] AS (
  SELECT
    [s].[CustID] AS [CustID],
    [s].[ReturnCount] AS [ReturnCount],
    [s].[ReturnAmount] AS [ReturnAmount],
    [TopReturnReason__top].[TopReturnReason] AS [TopReturnReason]
  FROM (
    SELECT
      [s].[CustID] AS [CustID],
      COUNT(*) AS [ReturnCount],
      SUM([s].[Amount]) AS [ReturnAmount]
    FROM (
      SELECT
        [src].CustID AS [CustID],
        [src].Amount AS [Amount],
        [src].Reason AS [Reason],
        [src].ReturnDate AS [ReturnDate]
      FROM ReturnFactor AS [src]
    ) AS [s]
    WHERE
      [s].[ReturnDate] <= '2024/06/30'
    GROUP BY
      [s].[CustID]
  ) AS [s]
  LEFT JOIN (
    SELECT
      [CustID] AS [CustID],
      [TopReturnReason] AS [TopReturnReason]
    FROM (
      SELECT
        [CustID] AS [CustID],
        [TopReturnReason] AS [TopReturnReason],
        ROW_NUMBER() OVER (
          PARTITION BY [CustID]
          ORDER BY [__n] DESC, CASE WHEN [TopReturnReason] IS NULL THEN 1 ELSE 0 END, [TopReturnReason] ASC
        ) AS [__rank]
      FROM (
        SELECT
          [s].[CustID] AS [CustID],
          [s].[Reason] AS [TopReturnReason],
          COUNT(*) AS [__n]
        FROM (
          SELECT
            [src].CustID AS [CustID],
            [src].Amount AS [Amount],
            [src].Reason AS [Reason],
            [src].ReturnDate AS [ReturnDate]
          FROM ReturnFactor AS [src]
        ) AS [s]
        WHERE
          NOT [s].[Reason] IS NULL AND [s].[ReturnDate] <= '2024/06/30'
        GROUP BY
          [s].[CustID],
          [s].[Reason]
      ) AS [counted]
    ) AS [ranked]
    WHERE
      [__rank] = 1
  ) AS [TopReturnReason__top]
    ON [TopReturnReason__top].[CustID] = [s].[CustID]
), [Factor_to_as_of] AS (
  SELECT
    [s].[CustID] AS [CustID],
    SUM([s].[Amount]) AS [TotalRevenue],
    COUNT(*) AS [TotalInvoices]
  FROM (
    SELECT
      [src].CustID AS [CustID],
      [src].Amount AS [Amount],
      [src].FactorDate AS [FactorDate]
    FROM Factor AS [src]
    WHERE
      [src].Status <> 'canceled'
  ) AS [s]
  WHERE
    [s].[FactorDate] <= '2024/06/30'
  GROUP BY
    [s].[CustID]
), [row_keys] AS (
  SELECT
    [CustID]
  FROM [Factor_to_as_of]
  UNION
  SELECT
    [CustID]
  FROM [ReturnFactor_to_as_of]
)
SELECT
  [row_keys].[CustID] AS [CustID],
  COALESCE([ReturnFactor_to_as_of].[ReturnCount], 0) AS [ReturnCount],
  COALESCE([ReturnFactor_to_as_of].[ReturnAmount], 0) AS [ReturnAmount],
  COALESCE([Factor_to_as_of].[TotalRevenue], 0) AS [SalesAmount],
  CAST(CAST(COALESCE([ReturnFactor_to_as_of].[ReturnAmount], 0) AS FLOAT) / NULLIF(COALESCE([Factor_to_as_of].[TotalRevenue], 0), 0) AS FLOAT) AS [ReturnRate],
  [ReturnFactor_to_as_of].[TopReturnReason] AS [TopReturnReason]
FROM [row_keys]
LEFT JOIN [ReturnFactor_to_as_of]
  ON [ReturnFactor_to_as_of].[CustID] = [row_keys].[CustID]
LEFT JOIN [Factor_to_as_of]
  ON [Factor_to_as_of].[CustID] = [row_keys].[CustID];
GO
