CREATE OR REPLACE VIEW `PurchaseSequenceView` AS
WITH `Purchases_to_as_of` AS (
  SELECT
    `s`.`PurchaseNo` AS `PurchaseNo`,
    COUNT(*) AS `PurchaseCount`,
    SUM(`s`.`Amount`) AS `PurchasesAmount`,
    AVG(CAST(`s`.`Amount` AS DOUBLE)) AS `PurchasesAvgAmount`,
    AVG(CAST(`s`.`DaysSincePrevious` AS DOUBLE)) AS `AvgDaysSincePreviousPurchase`
  FROM (
    SELECT
      `src`.`PurchaseNo` AS `PurchaseNo`,
      `src`.`Amount` AS `Amount`,
      `src`.`DaysSincePrevious` AS `DaysSincePrevious`,
      `src`.`OrderDate` AS `OrderDate`
    FROM `CustomerPurchaseHistoryView` AS `src`
  ) AS `s`
  WHERE
    `s`.`OrderDate` <= CAST('2024-06-30' AS DATE)
  GROUP BY
    `s`.`PurchaseNo`
)
SELECT
  `Purchases_to_as_of`.`PurchaseNo` AS `PurchaseNo`,
  COALESCE(`Purchases_to_as_of`.`PurchaseCount`, 0) AS `Customers`,
  `Purchases_to_as_of`.`PurchasesAmount` AS `TotalAmount`,
  `Purchases_to_as_of`.`PurchasesAvgAmount` AS `AvgAmount`,
  CAST(`Purchases_to_as_of`.`AvgDaysSincePreviousPurchase` AS DOUBLE) AS `AvgDaysSincePrevious`
FROM `Purchases_to_as_of`;
