CREATE OR REPLACE VIEW "CustomerPurchaseHistoryView" AS
SELECT
  "base".FactorID AS "FactorID",
  "base".CustID AS "CustID",
  "base".SCID AS "SCID",
  CAST(DATE_PARSE("base".FactorDate, '%Y/%m/%d') AS DATE) AS "OrderDate",
  "base".Amount AS "Amount",
  ROW_NUMBER() OVER (
    PARTITION BY "base".CustID
    ORDER BY CAST(DATE_PARSE("base".FactorDate, '%Y/%m/%d') AS DATE) NULLS FIRST, "base".FactorID NULLS FIRST
  ) AS "PurchaseNo",
  MIN(CAST(DATE_PARSE("base".FactorDate, '%Y/%m/%d') AS DATE)) OVER (PARTITION BY "base".CustID) AS "FirstPurchaseDate",
  DATE_DIFF(
    'DAY',
    LAG(CAST(DATE_PARSE("base".FactorDate, '%Y/%m/%d') AS DATE)) OVER (
      PARTITION BY "base".CustID
      ORDER BY CAST(DATE_PARSE("base".FactorDate, '%Y/%m/%d') AS DATE) NULLS FIRST, "base".FactorID NULLS FIRST
    ),
    CAST(DATE_PARSE("base".FactorDate, '%Y/%m/%d') AS DATE)
  ) AS "DaysSincePrevious"
FROM Factor AS "base"
WHERE
  "base".Status <> 'canceled' AND "base".FactorDate <= '2024/06/30';
