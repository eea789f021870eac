CREATE OR REPLACE VIEW `CustomerPurchaseHistoryView` AS
SELECT
  `base`.FactorID AS `FactorID`,
  `base`.CustID AS `CustID`,
  `base`.SCID AS `SCID`,
  STR_TO_DATE(`base`.FactorDate, '%Y/%m/%d') AS `OrderDate`,
  `base`.Amount AS `Amount`,
  ROW_NUMBER() OVER (
    PARTITION BY `base`.CustID
    ORDER BY STR_TO_DATE(`base`.FactorDate, '%Y/%m/%d'), `base`.FactorID
  ) AS `PurchaseNo`,
  MIN(STR_TO_DATE(`base`.FactorDate, '%Y/%m/%d')) OVER (PARTITION BY `base`.CustID) AS `FirstPurchaseDate`,
  DATEDIFF(
    STR_TO_DATE(`base`.FactorDate, '%Y/%m/%d'),
    LAG(STR_TO_DATE(`base`.FactorDate, '%Y/%m/%d')) OVER (
      PARTITION BY `base`.CustID
      ORDER BY STR_TO_DATE(`base`.FactorDate, '%Y/%m/%d'), `base`.FactorID
    )
  ) AS `DaysSincePrevious`
FROM Factor AS `base`
WHERE
  `base`.Status <> 'canceled' AND `base`.FactorDate <= '2024/06/30';
