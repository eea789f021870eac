"""The default dialect: what every target shares, spelled as sqlglot expression nodes.

A target module subclasses `Dialect` and overrides only what differs on its engine.
Meaning lives in the nodes (`exp.StrToDate`, `exp.DateDiff`, `exp.Create`); sqlglot's
generator for the target spells them, and an override exists only where that spelling
is wrong or missing on the real engine.
"""
from __future__ import annotations

import datetime
from typing import ClassVar

from sqlglot import exp
from sqlglot.errors import ErrorLevel

from ..generator.model import DataType, DateFormat

_TYPES = {
    "integer": exp.DataType.Type.INT,
    "bigint": exp.DataType.Type.BIGINT,
    "double": exp.DataType.Type.DOUBLE,
    "string": exp.DataType.Type.VARCHAR,
    "date": exp.DataType.Type.DATE,
    "timestamp": exp.DataType.Type.TIMESTAMP,
    "boolean": exp.DataType.Type.BOOLEAN,
}


def operand(value: exp.Expression) -> exp.Expression:
    """`value` ready to be an operand of `+ - * /`: sqlglot does not add parentheses itself."""
    return exp.paren(value, copy=False) if isinstance(value, exp.Binary) else value


class Dialect:
    """A target database: its name, how it is verified, and what differs there."""

    name: ClassVar[str]
    sqlglot_name: ClassVar[str]
    title: ClassVar[str]  # the engines this covers, for `semview dialects`
    verified: ClassVar[str] = "parse"  # "engine": the test suite runs it on a real engine
    max_identifier_length: ClassVar[int | None] = None  # as counted by `identifier_length`
    batch_separator: ClassVar[str | None] = None  # a line between the statements of a script
    # Where exact-number division or AVG keeps only a few decimals (or truncates), the
    # dividend / AVG's argument is cast to DOUBLE first; each target says why, with a link.
    double_division: ClassVar[bool] = False
    double_average: ClassVar[bool] = False
    # A windowed scope rolls up only the children of its in-window parents (a semi-join),
    # not the whole child table: far less to aggregate on hash-aggregating engines.
    semi_join_rollups: ClassVar[bool] = True
    # A view computed per period unit (year, month, day) whose units are not rolled up from
    # the finest one (a COUNT DISTINCT, a ranked measure) reads its source once per unit; on
    # an engine that inlines a view every time it is named, that source is computed once in a
    # MATERIALIZED CTE instead (PostgreSQL 12+; DuckDB materializes a shared CTE by itself).
    materialize_shared_reads: ClassVar[bool] = False
    # `most_frequent` picks each key's top value from the (key, value) counts with one
    # aggregate (`top_value`) instead of a ROW_NUMBER window over the counts and a filter on
    # its rank: a hash aggregate, where the window sorts every partition.
    top_value_aggregate: ClassVar[bool] = False
    # A period of a sortable text date is grouped on the text's digits (`text_period_key`) and
    # its first day built once per group, so no row's date is parsed to be grouped.
    text_period_keys: ClassVar[bool] = False
    # A `latest` metric is one aggregate (the method `latest`) in its scope's GROUP BY; by
    # default every row is ranked with ROW_NUMBER first and the GROUP BY picks the wanted rank.
    latest_aggregate: ClassVar[bool] = False
    # One row per key is kept with `SELECT DISTINCT ON (keys) ... ORDER BY keys, ...`
    # (PostgreSQL): one sort and a Unique, where ROW_NUMBER ran a WindowAgg and a filter. Used
    # for a scope whose every measure is read from one row (`latest` measures of offset 0
    # sharing one order and filter, and MAX of that order's first column), and for the top
    # value of `most_frequent` over its (key, value) counts.
    distinct_on: ClassVar[bool] = False
    # An aggregate over some of a group's rows is written `AGG(x) FILTER (WHERE c)` (SQL:2003)
    # instead of `AGG(CASE WHEN c THEN x END)`: the engine skips the other rows instead of
    # aggregating a NULL for each. Only where the suite runs it and it measured faster (MySQL
    # has no FILTER; ClickHouse's sumIf of no rows is 0 where SUM(CASE ...) is NULL).
    aggregate_filter: ClassVar[bool] = False
    # Where `aggregate_filter` is off: a scope whose conditional aggregates all share one
    # condition writes them with FILTER (WHERE c) after all. The engine computes the condition
    # once and each aggregate reads the rows it selects; with several conditions each FILTER is
    # a selection of its own, and CASE measured faster (DuckDB, bench/README.md item 22).
    shared_condition_filter: ClassVar[bool] = False
    # A view whose rows come from two scopes whose keys are declared `not_null` FULL JOINs them,
    # as an expert writes it, instead of left-joining both to the union of their keys (a key
    # list: one more aggregation and join). MySQL has no FULL JOIN; ClickHouse's fills unmatched
    # columns with defaults unless join_use_nulls; SQLite has it from 3.39 only.
    full_join: ClassVar[bool] = False

    def identifier_length(self, name: str) -> int:
        """The length of `name` as the engine counts it against `max_identifier_length`."""
        return len(name)

    def identifier_problem(self, name: str, relation: bool) -> str | None:
        """Why the engine cannot hold `name` as it is, or None (lengths: `max_identifier_length`).

        `relation`: a view or schema name, kept in the engine's catalog; otherwise a column,
        alias or CTE name. Checked at compile time by `generator/limits.py` (SV303).
        """
        return None

    # -- dates stored as text -------------------------------------------------------

    def parse_date(self, text: exp.Expression, strftime: str) -> exp.Expression:
        """A DATE from text in `strftime` form (e.g. `%Y/%m/%d`); NULL stays NULL."""
        return exp.StrToDate(this=text, format=exp.Literal.string(strftime))

    def format_date(self, date: exp.Expression, strftime: str) -> exp.Expression:
        """The text form of a DATE, the inverse of `parse_date`."""
        return exp.TimeToStr(this=date, format=exp.Literal.string(strftime))

    # -- date arithmetic ------------------------------------------------------------

    def days_between(self, start: exp.Expression, end: exp.Expression) -> exp.Expression:
        """Whole days from `start` to `end` (positive when end is later)."""
        return exp.DateDiff(this=end, expression=start, unit=exp.var("DAY"))

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        """`date` moved by `days` (may be negative), still a DATE."""
        if days < 0:
            return exp.DateSub(this=date, expression=exp.Literal.number(-days), unit=exp.var("DAY"))
        return exp.DateAdd(this=date, expression=exp.Literal.number(days), unit=exp.var("DAY"))

    def truncate_date(self, date: exp.Expression, unit: str) -> exp.Expression:
        """The first day of the year, quarter, month or day holding `date`, as a DATE."""
        if unit == "day":
            return date
        return exp.cast(exp.DateTrunc(this=date, unit=exp.var(unit.upper())), exp.DataType.Type.DATE)

    def current_date(self) -> exp.Expression:
        return exp.CurrentDate()

    # -- periods of sortable text dates (`text_period_keys`) --------------------------

    def text_period_key(self, text: exp.Expression, fmt: DateFormat, unit: str) -> exp.Expression | None:
        """A group key for the `unit` holding `text`, a zero-padded date in `fmt`, read from its
        digits: the text itself for a day, the year, year * 4 + quarter - 1, year * 12 + month - 1
        (one integer per period, which hashes like a DATE); None for another unit."""
        def digits(field: str) -> exp.Expression:
            return self.text_digits(text.copy(), fmt.pattern.index(field) + 1, len(field))

        if unit == "day":
            return text
        if unit == "year":
            return digits("YYYY")
        month = exp.paren(exp.Sub(this=digits("MM"), expression=exp.Literal.number(1)), copy=False)
        if unit == "quarter":
            month = self.int_divide(month, exp.Literal.number(3))
        elif unit != "month":  # a week's first day is not in its text
            return None
        per_year = exp.Literal.number(4 if unit == "quarter" else 12)
        return exp.Add(this=exp.Mul(this=digits("YYYY"), expression=per_year), expression=month)

    def text_digits(self, text: exp.Expression, start: int, length: int) -> exp.Expression:
        """The integer that `length` digits of `text` from position `start` (1-based) write."""
        part = exp.Substring(this=text, start=exp.Literal.number(start), length=exp.Literal.number(length))
        return exp.cast(part, exp.DataType.Type.INT)

    def text_period_start(self, key: exp.Expression, fmt: DateFormat, unit: str) -> exp.Expression:
        """The first day (a DATE) of the period `text_period_key` gave `key` for."""
        if unit == "day":
            return self.parse_date(key, fmt.strftime)
        one = exp.Literal.number(1)
        key = operand(key)
        if unit == "year":
            return self.date_from_parts(key, one, one.copy())
        per_year = exp.Literal.number(4 if unit == "quarter" else 12)
        month = exp.Mod(this=key.copy(), expression=per_year)
        if unit == "quarter":
            month = exp.Mul(this=month, expression=exp.Literal.number(3))
        return self.date_from_parts(self.int_divide(key, per_year.copy()),
                                    exp.Add(this=month, expression=one), one.copy())

    def int_divide(self, dividend: exp.Expression, divisor: exp.Expression) -> exp.Expression:
        """The integer quotient of two non-negative integers, an integer."""
        return exp.IntDiv(this=dividend, expression=divisor)

    def date_from_parts(self, year: exp.Expression, month: exp.Expression, day: exp.Expression) -> exp.Expression:
        """The DATE of integer `year`, `month`, `day`."""
        return exp.DateFromParts(year=year, month=month, day=day)

    def date_literal(self, value: datetime.date) -> exp.Expression:
        return exp.cast(exp.Literal.string(value.isoformat()), exp.DataType.Type.DATE)

    # -- arithmetic -----------------------------------------------------------------

    def divide(self, numerator: exp.Expression, denominator: exp.Expression) -> exp.Expression:
        """True division (7 / 2 = 3.5) whatever the operand types; NULL on a NULL denominator."""
        if self.double_division:
            numerator = exp.cast(numerator, exp.DataType.Type.DOUBLE)
        return exp.Div(this=operand(numerator), expression=operand(denominator), typed=False, safe=False)

    def average(self, value: exp.Expression) -> exp.Expression:
        """The exact mean, in double precision at least."""
        return exp.Avg(this=exp.cast(value, exp.DataType.Type.DOUBLE) if self.double_average else value)

    def data_type(self, dtype: DataType) -> exp.DataType:
        if dtype.kind == "decimal":
            return exp.DataType.build(f"DECIMAL({dtype.precision}, {dtype.scale})")
        return exp.DataType.build(_TYPES[dtype.kind])

    def cast(self, value: exp.Expression, dtype: DataType) -> exp.Expression:
        return exp.Cast(this=value, to=self.data_type(dtype))

    def string_equals(self, left: exp.Expression, right: exp.Expression) -> exp.Expression:
        """Exact, case-sensitive string equality ('c0003' is not 'C0003')."""
        return exp.EQ(this=left, expression=right)

    # -- aggregates -----------------------------------------------------------------

    def top_value(self, value: exp.Expression, count: exp.Expression) -> exp.Expression:
        """The aggregate of a group of (value, count) rows giving the value of the highest count,
        a tie going to the smallest value (`top_value_aggregate`): the value of the smallest
        (-count, value), compared field by field. The values are never NULL (not counted)."""
        return exp.ArgMin(this=value, expression=exp.Tuple(expressions=[exp.Neg(this=count), value.copy()]))

    def latest(self, value: exp.Expression, order: list[exp.Expression], offset: int, count: int,
               condition: exp.Expression | None, value_never_null: bool = False,
               order_never_null: tuple[bool, ...] = ()) -> exp.Expression:
        """Where `latest_aggregate`: the aggregate of `value` on the row `offset` places from the
        latest of the group's rows (those `condition` keeps), in `order` descending, a NULL in an
        order column below every value; NULL when there is no such row, and NULL when that row's
        value is NULL (not the next value). `count` (> offset) is the largest offset + 1 that
        reads the same value in the same order: the measures may share one top-`count`.
        `value_never_null` and `order_never_null` (per order column) say which are declared
        `not_null`, so need no guard against NULL."""
        raise NotImplementedError(f"{self.name} ranks `latest` rows with ROW_NUMBER")

    # -- identifiers and DDL --------------------------------------------------------

    def source_identifier(self, name: str, quoted: bool) -> exp.Identifier:
        """A source table or column as the schema's creator named it (see docs/dialects.md)."""
        return exp.to_identifier(name, quoted=quoted)

    def create_view(self, name: exp.Table, query: exp.Query) -> tuple[exp.Expression, ...]:
        """The statements that create `name`, or replace it if it exists."""
        return (exp.Create(this=name, kind="VIEW", replace=True, expression=query),)

    def generate(self, expression: exp.Expression) -> str:
        """SQL text for this target; sqlglot raises rather than emit what it cannot spell."""
        return expression.sql(dialect=self.sqlglot_name, pretty=True, identify=False, comments=False,
                              unsupported_level=ErrorLevel.RAISE)
