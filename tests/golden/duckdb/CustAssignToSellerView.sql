CREATE OR REPLACE VIEW "CustAssignToSellerView" AS
WITH "CustAssignToSeller_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    ARG_MAX_NULL("s"."SellerID", (NOT "s"."AssignDate" IS NULL, "s"."AssignDate", "s"."SellerID")) AS "CurrentSellerID",
    MAX("s"."AssignDate") AS "CurrentAssignDate"
  FROM (
    SELECT
      "src".CustID AS "CustID",
      "src".SCID AS "SCID",
      "src".SellerID AS "SellerID",
      "src".AssignDate AS "AssignDate"
    FROM CustAssignToSeller AS "src"
  ) AS "s"
  WHERE
    "s"."AssignDate" <= '2024/06/30'
  GROUP BY
    "s"."CustID",
    "s"."SCID"
)
SELECT
  "CustAssignToSeller_to_as_of"."CustID" AS "CustID",
  "CustAssignToSeller_to_as_of"."SCID" AS "SCID",
  "CustAssignToSeller_to_as_of"."CurrentSellerID" AS "SellerID",
  "CustAssignToSeller_to_as_of"."CurrentAssignDate" AS "AssignDate"
FROM "CustAssignToSeller_to_as_of";
