CREATE OR REPLACE VIEW `CustomerABCClassView` AS
SELECT
  `base`.`CustID` AS `CustID`,
  `base`.`Revenue` AS `Revenue`,
  ROW_NUMBER() OVER (ORDER BY `base`.`Revenue` DESC, `base`.`CustID`) AS `RevenueRank`,
  SUM(`base`.`Revenue`) OVER (
    ORDER BY `base`.`Revenue` DESC, `base`.`CustID`
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS `CumulativeRevenue`,
  SUM(`base`.`Revenue`) OVER () AS `AllCustomersRevenue`,
  CAST(SUM(`base`.`Revenue`) OVER (
    ORDER BY `base`.`Revenue` DESC, `base`.`CustID`
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS DOUBLE) / SUM(`base`.`Revenue`) OVER () AS `CumulativeShare`,
  CASE
    WHEN 100 * (
      SUM(`base`.`Revenue`) OVER (
        ORDER BY `base`.`Revenue` DESC, `base`.`CustID`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) - `base`.`Revenue`
    ) < 80 * SUM(`base`.`Revenue`) OVER ()
    THEN 'A'
    WHEN 100 * (
      SUM(`base`.`Revenue`) OVER (
        ORDER BY `base`.`Revenue` DESC, `base`.`CustID`
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) - `base`.`Revenue`
    ) < (
      80 + 15
    ) * SUM(`base`.`Revenue`) OVER ()
    THEN 'B'
    ELSE 'C'
  END AS `ABCClass`
FROM `CustomerWindowRevenueView` AS `base`;
