CREATE OR REPLACE VIEW `OrderFinancialSummaryView` AS
WITH `Factor_last_90_days` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    `s`.`SCID` AS `SCID`,
    COUNT(*) AS `WindowInvoices`,
    SUM(`s`.`Amount`) AS `WindowRevenue`,
    SUM(`s`.`Discount`) AS `WindowDiscount`,
    SUM(`s`.`Cost`) AS `WindowCost`,
    SUM(`s`.`Amount` - `s`.`Cost`) AS `WindowProfit`,
    SUM(CASE WHEN NOT `s`.`Cost` IS NULL THEN `s`.`Amount` END) AS `WindowCostedRevenue`,
    AVG(CAST(`s`.`Amount` AS DOUBLE)) AS `WindowAvgInvoiceValue`
  FROM (
    SELECT
      `src`.CustID AS `CustID`,
      `src`.SCID AS `SCID`,
      `src`.Amount AS `Amount`,
      `src`.Discount AS `Discount`,
      `src`.Cost AS `Cost`,
      TO_DATE(`src`.FactorDate, 'yyyy/M/d') AS `FactorDate`
    FROM Factor AS `src`
    WHERE
      `src`.Status <> 'canceled'
  ) AS `s`
  WHERE
    `s`.`FactorDate` BETWEEN DATE_ADD(CAST('2024-06-30' AS DATE), -89) AND CAST('2024-06-30' AS DATE)
  GROUP BY
    `s`.`CustID`,
    `s`.`SCID`
), `Factor_to_as_of` AS (
  SELECT
    `s`.`CustID` AS `CustID`,
    `s`.`SCID` AS `SCID`,
    COUNT(*) AS `TotalInvoices`,
    SUM(`s`.`Amount`) AS `TotalRevenue`,
    SUM(`s`.`Discount`) AS `TotalDiscount`,
    SUM(`s`.`Cost`) AS `TotalCost`,
    SUM(`s`.`Amount` - `s`.`Cost`) AS `TotalProfit`,
    SUM(CASE WHEN NOT `s`.`Cost` IS NULL THEN `s`.`Amount` END) AS `TotalCostedRevenue`,
    AVG(CAST(`s`.`Amount` AS DOUBLE)) AS `TotalAvgInvoiceValue`
  FROM (
    SELECT
      `src`.CustID AS `CustID`,
      `src`.SCID AS `SCID`,
      `src`.Amount AS `Amount`,
      `src`.Discount AS `Discount`,
      `src`.Cost AS `Cost`,
      TO_DATE(`src`.FactorDate, 'yyyy/M/d') AS `FactorDate`
    FROM Factor AS `src`
    WHERE
      `src`.Status <> 'canceled'
  ) AS `s`
  WHERE
    `s`.`FactorDate` <= CAST('2024-06-30' AS DATE)
  GROUP BY
    `s`.`CustID`,
    `s`.`SCID`
), `row_keys` AS (
  SELECT
    `CustID`,
    `SCID`
  FROM `Factor_to_as_of`
)
SELECT
  `row_keys`.`CustID` AS `CustID`,
  `row_keys`.`SCID` AS `SCID`,
  COALESCE(`Factor_last_90_days`.`WindowInvoices`, 0) AS `WindowInvoices`,
  COALESCE(`Factor_last_90_days`.`WindowRevenue`, 0) AS `WindowRevenue`,
  COALESCE(`Factor_last_90_days`.`WindowDiscount`, 0) AS `WindowDiscount`,
  COALESCE(`Factor_last_90_days`.`WindowCost`, 0) AS `WindowCost`,
  COALESCE(`Factor_last_90_days`.`WindowProfit`, 0) AS `WindowProfit`,
  CAST(CAST(COALESCE(`Factor_last_90_days`.`WindowProfit`, 0) AS DOUBLE) / NULLIF(`Factor_last_90_days`.`WindowCostedRevenue`, 0) AS DOUBLE) AS `WindowMargin`,
  `Factor_last_90_days`.`WindowAvgInvoiceValue` AS `WindowAvgInvoiceValue`,
  COALESCE(`Factor_to_as_of`.`TotalInvoices`, 0) AS `TotalInvoices`,
  COALESCE(`Factor_to_as_of`.`TotalRevenue`, 0) AS `TotalRevenue`,
  COALESCE(`Factor_to_as_of`.`TotalDiscount`, 0) AS `TotalDiscount`,
  COALESCE(`Factor_to_as_of`.`TotalCost`, 0) AS `TotalCost`,
  COALESCE(`Factor_to_as_of`.`TotalProfit`, 0) AS `TotalProfit`,
  CAST(CAST(COALESCE(`Factor_to_as_of`.`TotalProfit`, 0) AS DOUBLE) / NULLIF(`Factor_to_as_of`.`TotalCostedRevenue`, 0) AS DOUBLE) AS `TotalMargin`,
  `Factor_to_as_of`.`TotalAvgInvoiceValue` AS `TotalAvgInvoiceValue`
FROM `row_keys`
LEFT JOIN `Factor_last_90_days`
  ON `Factor_last_90_days`.`CustID` = `row_keys`.`CustID`
  AND `Factor_last_90_days`.`SCID` = `row_keys`.`SCID`
LEFT JOIN `Factor_to_as_of`
  ON `Factor_to_as_of`.`CustID` = `row_keys`.`CustID`
  AND `Factor_to_as_of`.`SCID` = `row_keys`.`SCID`;
