"""DuckDB: sqlglot's defaults are DuckDB's own spelling, except date arithmetic."""
from __future__ import annotations

from sqlglot import exp

from .base import Dialect, operand


class DuckDB(Dialect):
    name = "duckdb"
    sqlglot_name = "duckdb"
    title = "DuckDB 1.1+"
    verified = "engine"
    # No aggregate_filter: DuckDB computes a FILTERed aggregate's argument on every row and
    # slices the rows per aggregate; CASE measured as fast or faster (bench/README.md, item 12).
    # CustomerPotentialSignalsView: FULL JOIN of the two aggregates, as its baseline (item 12).
    full_join = True

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        # DATE ± INTERVAL is a TIMESTAMP on DuckDB; DATE ± integer stays a DATE.
        # https://duckdb.org/docs/stable/sql/functions/date
        if days < 0:
            return exp.Sub(this=operand(date), expression=exp.Literal.number(-days))
        return exp.Add(this=operand(date), expression=exp.Literal.number(days))
