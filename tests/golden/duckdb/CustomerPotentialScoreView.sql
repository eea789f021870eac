CREATE OR REPLACE VIEW "CustomerPotentialScoreView" AS
SELECT
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  COALESCE("base"."AvgAmount", 0) * "base"."CountFactor" AS "Monetary",
  DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE)) AS "RecencyDays",
  COALESCE(
    (
      (
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      ) - MIN((
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      )) OVER ()
    ) / NULLIF(
      MAX((
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      )) OVER () - MIN((
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      )) OVER (),
      0
    ),
    0
  ) AS "MonetaryScore",
  COALESCE(
    (
      "base"."CountFactor" - MIN("base"."CountFactor") OVER ()
    ) / NULLIF(MAX("base"."CountFactor") OVER () - MIN("base"."CountFactor") OVER (), 0),
    0
  ) AS "FrequencyScore",
  COALESCE(
    (
      MAX("base"."AveFactorFerq") OVER () - "base"."AveFactorFerq"
    ) / NULLIF(MAX("base"."AveFactorFerq") OVER () - MIN("base"."AveFactorFerq") OVER (), 0),
    0
  ) AS "RegularityScore",
  COALESCE(
    (
      MAX(DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))) OVER () - DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))
    ) / NULLIF(
      MAX(DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))) OVER () - MIN(DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))) OVER (),
      0
    ),
    0
  ) AS "RecencyScore",
  COALESCE(
    (
      MAX("base"."CountNotOrder") OVER () - "base"."CountNotOrder"
    ) / NULLIF(MAX("base"."CountNotOrder") OVER () - MIN("base"."CountNotOrder") OVER (), 0),
    0
  ) AS "VisitScore",
  (
    100 * (
      30 * COALESCE(
        (
          (
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          ) - MIN((
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          )) OVER ()
        ) / NULLIF(
          MAX((
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          )) OVER () - MIN((
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          )) OVER (),
          0
        ),
        0
      ) + 25 * COALESCE(
        (
          "base"."CountFactor" - MIN("base"."CountFactor") OVER ()
        ) / NULLIF(MAX("base"."CountFactor") OVER () - MIN("base"."CountFactor") OVER (), 0),
        0
      ) + 15 * COALESCE(
        (
          MAX("base"."AveFactorFerq") OVER () - "base"."AveFactorFerq"
        ) / NULLIF(MAX("base"."AveFactorFerq") OVER () - MIN("base"."AveFactorFerq") OVER (), 0),
        0
      ) + 20 * COALESCE(
        (
          MAX(DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))) OVER () - DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))
        ) / NULLIF(
          MAX(DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))) OVER () - MIN(DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE))) OVER (),
          0
        ),
        0
      ) + 10 * COALESCE(
        (
          MAX("base"."CountNotOrder") OVER () - "base"."CountNotOrder"
        ) / NULLIF(MAX("base"."CountNotOrder") OVER () - MIN("base"."CountNotOrder") OVER (), 0),
        0
      )
    )
  ) / (
    30 + 25 + 15 + 20 + 10
  ) AS "PotentialIndex"
FROM (
  SELECT
    "base"."CustID" AS "CustID",
    "base"."SCID" AS "SCID",
    "base"."CountFactor" AS "CountFactor",
    "base"."AvgAmount" AS "AvgAmount",
    "base"."LastFacktorDate" AS "LastFacktorDate",
    "base"."AveFactorFerq" AS "AveFactorFerq",
    "base"."CountNotOrder" AS "CountNotOrder",
    CAST(STRPTIME("base"."LastFacktorDate", '%Y/%m/%d') AS DATE) AS "LastFacktorDate__date"
  FROM "CustomerPotentialSignalsView" AS "base"
) AS "base";
