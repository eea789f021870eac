CREATE OR REPLACE VIEW `CustomerPotentialAnalyticsView` AS
WITH `Factor_to_as_of` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    `s`.`SCID` AS `SCID`,
    MIN(CASE WHEN `s`.`FactorDate` >= '2024/04/02' THEN `s`.`Amount` END) AS `MinAmount`,
    MAX(CASE WHEN `s`.`FactorDate` >= '2024/04/02' THEN `s`.`Amount` END) AS `MaxAmount`,
    AVG(CAST(CASE WHEN `s`.`FactorDate` >= '2024/04/02' THEN `s`.`Amount` END AS DOUBLE)) AS `AvgAmount`,
    COUNT(CASE WHEN `s`.`FactorDate` >= '2024/04/02' THEN 1 END) AS `CountFactor`,
    STR_TO_DATE(
      MIN(CASE WHEN `s`.`FactorDate` >= '2024/04/02' THEN `s`.`FactorDate` END),
      '%Y/%m/%d'
    ) AS `FirstFactorDateInWindow`,
    STR_TO_DATE(MAX(`s`.`FactorDate`), '%Y/%m/%d') AS `LastPurchaseDay`,
    MAX(`s`.`FactorDate`) AS `LastFacktorDate`
  FROM (
    SELECT
      `src`.CustID AS `CustID`,
      `src`.SCID AS `SCID`,
      `src`.Amount AS `Amount`,
      `src`.FactorDate AS `FactorDate`
    FROM Factor AS `src`
    WHERE
      `src`.Status <> 'canceled'
  ) AS `s`
  WHERE
    `s`.`FactorDate` <= '2024/06/30'
  GROUP BY
    `s`.`CustID`,
    `s`.`SCID`
), `CustomerVisit_to_as_of` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    `s`.`SCID` AS `SCID`,
    COUNT(CASE WHEN `s`.`HasOrder` = 0 AND `s`.`VisitDate` >= '2024/04/02' THEN 1 END) AS `CountNotOrder`,
    MAX(`s`.`VisitDate`) AS `LastVisitDate`,
    COUNT(CASE WHEN `s`.`VisitDate` >= '2024/04/02' THEN 1 END) AS `CountVisit`
  FROM (
    SELECT
      `src`.CustID AS `CustID`,
      `src`.SCID AS `SCID`,
      `src`.HasOrder AS `HasOrder`,
      `src`.VisitDate AS `VisitDate`
    FROM CustomerVisit AS `src`
  ) AS `s`
  WHERE
    `s`.`VisitDate` <= '2024/06/30'
  GROUP BY
    `s`.`CustID`,
    `s`.`SCID`
), `Factor_last_90_days` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    `s`.`SCID` AS `SCID`,
    MIN(`s`.`BasketSize`) AS `MinSKU`,
    MAX(`s`.`BasketSize`) AS `MaxSKU`,
    AVG(CAST(`s`.`BasketSize` AS DOUBLE)) AS `AvgSKU`
  FROM (
    SELECT
      `src`.CustID AS `CustID`,
      `src`.SCID AS `SCID`,
      COALESCE(COUNT(`FactorDetail_rollup`.FactorID), 0) AS `BasketSize`
    FROM Factor AS `src`
    LEFT JOIN FactorDetail AS `FactorDetail_rollup`
      ON `FactorDetail_rollup`.FactorID = `src`.FactorID
    WHERE
      `src`.Status <> 'canceled'
      AND `src`.FactorDate BETWEEN '2024/04/02' AND '2024/06/30'
    GROUP BY
      `src`.FactorID,
      `src`.CustID,
      `src`.SCID
  ) AS `s`
  GROUP BY
    `s`.`CustID`,
    `s`.`SCID`
), `row_keys` AS (
  SELECT
    `CustID`,
    `SCID`
  FROM `Factor_to_as_of`
  WHERE
    `CountFactor` > 0
  UNION
  SELECT
    `CustID`,
    `SCID`
  FROM `CustomerVisit_to_as_of`
  WHERE
    `CountVisit` > 0
)
SELECT
  `row_keys`.`SCID` AS `SCID`,
  `row_keys`.`CustID` AS `CustID`,
  `customer`.GrpID AS `GrpID`,
  `customer`.Lat AS `Lat`,
  `customer`.Lng AS `Lng`,
  `Factor_to_as_of`.`MinAmount` AS `MinAmount`,
  `Factor_to_as_of`.`MaxAmount` AS `MaxAmount`,
  `Factor_to_as_of`.`AvgAmount` AS `AvgAmount`,
  COALESCE(`Factor_to_as_of`.`CountFactor`, 0) AS `CountFactor`,
  CAST(CAST(DATEDIFF(`Factor_to_as_of`.`LastPurchaseDay`, `Factor_to_as_of`.`FirstFactorDateInWindow`) AS DOUBLE) / NULLIF(COALESCE(`Factor_to_as_of`.`CountFactor`, 0) - 1, 0) AS DOUBLE) AS `AveFactorFerq`,
  COALESCE(`CustomerVisit_to_as_of`.`CountNotOrder`, 0) AS `CountNotOrder`,
  `Factor_last_90_days`.`MinSKU` AS `MinSKU`,
  `Factor_last_90_days`.`MaxSKU` AS `MaxSKU`,
  CAST(`Factor_last_90_days`.`AvgSKU` AS DOUBLE) AS `AvgSKU`,
  `CustomerVisit_to_as_of`.`LastVisitDate` AS `LastVisitDate`,
  `Factor_to_as_of`.`LastFacktorDate` AS `LastFacktorDate`
FROM `row_keys`
LEFT JOIN `Factor_to_as_of`
  ON `Factor_to_as_of`.`CustID` = `row_keys`.`CustID`
  AND `Factor_to_as_of`.`SCID` = `row_keys`.`SCID`
LEFT JOIN `CustomerVisit_to_as_of`
  ON `CustomerVisit_to_as_of`.`CustID` = `row_keys`.`CustID`
  AND `CustomerVisit_to_as_of`.`SCID` = `row_keys`.`SCID`
LEFT JOIN `Factor_last_90_days`
  ON `Factor_last_90_days`.`CustID` = `row_keys`.`CustID`
  AND `Factor_last_90_days`.`SCID` = `row_keys`.`SCID`
LEFT JOIN Customer AS `customer`
  ON `customer`.CustID = `row_keys`.`CustID`;
