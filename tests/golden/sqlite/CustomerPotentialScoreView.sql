DROP VIEW IF EXISTS "CustomerPotentialScoreView";

CREATE VIEW "CustomerPotentialScoreView" AS
SELECT
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  COALESCE("base"."AvgAmount", 0) * "base"."CountFactor" AS "Monetary",
  CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER) AS "RecencyDays",
  COALESCE(
    CAST((
      (
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      ) - MIN((
        COALESCE("base"."AvgAmount", 0) * "base"."CountFactor"
      )) OVER ()
    ) AS REAL) / NULLIF(
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
    ) AS REAL) / NULLIF(MAX("base"."CountFactor") OVER () - MIN("base"."CountFactor") OVER (), 0),
    0
  ) AS "FrequencyScore",
  COALESCE(
    CAST((
      MAX("base"."AveFactorFerq") OVER () - "base"."AveFactorFerq"
    ) AS REAL) / NULLIF(MAX("base"."AveFactorFerq") OVER () - MIN("base"."AveFactorFerq") OVER (), 0),
    0
  ) AS "RegularityScore",
  COALESCE(
    CAST((
      MAX(
        CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
      ) OVER () - CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
    ) AS REAL) / NULLIF(
      MAX(
        CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
      ) OVER () - MIN(
        CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
      ) OVER (),
      0
    ),
    0
  ) AS "RecencyScore",
  COALESCE(
    CAST((
      MAX("base"."CountNotOrder") OVER () - "base"."CountNotOrder"
    ) AS REAL) / NULLIF(MAX("base"."CountNotOrder") OVER () - MIN("base"."CountNotOrder") OVER (), 0),
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
        ) AS REAL) / NULLIF(
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
        ) AS REAL) / NULLIF(MAX("base"."CountFactor") OVER () - MIN("base"."CountFactor") OVER (), 0),
        0
      ) + 15 * COALESCE(
        CAST((
          MAX("base"."AveFactorFerq") OVER () - "base"."AveFactorFerq"
        ) AS REAL) / NULLIF(MAX("base"."AveFactorFerq") OVER () - MIN("base"."AveFactorFerq") OVER (), 0),
        0
      ) + 20 * COALESCE(
        CAST((
          MAX(
            CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
          ) OVER () - CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
        ) AS REAL) / NULLIF(
          MAX(
            CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
          ) OVER () - MIN(
            CAST((JULIANDAY(DATE('2024-06-30')) - JULIANDAY("base"."LastFacktorDate__date")) AS INTEGER)
          ) OVER (),
          0
        ),
        0
      ) + 10 * COALESCE(
        CAST((
          MAX("base"."CountNotOrder") OVER () - "base"."CountNotOrder"
        ) AS REAL) / NULLIF(MAX("base"."CountNotOrder") OVER () - MIN("base"."CountNotOrder") OVER (), 0),
        0
      )
    )
  ) AS REAL) / (
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
    DATE(REPLACE("base"."LastFacktorDate", '/', '-')) AS "LastFacktorDate__date"
  FROM "CustomerPotentialSignalsView" AS "base"
) AS "base";
