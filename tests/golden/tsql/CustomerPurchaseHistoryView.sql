CREATE OR ALTER VIEW [CustomerPurchaseHistoryView] AS
SELECT
  [base].FactorID AS [FactorID],
  [base].CustID AS [CustID],
  [base].SCID AS [SCID],
  CONVERT(DATE, [base].FactorDate, 111) AS [OrderDate],
  [base].Amount AS [Amount],
  ROW_NUMBER() OVER (
    PARTITION BY [base].CustID
    ORDER BY CONVERT(DATE, [base].FactorDate, 111), [base].FactorID
  ) AS [PurchaseNo],
  MIN(CONVERT(DATE, [base].FactorDate, 111)) OVER (PARTITION BY [base].CustID) AS [FirstPurchaseDate],
  DATEDIFF(
    DAY,
    LAG(CONVERT(DATE, [base].FactorDate, 111)) OVER (
      PARTITION BY [base].CustID
      ORDER BY CONVERT(DATE, [base].FactorDate, 111), [base].FactorID
    ),
    CONVERT(DATE, [base].FactorDate, 111)
  ) AS [DaysSincePrevious]
FROM Factor AS [base]
WHERE
  [base].Status <> 'canceled' AND [base].FactorDate <= '2024/06/30';
GO
