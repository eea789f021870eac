CREATE OR REPLACE VIEW `CustomerPurchaseDatesView` AS
WITH `Factor_to_as_of` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    TO_DATE(MIN(`s`.`FactorDate`), 'yyyy/M/d') AS `FirstPurchaseDay`,
    TO_DATE(MAX(`s`.`FactorDate`), 'yyyy/M/d') AS `LastPurchaseDay`
  FROM (
    SELECT
      `src`.CustID AS `CustID`,
      `src`.FactorDate AS `FactorDate`
    FROM Factor AS `src`
    WHERE
      `src`.Status <> 'canceled'
  ) AS `s`
  WHERE
    `s`.`FactorDate` <= '2024/06/30'
  GROUP BY
    `s`.`CustID`
)
SELECT
  `Factor_to_as_of`.`CustID` AS `CustID`,
  `Factor_to_as_of`.`FirstPurchaseDay` AS `FirstPurchaseDate`,
  `Factor_to_as_of`.`LastPurchaseDay` AS `LastPurchaseDate`
FROM `Factor_to_as_of`;
