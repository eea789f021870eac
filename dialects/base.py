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

from ..generator.model import DataType

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
    # A view computed per period unit (year, month, day) reads its source once per unit; on
    # an engine that inlines a view every time it is named, that source is computed once in a
    # MATERIALIZED CTE instead (PostgreSQL 12+; DuckDB materializes a shared CTE by itself).
    materialize_shared_reads: ClassVar[bool] = False
    # An aggregate over some of a group's rows is written `AGG(x) FILTER (WHERE c)` (SQL:2003)
    # instead of `AGG(CASE WHEN c THEN x END)`: the engine skips the other rows instead of
    # aggregating a NULL for each. Only where the suite runs it and it measured faster (MySQL
    # has no FILTER; ClickHouse's sumIf of no rows is 0 where SUM(CASE ...) is NULL).
    aggregate_filter: ClassVar[bool] = False
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
