CREATE OR REPLACE VIEW "CustAssignToSellerView" AS
WITH "CustAssignToSeller_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SCID" AS "SCID",
    MAX(CASE WHEN "s"."CurrentSellerID__rank" = 1 THEN "s"."SellerID" END) AS "CurrentSellerID",
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
        TO_DATE("src".AssignDate, 'YYYY/MM/DD') AS "AssignDate"
      FROM CustAssignToSeller AS "src"
    ) AS "s"
    WHERE
      "s"."AssignDate" <= CAST('2024-06-30' AS DATE)
  ) AS "s"
  GROUP BY
    "s"."CustID",
    "s"."SCID"
), "row_keys" AS (
  SELECT
    "CustID",
    "SCID"
  FROM "CustAssignToSeller_to_as_of"
)
SELECT
  "row_keys"."CustID" AS "CustID",
  "row_keys"."SCID" AS "SCID",
  "CustAssignToSeller_to_as_of"."CurrentSellerID" AS "SellerID",
  TO_CHAR("CustAssignToSeller_to_as_of"."CurrentAssignDate", 'YYYY/MM/DD') AS "AssignDate"
FROM "row_keys"
LEFT JOIN "CustAssignToSeller_to_as_of"
  ON "CustAssignToSeller_to_as_of"."CustID" = "row_keys"."CustID"
  AND "CustAssignToSeller_to_as_of"."SCID" = "row_keys"."SCID";
