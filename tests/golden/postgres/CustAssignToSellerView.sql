CREATE OR REPLACE VIEW "CustAssignToSellerView" AS
WITH "CustAssignToSeller_to_as_of" AS (
  SELECT DISTINCT ON ("s"."CustID", "s"."SCID")
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    "s"."SellerID" AS "CurrentSellerID",
    "s"."AssignDate" AS "CurrentAssignDate"
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
  ORDER BY
    "s"."CustID",
    "s"."SCID",
    "s"."AssignDate" DESC NULLS LAST,
    "s"."SellerID" DESC NULLS LAST
)
SELECT
  "CustAssignToSeller_to_as_of"."CustID" AS "CustID",
  "CustAssignToSeller_to_as_of"."SCID" AS "SCID",
  "CustAssignToSeller_to_as_of"."CurrentSellerID" AS "SellerID",
  "CustAssignToSeller_to_as_of"."CurrentAssignDate" AS "AssignDate"
FROM "CustAssignToSeller_to_as_of";
