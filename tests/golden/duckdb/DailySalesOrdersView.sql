CREATE OR REPLACE VIEW "DailySalesOrdersView" AS
SELECT
  "base"."FactorID" AS "FactorID",
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  "base"."OrderDate" AS "OrderDate",
  "base"."Amount" AS "Amount",
  "base"."PurchaseNo" AS "PurchaseNo",
  CASE WHEN "base"."OrderDate" = "base"."FirstPurchaseDate" THEN 1 ELSE 0 END AS "IsNewCustomerOrder"
FROM "CustomerPurchaseHistoryView" AS "base";
