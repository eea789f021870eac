CREATE OR REPLACE VIEW `CustomerWindowRevenueView` AS
WITH `Factor_last_90_days` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    SUM(`s`.`Amount`) AS `WindowRevenue`,
    COUNT(*) AS `WindowInvoices`
  FROM (
    SELECT
      `src`.CustID AS `CustID`,
      `src`.Amount AS `Amount`,
      STR_TO_DATE(`src`.FactorDate, '%Y/%m/%d') AS `FactorDate`
    FROM Factor AS `src`
    WHERE
      `src`.Status <> 'canceled'
  ) AS `s`
  WHERE
    `s`.`FactorDate` BETWEEN DATE_SUB(CAST('2024-06-30' AS DATE), INTERVAL 89 DAY) AND CAST('2024-06-30' AS DATE)
  GROUP BY
    `s`.`CustID`
), `row_keys` AS (
  SELECT
    `CustID`
  FROM `Factor_last_90_days`
)
SELECT
  `row_keys`.`CustID` AS `CustID`,
  COALESCE(`Factor_last_90_days`.`WindowRevenue`, 0) AS `Revenue`
FROM `row_keys`
LEFT JOIN `Factor_last_90_days`
  ON `Factor_last_90_days`.`CustID` = `row_keys`.`CustID`;
