"""PostgreSQL 12+: date arithmetic stays in DATE; identifiers are limited in bytes."""
from __future__ import annotations

from sqlglot import exp

from .base import Dialect, operand


class Postgres(Dialect):
    name = "postgres"
    sqlglot_name = "postgres"
    title = "PostgreSQL 12+"
    verified = "engine"
    # NAMEDATALEN - 1 bytes; longer names are silently truncated.
    # https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS
    max_identifier_length = 63
    # With the child's foreign-key index, PostgreSQL aggregates the whole child table in index
    # order (GroupAggregate, no hash table); hashing it against the window's parents instead
    # was slower (bench/README.md: CustomerPotentialAnalyticsView, EXPLAIN ANALYZE).
    semi_join_rollups = False
    # CustomerCompositionView read the purchase history for each of its three grains (before
    # they were rolled up from the days): inlined three times, the history's window functions
    # ran three times (EXPLAIN ANALYZE).
    # https://www.postgresql.org/docs/current/queries-with.html#QUERIES-WITH-CTE-MATERIALIZATION
    materialize_shared_reads = True
    # No TO_DATE per row to group by quarter (CustomerQuarterlyPurchasesView, backend CPU 1.66 ->
    # 1.45 s against the hand-written query's 1.48 s).
    text_period_keys = True
    # A FILTER is checked before the aggregate's argument is computed, and the transition is
    # skipped (bench/README.md, item 18: 6-18% less CPU on the conditional aggregates).
    # https://www.postgresql.org/docs/current/sql-expressions.html#SYNTAX-AGGREGATES
    aggregate_filter = True
    # CustomerPotentialSignalsView: a Hash Full Join of the two aggregates, as its baseline
    # (bench/README.md, item 18; CPU 0.81-0.84 of the key list's).
    full_join = True
    # CustAssignToSellerView, EXPLAIN ANALYZE: Seq Scan, Sort, Unique (446 buffers, 41 ms) where
    # ROW_NUMBER read the (CustID, SCID) index, then an Incremental Sort, a WindowAgg and a
    # GroupAggregate (36,904 buffers, 97-100 ms; over a seq scan instead, 95 ms).
    # CustomerVisitLogsView's top reason: Sort + Unique over the counts, CPU 1.11 -> 1.00 of the
    # baseline (bench/README.md, item 24).
    # https://www.postgresql.org/docs/current/sql-select.html#SQL-DISTINCT
    distinct_on = True

    def identifier_length(self, name: str) -> int:
        # The limit counts bytes of the UTF-8 encoding, not characters (same link as above).
        return len(name.encode("utf-8"))

    def days_between(self, start: exp.Expression, end: exp.Expression) -> exp.Expression:
        # date - date is an integer number of days; sqlglot's default goes through epoch seconds.
        # https://www.postgresql.org/docs/current/functions-datetime.html (Table 9.31)
        return exp.Sub(this=operand(end), expression=operand(start))

    def truncate_date(self, date: exp.Expression, unit: str) -> exp.Expression:
        # date_trunc has no DATE form: a bare DATE resolves to the timestamptz one, which
        # converts every row through the session's time zone; a plain TIMESTAMP does not
        # (bench/README.md: CustomerQuarterlyPurchasesView's scan, EXPLAIN ANALYZE).
        # https://www.postgresql.org/docs/current/functions-datetime.html#FUNCTIONS-DATETIME-TRUNC
        if unit == "day":
            return date
        stamp = exp.cast(date, exp.DataType.Type.TIMESTAMP)
        return exp.cast(exp.TimestampTrunc(this=stamp, unit=exp.var(unit.upper())), exp.DataType.Type.DATE)

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        # date +/- integer is a DATE; date - INTERVAL (sqlglot's default) is a TIMESTAMP.
        # https://www.postgresql.org/docs/current/functions-datetime.html (Table 9.31)
        if days < 0:
            return exp.Sub(this=operand(date), expression=exp.Literal.number(-days))
        return exp.Add(this=operand(date), expression=exp.Literal.number(days))

    def int_divide(self, dividend: exp.Expression, divisor: exp.Expression) -> exp.Expression:
        # integer / integer truncates; sqlglot's DIV() is div(numeric, numeric), a NUMERIC.
        # https://www.postgresql.org/docs/current/functions-math.html (Table 9.4)
        return exp.Div(this=operand(dividend), expression=operand(divisor), typed=True, safe=False)

    def date_from_parts(self, year: exp.Expression, month: exp.Expression, day: exp.Expression) -> exp.Expression:
        # sqlglot spells DATE_FROM_PARTS, which PostgreSQL lacks; make_date(int, int, int).
        # https://www.postgresql.org/docs/current/functions-datetime.html (Table 9.33)
        return exp.Anonymous(this="MAKE_DATE", expressions=[year, month, day])
