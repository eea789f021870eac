CREATE OR REPLACE VIEW `CustomerVisitLogsView` AS
WITH `CustomerVisit_to_as_of` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    `s`.`SellerID` AS `SellerID`,
    COUNT(*) AS `Visits`,
    COUNT(CASE WHEN `s`.`HasOrder` = 1 THEN 1 END) AS `VisitsWithOrder`,
    COUNT(CASE WHEN `s`.`HasOrder` = 0 THEN 1 END) AS `VisitsWithoutOrder`,
    PARSE_DATE('%Y/%m/%d', MIN(`s`.`VisitDate`)) AS `FirstVisitDate`,
    PARSE_DATE('%Y/%m/%d', MAX(`s`.`VisitDate`)) AS `LastVisitDate`,
    MAX(
      CASE
        WHEN `s`.`TopNoOrderReason__rank` = 1 AND `s`.`TopNoOrderReason__freq` > 0
        THEN `s`.`NoOrderReason`
      END
    ) AS `TopNoOrderReason`
  FROM (
    SELECT
      `s`.*,
      ROW_NUMBER() OVER (
        PARTITION BY `s`.`CustID`, `s`.`SellerID`
        ORDER BY `s`.`TopNoOrderReason__freq` DESC, `s`.`NoOrderReason` ASC NULLS LAST
      ) AS `TopNoOrderReason__rank`
    FROM (
      SELECT
        `s`.*,
        COUNT(CASE WHEN `s`.`HasOrder` = 0 THEN `s`.`NoOrderReason` END) OVER (PARTITION BY `s`.`CustID`, `s`.`SellerID`, `s`.`NoOrderReason`) AS `TopNoOrderReason__freq`
      FROM (
        SELECT
          `src`.CustID AS `CustID`,
          `src`.SellerID AS `SellerID`,
          `src`.HasOrder AS `HasOrder`,
          `src`.VisitDate AS `VisitDate`,
          `src`.NoOrderReason AS `NoOrderReason`
        FROM CustomerVisit AS `src`
      ) AS `s`
      WHERE
        `s`.`VisitDate` <= '2024/06/30'
    ) AS `s`
  ) AS `s`
  GROUP BY
    `s`.`CustID`,
    `s`.`SellerID`
)
SELECT
  `CustomerVisit_to_as_of`.`CustID` AS `CustID`,
  `CustomerVisit_to_as_of`.`SellerID` AS `SellerID`,
  COALESCE(`CustomerVisit_to_as_of`.`Visits`, 0) AS `Visits`,
  COALESCE(`CustomerVisit_to_as_of`.`VisitsWithOrder`, 0) AS `VisitsWithOrder`,
  COALESCE(`CustomerVisit_to_as_of`.`VisitsWithoutOrder`, 0) AS `VisitsWithoutOrder`,
  CAST(CAST(COALESCE(`CustomerVisit_to_as_of`.`VisitsWithOrder`, 0) AS FLOAT64) / NULLIF(COALESCE(`CustomerVisit_to_as_of`.`Visits`, 0), 0) AS FLOAT64) AS `VisitConversionRate`,
  FORMAT_DATE('%Y/%m/%d', `CustomerVisit_to_as_of`.`FirstVisitDate`) AS `FirstVisitDate`,
  FORMAT_DATE('%Y/%m/%d', `CustomerVisit_to_as_of`.`LastVisitDate`) AS `LastVisitDate`,
  `CustomerVisit_to_as_of`.`TopNoOrderReason` AS `TopNoOrderReason`
FROM `CustomerVisit_to_as_of`;
