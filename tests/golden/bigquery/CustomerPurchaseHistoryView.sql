CREATE OR REPLACE VIEW `CustomerPurchaseHistoryView` AS
SELECT
  `base`.FactorID AS `FactorID`,
  `base`.CustID AS `CustID`,
  `base`.SCID AS `SCID`,
  PARSE_DATE('%Y/%m/%d', `base`.FactorDate) AS `OrderDate`,
  `base`.Amount AS `Amount`,
  ROW_NUMBER() OVER (
    PARTITION BY `base`.CustID
    ORDER BY PARSE_DATE('%Y/%m/%d', `base`.FactorDate), `base`.FactorID
  ) AS `PurchaseNo`,
  MIN(PARSE_DATE('%Y/%m/%d', `base`.FactorDate)) OVER (PARTITION BY `base`.CustID) AS `FirstPurchaseDate`,
  DATE_DIFF(
    PARSE_DATE('%Y/%m/%d', `base`.FactorDate),
    LAG(PARSE_DATE('%Y/%m/%d', `base`.FactorDate)) OVER (
      PARTITION BY `base`.CustID
      ORDER BY PARSE_DATE('%Y/%m/%d', `base`.FactorDate), `base`.FactorID
    ),
    DAY
  ) AS `DaysSincePrevious`
FROM Factor AS `base`
WHERE
  `base`.Status <> 'canceled' AND `base`.FactorDate <= '2024/06/30';
