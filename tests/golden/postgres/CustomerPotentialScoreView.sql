CREATE OR REPLACE VIEW "CustomerPotentialScoreView" AS
SELECT
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  COALESCE("base"."AvgAmount", 0) * "base"."CountFactor" AS "Monetary",
  CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date" AS "RecencyDays",
  COALESCE(
    CAST((
      (
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      ) - MIN((
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      )) OVER ()
    ) AS DOUBLE PRECISION) / NULLIF(
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
    CAST((
      "base"."CountFactor" - MIN("base"."CountFactor") OVER ()
    ) AS DOUBLE PRECISION) / NULLIF(MAX("base"."CountFactor") OVER () - MIN("base"."CountFactor") OVER (), 0),
    0
  ) AS "FrequencyScore",
  COALESCE(
    CAST((
      MAX("base"."AveFactorFerq") OVER () - "base"."AveFactorFerq"
    ) AS DOUBLE PRECISION) / NULLIF(MAX("base"."AveFactorFerq") OVER () - MIN("base"."AveFactorFerq") OVER (), 0),
    0
  ) AS "RegularityScore",
  COALESCE(
    CAST((
      MAX(CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date") OVER () - (
        CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date"
      )
    ) AS DOUBLE PRECISION) / NULLIF(
      MAX(CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date") OVER () - MIN(CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date") OVER (),
      0
    ),
    0
  ) AS "RecencyScore",
  COALESCE(
    CAST((
      MAX("base"."CountNotOrder") OVER () - "base"."CountNotOrder"
    ) AS DOUBLE PRECISION) / NULLIF(MAX("base"."CountNotOrder") OVER () - MIN("base"."CountNotOrder") OVER (), 0),
    0
  ) AS "VisitScore",
  CAST((
    100 * (
      30 * COALESCE(
        CAST((
          (
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          ) - MIN((
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          )) OVER ()
        ) AS DOUBLE PRECISION) / NULLIF(
          MAX((
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          )) OVER () - MIN((
            COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
          )) OVER (),
          0
        ),
        0
      ) + 25 * COALESCE(
        CAST((
          "base"."CountFactor" - MIN("base"."CountFactor") OVER ()
        ) AS DOUBLE PRECISION) / NULLIF(MAX("base"."CountFactor") OVER () - MIN("base"."CountFactor") OVER (), 0),
        0
      ) + 15 * COALESCE(
        CAST((
          MAX("base"."AveFactorFerq") OVER () - "base"."AveFactorFerq"
        ) AS DOUBLE PRECISION) / NULLIF(MAX("base"."AveFactorFerq") OVER () - MIN("base"."AveFactorFerq") OVER (), 0),
        0
      ) + 20 * COALESCE(
        CAST((
          MAX(CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date") OVER () - (
            CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date"
          )
        ) AS DOUBLE PRECISION) / NULLIF(
          MAX(CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date") OVER () - MIN(CAST('2024-06-30' AS DATE) - "base"."LastFacktorDate__date") OVER (),
          0
        ),
        0
      ) + 10 * COALESCE(
        CAST((
          MAX("base"."CountNotOrder") OVER () - "base"."CountNotOrder"
        ) AS DOUBLE PRECISION) / NULLIF(MAX("base"."CountNotOrder") OVER () - MIN("base"."CountNotOrder") OVER (), 0),
        0
      )
    )
  ) AS DOUBLE PRECISION) / (
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
    TO_DATE("base"."LastFacktorDate", 'YYYY/MM/DD') AS "LastFacktorDate__date"
  FROM "CustomerPotentialSignalsView" AS "base"
) AS "base";
