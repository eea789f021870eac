DROP VIEW IF EXISTS "CustomerPurchaseHistoryView";

CREATE VIEW "CustomerPurchaseHistoryView" AS
SELECT
  "base"."FactorID" AS "FactorID",
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  "base"."FactorDate__date" AS "OrderDate",
  "base"."Amount" AS "Amount",
  ROW_NUMBER() OVER (
    PARTITION BY "base"."CustID"
    ORDER BY "base"."FactorDate__date", "base"."FactorID"
  ) AS "PurchaseNo",
  FIRST_VALUE("base"."FactorDate__date") OVER (
    PARTITION BY "base"."CustID"
    ORDER BY "base"."FactorDate__date", "base"."FactorID"
  ) AS "FirstPurchaseDate",
  CAST((JULIANDAY("base"."FactorDate__date") - JULIANDAY(LAG("base"."FactorDate__date") OVER (
    PARTITION BY "base"."CustID"
    ORDER BY "base"."FactorDate__date", "base"."FactorID"
  ))) AS INTEGER) AS "DaysSincePrevious"
FROM (
  SELECT
    "base".FactorID AS "FactorID",
    "base".CustID AS "CustID",
    "base".SCID AS "SCID",
    "base".FactorDate AS "FactorDate",
    "base".Amount AS "Amount",
    DATE(REPLACE("base".FactorDate, '/', '-')) AS "FactorDate__date"
  FROM Factor AS "base"
  WHERE
    "base".Status <> 'canceled' AND "base".FactorDate <= '2024/06/30'
) AS "base";
