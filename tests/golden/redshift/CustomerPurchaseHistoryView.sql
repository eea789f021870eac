CREATE OR REPLACE VIEW "CustomerPurchaseHistoryView" AS
SELECT
  "base".FactorID AS "FactorID",
  "base".CustID AS "CustID",
  "base".SCID AS "SCID",
  TO_DATE("base".FactorDate, 'YYYY/MM/DD') AS "OrderDate",
  "base".Amount AS "Amount",
  ROW_NUMBER() OVER (
    PARTITION BY "base".CustID
    ORDER BY TO_DATE("base".FactorDate, 'YYYY/MM/DD') NULLS FIRST, "base".FactorID NULLS FIRST
  ) AS "PurchaseNo",
  MIN(TO_DATE("base".FactorDate, 'YYYY/MM/DD')) OVER (PARTITION BY "base".CustID) AS "FirstPurchaseDate",
  DATEDIFF(
    DAY,
    LAG(TO_DATE("base".FactorDate, 'YYYY/MM/DD')) OVER (
      PARTITION BY "base".CustID
      ORDER BY TO_DATE("base".FactorDate, 'YYYY/MM/DD') NULLS FIRST, "base".FactorID NULLS FIRST
    ),
    TO_DATE("base".FactorDate, 'YYYY/MM/DD')
  ) AS "DaysSincePrevious"
FROM Factor AS "base"
WHERE
  "base".Status <> 'canceled' AND "base".FactorDate <= '2024/06/30';
