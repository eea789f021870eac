CREATE OR REPLACE VIEW "CustomerPurchaseHistoryView" AS
SELECT
  "base".FactorID AS "FactorID",
  "base".CustID AS "CustID",
  "base".SCID AS "SCID",
  DATE("base".FactorDate, 'yyyy/mm/DD') AS "OrderDate",
  "base".Amount AS "Amount",
  ROW_NUMBER() OVER (
    PARTITION BY "base".CustID
    ORDER BY DATE("base".FactorDate, 'yyyy/mm/DD') NULLS FIRST, "base".FactorID NULLS FIRST
  ) AS "PurchaseNo",
  MIN(DATE("base".FactorDate, 'yyyy/mm/DD')) OVER (PARTITION BY "base".CustID) AS "FirstPurchaseDate",
  DATEDIFF(
    DAY,
    LAG(DATE("base".FactorDate, 'yyyy/mm/DD')) OVER (
      PARTITION BY "base".CustID
      ORDER BY DATE("base".FactorDate, 'yyyy/mm/DD') NULLS FIRST, "base".FactorID NULLS FIRST
    ),
    DATE("base".FactorDate, 'yyyy/mm/DD')
  ) AS "DaysSincePrevious"
FROM Factor AS "base"
WHERE
  "base".Status <> 'canceled' AND "base".FactorDate <= '2024/06/30';
