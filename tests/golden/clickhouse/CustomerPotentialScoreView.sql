CREATE OR REPLACE VIEW "CustomerPotentialScoreView" AS
SELECT
  "base"."CustID" AS "CustID",
  "base"."SCID" AS "SCID",
  "base"."__value_0" AS "Monetary",
  "base"."RecencyDays" AS "RecencyDays",
  COALESCE(
    CAST((
      "base"."__value_0" - "base"."__window_1"
    ) AS Nullable(Float64)) / nullIf("base"."__window_0" - "base"."__window_1", 0),
    0
  ) AS "MonetaryScore",
  COALESCE(
    CAST((
      "base"."CountFactor" - "base"."__window_3"
    ) AS Nullable(Float64)) / nullIf("base"."__window_2" - "base"."__window_3", 0),
    0
  ) AS "FrequencyScore",
  COALESCE(
    CAST((
      "base"."__window_4" - "base"."AveFactorFerq"
    ) AS Nullable(Float64)) / nullIf("base"."__window_4" - "base"."__window_5", 0),
    0
  ) AS "RegularityScore",
  COALESCE(
    CAST((
      "base"."__window_6" - "base"."RecencyDays"
    ) AS Nullable(Float64)) / nullIf("base"."__window_6" - "base"."__window_7", 0),
    0
  ) AS "RecencyScore",
  COALESCE(
    CAST((
      "base"."__window_8" - "base"."CountNotOrder"
    ) AS Nullable(Float64)) / nullIf("base"."__window_8" - "base"."__window_9", 0),
    0
  ) AS "VisitScore",
  CAST(100 * (
    30 * COALESCE(
      CAST((
        "base"."__value_0" - "base"."__window_1"
      ) AS Nullable(Float64)) / nullIf("base"."__window_0" - "base"."__window_1", 0),
      0
    ) + 25 * COALESCE(
      CAST((
        "base"."CountFactor" - "base"."__window_3"
      ) AS Nullable(Float64)) / nullIf("base"."__window_2" - "base"."__window_3", 0),
      0
    ) + 15 * COALESCE(
      CAST((
        "base"."__window_4" - "base"."AveFactorFerq"
      ) AS Nullable(Float64)) / nullIf("base"."__window_4" - "base"."__window_5", 0),
      0
    ) + 20 * COALESCE(
      CAST((
        "base"."__window_6" - "base"."RecencyDays"
      ) AS Nullable(Float64)) / nullIf("base"."__window_6" - "base"."__window_7", 0),
      0
    ) + 10 * COALESCE(
      CAST((
        "base"."__window_8" - "base"."CountNotOrder"
      ) AS Nullable(Float64)) / nullIf("base"."__window_8" - "base"."__window_9", 0),
      0
    )
  ) AS Nullable(Float64)) / (
    30 + 25 + 15 + 20 + 10
  ) AS "PotentialIndex"
FROM (
  SELECT
    "base".*,
    MIN("base"."__value_0") OVER () AS "__window_1",
    MAX("base"."__value_0") OVER () AS "__window_0",
    MIN("base"."CountFactor") OVER () AS "__window_3",
    MAX("base"."CountFactor") OVER () AS "__window_2",
    MAX("base"."AveFactorFerq") OVER () AS "__window_4",
    MIN("base"."AveFactorFerq") OVER () AS "__window_5",
    MAX("base"."RecencyDays") OVER () AS "__window_6",
    MIN("base"."RecencyDays") OVER () AS "__window_7",
    MAX("base"."CountNotOrder") OVER () AS "__window_8",
    MIN("base"."CountNotOrder") OVER () AS "__window_9"
  FROM (
    SELECT
      "base".*,
      COALESCE("base"."AvgAmount", 0) * "base"."CountFactor" AS "__value_0"
    FROM "CustomerPotentialSignalsView" AS "base"
  ) AS "base"
) AS "base";
