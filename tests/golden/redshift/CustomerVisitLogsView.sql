CREATE OR REPLACE VIEW "CustomerVisitLogsView" AS
WITH "CustomerVisit_to_as_of" AS (
  SELECT
    "s"."CustID" AS "CustID",
    "s"."SellerID" AS "SellerID",
    "s"."Visits" AS "Visits",
    "s"."VisitsWithOrder" AS "VisitsWithOrder",
    "s"."VisitsWithoutOrder" AS "VisitsWithoutOrder",
    "s"."FirstVisitDate" AS "FirstVisitDate",
    "s"."LastVisitDate" AS "LastVisitDate",
    "TopNoOrderReason__top"."TopNoOrderReason" AS "TopNoOrderReason"
  FROM (
    SELECT
      "s"."CustID" AS "CustID",
      "s"."SellerID" AS "SellerID",
      COUNT(*) AS "Visits",
      COUNT(CASE WHEN "s"."HasOrder" = 1 THEN 1 END) AS "VisitsWithOrder",
      COUNT(CASE WHEN "s"."HasOrder" = 0 THEN 1 END) AS "VisitsWithoutOrder",
      MIN("s"."VisitDate") AS "FirstVisitDate",
      MAX("s"."VisitDate") AS "LastVisitDate"
    FROM (
      SELECT
        "src".CustID AS "CustID",
        "src".SellerID AS "SellerID",
        "src".HasOrder AS "HasOrder",
        "src".VisitDate AS "VisitDate",
        "src".NoOrderReason AS "NoOrderReason"
      FROM CustomerVisit AS "src"
    ) AS "s"
    WHERE
      "s"."VisitDate" <= '2024/06/30'
    GROUP BY
      "s"."CustID",
      "s"."SellerID"
  ) AS "s"
  LEFT JOIN (
    SELECT
      "CustID",
      "SellerID",
      "TopNoOrderReason"
    FROM (
      SELECT
        "CustID",
        "SellerID",
        "TopNoOrderReason",
        ROW_NUMBER() OVER (
          PARTITION BY "CustID", "SellerID"
          ORDER BY "__n" DESC NULLS LAST, "TopNoOrderReason" ASC
        ) AS "__rank"
      FROM (
        SELECT
          "s"."CustID" AS "CustID",
          "s"."SellerID" AS "SellerID",
          "s"."NoOrderReason" AS "TopNoOrderReason",
          COUNT(*) AS "__n"
        FROM (
          SELECT
            "src".CustID AS "CustID",
            "src".SellerID AS "SellerID",
            "src".HasOrder AS "HasOrder",
            "src".VisitDate AS "VisitDate",
            "src".NoOrderReason AS "NoOrderReason"
          FROM CustomerVisit AS "src"
        ) AS "s"
        WHERE
          NOT "s"."NoOrderReason" IS NULL
          AND "s"."HasOrder" = 0
          AND "s"."VisitDate" <= '2024/06/30'
        GROUP BY
          "s"."CustID",
          "s"."SellerID",
          "s"."NoOrderReason"
      ) AS "counted"
    ) AS "ranked"
    WHERE
      "__rank" = 1
  ) AS "TopNoOrderReason__top"
    ON "TopNoOrderReason__top"."CustID" = "s"."CustID"
    AND "TopNoOrderReason__top"."SellerID" = "s"."SellerID"
)
SELECT
  "CustomerVisit_to_as_of"."CustID" AS "CustID",
  "CustomerVisit_to_as_of"."SellerID" AS "SellerID",
  COALESCE("CustomerVisit_to_as_of"."Visits", 0) AS "Visits",
  COALESCE("CustomerVisit_to_as_of"."VisitsWithOrder", 0) AS "VisitsWithOrder",
  COALESCE("CustomerVisit_to_as_of"."VisitsWithoutOrder", 0) AS "VisitsWithoutOrder",
  CAST(CAST(COALESCE("CustomerVisit_to_as_of"."VisitsWithOrder", 0) AS DOUBLE PRECISION) / NULLIF(COALESCE("CustomerVisit_to_as_of"."Visits", 0), 0) AS DOUBLE PRECISION) AS "VisitConversionRate",
  "CustomerVisit_to_as_of"."FirstVisitDate" AS "FirstVisitDate",
  "CustomerVisit_to_as_of"."LastVisitDate" AS "LastVisitDate",
  "CustomerVisit_to_as_of"."TopNoOrderReason" AS "TopNoOrderReason"
FROM "CustomerVisit_to_as_of";
