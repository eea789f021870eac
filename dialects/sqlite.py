"""SQLite 3.34+: dates are 'YYYY-MM-DD' text, there is no STR_TO_DATE, DATE_SUB or CREATE OR REPLACE VIEW."""
from __future__ import annotations

import functools
import re

from sqlglot import exp
from sqlglot.errors import UnsupportedError

from ..generator.model import DataType
from .base import Dialect

_WIDTHS = {"%Y": 4, "%m": 2, "%d": 2}  # zero-padded fields, so each sits at a fixed position


class SQLite(Dialect):
    name = "sqlite"
    sqlglot_name = "sqlite"
    title = "SQLite 3.34+"
    verified = "engine"

    def identifier_problem(self, name: str, relation: bool) -> str | None:
        # A view's or subquery's column named true or false (any case) is renamed columnN, even
        # with CREATE VIEW v(col, ...): sqlite3ColumnsFromExprList skips sqlite3IsTrueOrFalse names.
        # https://github.com/sqlite/sqlite/blob/master/src/select.c
        if not relation and name.lower() in ("true", "false"):
            return "is TRUE or FALSE, which SQLite replaces by columnN as a view's column name"
        return None

    def parse_date(self, text: exp.Expression, strftime: str) -> exp.Expression:
        # No STR_TO_DATE: date() reads only 'YYYY-MM-DD', so rearrange the text into that.
        # https://www.sqlite.org/lang_datefunc.html#time_values
        separator = strftime[2:3]
        if strftime == f"%Y{separator}%m{separator}%d" and separator:
            iso = exp.Replace(this=text, expression=exp.Literal.string(separator),
                              replacement=exp.Literal.string("-"))
            return exp.cast(iso, exp.DataType.Type.DATE)
        fields, position = {}, 1  # other orders: cut each field out at its fixed position
        for token in re.findall(r"%.|[^%]+", strftime):
            if token.startswith("%") and token not in _WIDTHS:
                raise UnsupportedError(f"SQLite: cannot parse dates in the format {strftime!r}")
            width = _WIDTHS.get(token, len(token))
            if token in _WIDTHS:
                fields[token] = exp.Substring(this=text.copy(), start=exp.Literal.number(position),
                                              length=exp.Literal.number(width))
            position += width
        if not set(_WIDTHS) <= set(fields):
            raise UnsupportedError(f"SQLite: the date format {strftime!r} lacks a year, month or day")
        parts = (fields["%Y"], exp.Literal.string("-"), fields["%m"], exp.Literal.string("-"), fields["%d"])
        iso = functools.reduce(lambda left, right: exp.DPipe(this=left, expression=right), parts)
        return exp.cast(iso, exp.DataType.Type.DATE)

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        # sqlglot spells a subtraction DATE_SUB(), which SQLite lacks; date(d, '-89 DAY') works.
        # https://www.sqlite.org/lang_datefunc.html#modifiers
        return exp.DateAdd(this=date, expression=exp.Literal.number(days), unit=exp.var("DAY"))

    def cast(self, value: exp.Expression, dtype: DataType) -> exp.Expression:
        # No DECIMAL type: a decimal is a REAL rounded to its scale.
        # https://www.sqlite.org/datatype3.html#type_affinity
        if dtype.kind == "decimal":
            real = exp.cast(value, exp.DataType.Type.DOUBLE)
            return exp.Round(this=real, decimals=exp.Literal.number(dtype.scale or 0))
        return super().cast(value, dtype)

    def create_view(self, name: exp.Table, query: exp.Query) -> tuple[exp.Expression, ...]:
        # No CREATE OR REPLACE VIEW: drop the old view first.
        # https://www.sqlite.org/lang_createview.html
        return (exp.Drop(tables=[name.copy()], kind="VIEW", exists=True),
                exp.Create(this=name, kind="VIEW", expression=query))

    def truncate_date(self, date: exp.Expression, unit: str) -> exp.Expression:
        # No DATE_TRUNC; date() modifiers move to the start of the year or month.
        # https://www.sqlite.org/lang_datefunc.html#modifiers
        if unit == "day":
            return date
        start = "start of year" if unit == "year" else "start of month"
        args = [date, exp.Literal.string(start)]
        if unit == "quarter":  # back (month - 1) % 3 months from the month's start
            month = exp.cast(exp.Anonymous(this="STRFTIME", expressions=[exp.Literal.string("%m"), date.copy()]),
                             exp.DataType.Type.INT)
            back = exp.Mod(this=exp.paren(exp.Sub(this=month, expression=exp.Literal.number(1))),
                           expression=exp.Literal.number(3))
            args.append(exp.DPipe(this=exp.Neg(this=exp.paren(back)), expression=exp.Literal.string(" months")))
        return exp.Anonymous(this="DATE", expressions=args)
