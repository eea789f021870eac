CREATE OR REPLACE VIEW "CustomerPurchaseHistoryView" AS
SELECT
  "base".FactorID AS "FactorID",
  "base".CustID AS "CustID",
  "base".SCID AS "SCID",
  CAST(STR_TO_DATE("base".FactorDate, '%Y/%m/%d') AS Nullable(DATE)) AS "OrderDate",
  "base".Amount AS "Amount",
  ROW_NUMBER() OVER (
    PARTITION BY "base".CustID
    ORDER BY CAST(STR_TO_DATE("base".FactorDate, '%Y/%m/%d') AS Nullable(DATE)) NULLS FIRST, "base".FactorID NULLS FIRST
  ) AS "PurchaseNo",
  MIN(CAST(STR_TO_DATE("base".FactorDate, '%Y/%m/%d') AS Nullable(DATE))) OVER (PARTITION BY "base".CustID) AS "FirstPurchaseDate",
  DATE_DIFF(
    DAY,
    lag(CAST(STR_TO_DATE("base".FactorDate, '%Y/%m/%d') AS Nullable(DATE))) OVER (
      PARTITION BY "base".CustID
      ORDER BY CAST(STR_TO_DATE("base".FactorDate, '%Y/%m/%d') AS Nullable(DATE)) NULLS FIRST, "base".FactorID NULLS FIRST
    ),
    CAST(STR_TO_DATE("base".FactorDate, '%Y/%m/%d') AS Nullable(DATE))
  ) AS "DaysSincePrevious"
FROM Factor AS "base"
WHERE
  "base".Status <> 'canceled' AND "base".FactorDate <= '2024/06/30';
