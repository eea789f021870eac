"""DuckDB: sqlglot's defaults are DuckDB's own spelling, except date arithmetic."""
from __future__ import annotations

from sqlglot import exp

from .base import Dialect, operand


class DuckDB(Dialect):
    name = "duckdb"
    sqlglot_name = "duckdb"
    title = "DuckDB 1.1+"
    verified = "engine"
    # ARG_MIN over a row value compares it field by field, as ORDER BY would (bench/README.md:
    # CustomerVisitLogsView, the WINDOW over the reason counts against a hash aggregate).
    # https://duckdb.org/docs/stable/sql/functions/aggregates#arg_minarg-val
    top_value_aggregate = True
    # Grouping on a quarter read from the text's digits instead of DATE_TRUNC(STRPTIME()) on every
    # row: CustomerQuarterlyPurchasesView 1.17 -> 1.0x of the hand-written query (bench/README.md).
    text_period_keys = True

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        # DATE ± INTERVAL is a TIMESTAMP on DuckDB; DATE ± integer stays a DATE.
        # https://duckdb.org/docs/stable/sql/functions/date
        if days < 0:
            return exp.Sub(this=operand(date), expression=exp.Literal.number(-days))
        return exp.Add(this=operand(date), expression=exp.Literal.number(days))
