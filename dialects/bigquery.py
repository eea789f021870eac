"""BigQuery: NUMERIC keeps 9 decimals through `/` and AVG, and CAST cannot take NUMERIC(P, S)."""
from __future__ import annotations

from sqlglot import exp

from ..generator.model import DataType
from .base import Dialect


class BigQuery(Dialect):
    name = "bigquery"
    sqlglot_name = "bigquery"
    title = "Google BigQuery"
    # Column names; table names may be longer. https://cloud.google.com/bigquery/docs/schemas#column_names
    max_identifier_length = 300

    # NUMERIC / NUMERIC is a NUMERIC with 9 decimals; FLOAT64 divides in double precision.
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/operators#arithmetic_operators
    double_division = True

    # AVG of a NUMERIC is a NUMERIC (9 decimals).
    # https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions#avg
    double_average = True

    def cast(self, value: exp.Expression, dtype: DataType) -> exp.Expression:
        # sqlglot drops (P, S) from a NUMERIC in CAST, leaving 9 decimals: round to the scale.
        # https://cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions#round
        cast = super().cast(value, dtype)
        if dtype.kind == "decimal":
            return exp.Round(this=cast, decimals=exp.Literal.number(dtype.scale or 0))
        return cast
