"""SQL Server 2016+: no STR_TO_DATE, DATE_SUB or CURRENT_DATE; AVG of integers is an integer."""
from __future__ import annotations

from sqlglot import exp
from sqlglot.dialects.tsql import TSQL as _SQLGLOT_TSQL
from sqlglot.errors import UnsupportedError

from ..generator.model import DataType
from .base import Dialect

# CONVERT's style numbers by the strftime format they read, from sqlglot's own table.
_STYLES = {fmt: style for style, fmt in _SQLGLOT_TSQL.CONVERT_FORMAT_MAPPING.items()}


class TSQL(Dialect):
    name = "tsql"
    sqlglot_name = "tsql"
    title = "SQL Server 2016+, Azure SQL"
    # https://learn.microsoft.com/en-us/sql/relational-databases/databases/database-identifiers
    max_identifier_length = 128
    # CREATE VIEW must open its batch; sqlcmd and SSMS split batches on GO.
    # https://learn.microsoft.com/en-us/sql/t-sql/statements/create-view-transact-sql
    batch_separator = "GO"

    def identifier_problem(self, name: str, relation: bool) -> str | None:
        # A name starting with # denotes a temporary object, even in [brackets], and a view
        # cannot be temporary.
        # https://learn.microsoft.com/en-us/sql/relational-databases/databases/database-identifiers
        if relation and name.startswith("#"):
            return "starts with #, which SQL Server reads as a temporary object (a view cannot be one)"
        return None

    def parse_date(self, text: exp.Expression, strftime: str) -> exp.Expression:
        # No STR_TO_DATE: CONVERT(DATE, d, style) reads a fixed format, e.g. style 111 = yyyy/mm/dd.
        # https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql#date-and-time-styles
        if strftime not in _STYLES:
            raise UnsupportedError(f"SQL Server: no CONVERT style reads dates in the format {strftime!r}")
        date = exp.DataType.build(exp.DataType.Type.DATE)
        return exp.Convert(this=date, expression=text, style=exp.Literal.number(_STYLES[strftime]))

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        # sqlglot spells a subtraction DATE_SUB(), which SQL Server lacks; DATEADD takes negatives.
        # https://learn.microsoft.com/en-us/sql/t-sql/functions/dateadd-transact-sql
        return exp.DateAdd(this=date, expression=exp.Literal.number(days), unit=exp.var("DAY"))

    def current_date(self) -> exp.Expression:
        # GETDATE() is a DATETIME with the time of day; the DATE is its cast.
        # https://learn.microsoft.com/en-us/sql/t-sql/functions/getdate-transact-sql
        return exp.cast(exp.CurrentTimestamp(), exp.DataType.Type.DATE)

    # AVG of an int column is a truncated int (5/3 -> 1).
    # https://learn.microsoft.com/en-us/sql/t-sql/functions/avg-transact-sql#return-types
    double_average = True

    def data_type(self, dtype: DataType) -> exp.DataType:
        # VARCHAR without a length in CAST is VARCHAR(30), silently truncating longer text.
        # https://learn.microsoft.com/en-us/sql/t-sql/data-types/char-and-varchar-transact-sql#remarks
        if dtype.kind == "string":
            return exp.DataType.build("NVARCHAR(MAX)", dialect="tsql")
        return super().data_type(dtype)

    def string_equals(self, left: exp.Expression, right: exp.Expression) -> exp.Expression:
        # Default collations are case-insensitive; a binary collation compares exactly.
        # https://learn.microsoft.com/en-us/sql/relational-databases/collations/collation-and-unicode-support
        return exp.EQ(this=exp.Collate(this=left, expression=exp.var("Latin1_General_BIN2")), expression=right)

    def truncate_date(self, date: exp.Expression, unit: str) -> exp.Expression:
        # DATETRUNC exists only from SQL Server 2022; DATEFROMPARTS builds the first day.
        # https://learn.microsoft.com/en-us/sql/t-sql/functions/datefromparts-transact-sql
        if unit == "day":
            return date
        year = exp.Anonymous(this="YEAR", expressions=[date])
        month = exp.Anonymous(this="MONTH", expressions=[date.copy()])
        if unit == "quarter":  # integer division: months 1-3 -> 1, 4-6 -> 4, ...
            month = exp.Add(this=exp.Mul(this=exp.paren(exp.Div(this=exp.paren(exp.Sub(
                this=month, expression=exp.Literal.number(1))), expression=exp.Literal.number(3), typed=True)),
                expression=exp.Literal.number(3)), expression=exp.Literal.number(1))
        elif unit == "year":
            month = exp.Literal.number(1)
        return exp.Anonymous(this="DATEFROMPARTS", expressions=[year, month, exp.Literal.number(1)])
