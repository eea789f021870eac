CREATE OR REPLACE VIEW "CustAssignToSellerView" AS
WITH "CustAssignToSeller_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    MAX("s"."SellerID") FILTER(WHERE
      "s"."CurrentSellerID__rank" = 1) AS "CurrentSellerID",
    MAX("s"."AssignDate") AS "CurrentAssignDate"
  FROM (
    SELECT
      "s".*,
      ROW_NUMBER() OVER (
        PARTITION BY "s"."CustID", "s"."SCID"
        ORDER BY "s"."AssignDate" DESC NULLS LAST, "s"."SellerID" DESC NULLS LAST
      ) AS "CurrentSellerID__rank"
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
  ) AS "s"
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
