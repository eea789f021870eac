DROP VIEW IF EXISTS "CustomerPurchaseHistoryView";

CREATE VIEW "CustomerPurchaseHistoryView" AS
SELECT
  "base".FactorID AS "FactorID",
  "base".CustID AS "CustID",
  "base".SCID AS "SCID",
  DATE(REPLACE("base".FactorDate, '/', '-')) AS "OrderDate",
  "base".Amount AS "Amount",
  ROW_NUMBER() OVER (
    PARTITION BY "base".CustID
    ORDER BY DATE(REPLACE("base".FactorDate, '/', '-')), "base".FactorID
  ) AS "PurchaseNo",
  MIN(DATE(REPLACE("base".FactorDate, '/', '-'))) OVER (PARTITION BY "base".CustID) AS "FirstPurchaseDate",
  CAST((JULIANDAY(DATE(REPLACE("base".FactorDate, '/', '-'))) - JULIANDAY(LAG(DATE(REPLACE("base".FactorDate, '/', '-'))) OVER (
    PARTITION BY "base".CustID
    ORDER BY DATE(REPLACE("base".FactorDate, '/', '-')), "base".FactorID
  ))) AS INTEGER) AS "DaysSincePrevious"
FROM Factor AS "base"
WHERE
  "base".Status <> 'canceled' AND "base".FactorDate <= '2024/06/30';
