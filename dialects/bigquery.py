"""BigQuery: NUMERIC keeps 9 decimals through `/` and AVG, and CAST cannot take NUMERIC(P, S)."""
from __future__ import annotations

import unicodedata

from sqlglot import exp

from ..generator.model import DataType
from .base import Dialect

_COLUMN_SYMBOLS = "&%=+:'<>#|"


class BigQuery(Dialect):
    name = "bigquery"
    sqlglot_name = "bigquery"
    title = "Google BigQuery"
    # Column names; table names may be longer. https://cloud.google.com/bigquery/docs/schemas#column_names
    max_identifier_length = 300

    def identifier_problem(self, name: str, relation: bool) -> str | None:
        # A view takes letters, marks, numbers, connectors (_), dashes and spaces; a dot would
        # even read as a path. https://cloud.google.com/bigquery/docs/tables#table_naming
        # Columns also take & % = + : ' < > # | (flexible column names), so never " ` . ; ( ) [ ].
        # https://cloud.google.com/bigquery/docs/schemas#flexible-column-names
        extra = "" if relation else _COLUMN_SYMBOLS
        bad = sorted({c for c in name if c not in extra and unicodedata.category(c)[0] not in "LMN"
                      and unicodedata.category(c) not in ("Pc", "Pd", "Zs")})
        if bad:
            what = "view names" if relation else "column names"
            return f"holds {' '.join(bad)}, which BigQuery does not take in {what}"
        return None

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
