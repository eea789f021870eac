CREATE OR REPLACE VIEW `CustomerPurchaseHistoryView` AS
SELECT
  `base`.FactorID AS `FactorID`,
  `base`.CustID AS `CustID`,
  `base`.SCID AS `SCID`,
  TO_DATE(`base`.FactorDate, 'yyyy/M/d') AS `OrderDate`,
  `base`.Amount AS `Amount`,
  ROW_NUMBER() OVER (
    PARTITION BY `base`.CustID
    ORDER BY TO_DATE(`base`.FactorDate, 'yyyy/M/d'), `base`.FactorID
  ) AS `PurchaseNo`,
  MIN(TO_DATE(`base`.FactorDate, 'yyyy/M/d')) OVER (PARTITION BY `base`.CustID) AS `FirstPurchaseDate`,
  DATEDIFF(
    DAY,
    LAG(TO_DATE(`base`.FactorDate, 'yyyy/M/d')) OVER (
      PARTITION BY `base`.CustID
      ORDER BY TO_DATE(`base`.FactorDate, 'yyyy/M/d'), `base`.FactorID
    ),
    TO_DATE(`base`.FactorDate, 'yyyy/M/d')
  ) AS `DaysSincePrevious`
FROM Factor AS `base`
WHERE
  `base`.Status <> 'canceled' AND `base`.FactorDate <= '2024/06/30';
