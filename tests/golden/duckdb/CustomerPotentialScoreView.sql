CREATE OR REPLACE VIEW "CustomerPotentialScoreView" AS
SELECT
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  "base"."__value_0" AS "Monetary",
  "base"."__value_1" AS "RecencyDays",
  COALESCE(
    (
      "base"."__value_0" - "base"."__window_0"
    ) / NULLIF("base"."__window_1" - "base"."__window_0", 0),
    0
  ) AS "MonetaryScore",
  COALESCE(
    (
      "base"."CountFactor" - "base"."__window_2"
    ) / NULLIF("base"."__window_3" - "base"."__window_2", 0),
    0
  ) AS "FrequencyScore",
  COALESCE(
    (
      "base"."__window_4" - "base"."AveFactorFerq"
    ) / NULLIF("base"."__window_4" - "base"."__window_5", 0),
    0
  ) AS "RegularityScore",
  COALESCE(
    (
      "base"."__window_6" - "base"."__value_1"
    ) / NULLIF("base"."__window_6" - "base"."__window_7", 0),
    0
  ) AS "RecencyScore",
  COALESCE(
    (
      "base"."__window_8" - "base"."CountNotOrder"
    ) / NULLIF("base"."__window_8" - "base"."__window_9", 0),
    0
  ) AS "VisitScore",
  (
    100 * (
      30 * COALESCE(
        (
          "base"."__value_0" - "base"."__window_0"
        ) / NULLIF("base"."__window_1" - "base"."__window_0", 0),
        0
      ) + 25 * COALESCE(
        (
          "base"."CountFactor" - "base"."__window_2"
        ) / NULLIF("base"."__window_3" - "base"."__window_2", 0),
        0
      ) + 15 * COALESCE(
        (
          "base"."__window_4" - "base"."AveFactorFerq"
        ) / NULLIF("base"."__window_4" - "base"."__window_5", 0),
        0
      ) + 20 * COALESCE(
        (
          "base"."__window_6" - "base"."__value_1"
        ) / NULLIF("base"."__window_6" - "base"."__window_7", 0),
        0
      ) + 10 * COALESCE(
        (
          "base"."__window_8" - "base"."CountNotOrder"
        ) / NULLIF("base"."__window_8" - "base"."__window_9", 0),
        0
      )
    )
  ) / (
    30 + 25 + 15 + 20 + 10
  ) AS "PotentialIndex"
FROM (
  SELECT
    "base".*,
    MIN("base"."__value_0") OVER () AS "__window_0",
    MAX("base"."__value_0") OVER () AS "__window_1",
    MIN("base"."CountFactor") OVER () AS "__window_2",
    MAX("base"."CountFactor") OVER () AS "__window_3",
    MAX("base"."AveFactorFerq") OVER () AS "__window_4",
    MIN("base"."AveFactorFerq") OVER () AS "__window_5",
    MAX("base"."__value_1") OVER () AS "__window_6",
    MIN("base"."__value_1") OVER () AS "__window_7",
    MAX("base"."CountNotOrder") OVER () AS "__window_8",
    MIN("base"."CountNotOrder") OVER () AS "__window_9"
  FROM (
    SELECT
      "base".*,
      COALESCE("base"."AvgAmount", 0) * "base"."CountFactor" AS "__value_0",
      DATE_DIFF('DAY', "base"."LastFacktorDate__date", CAST('2024-06-30' AS DATE)) AS "__value_1"
    FROM (
      SELECT
        "base"."CustID" AS "CustID",
        "base"."SCID" AS "SCID",
        "base"."CountFactor" AS "CountFactor",
        "base"."AvgAmount" AS "AvgAmount",
        "base"."LastFacktorDate" AS "LastFacktorDate",
        "base"."AveFactorFerq" AS "AveFactorFerq",
        "base"."CountNotOrder" AS "CountNotOrder",
        COALESCE(
          CAST(TRY_STRPTIME("base"."LastFacktorDate", '%Y/%m/%d') AS DATE),
          CAST(STRPTIME("base"."LastFacktorDate", '%Y/%m/%d') AS DATE)
        ) AS "LastFacktorDate__date"
      FROM "CustomerPotentialSignalsView" AS "base"
    ) AS "base"
  ) AS "base"
) AS "base";
