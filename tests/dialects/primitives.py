"""The dialect primitives every `test_<dialect>.py` checks, built from the same inputs.

Each test file holds a table `{primitive: expected SQL}` for its dialect (the style of
sqlglot's `tests/dialects`); `check` compares one entry and checks that sqlglot parses the
SQL back in that dialect, so a typo in the expected text cannot pass unnoticed.
"""
from __future__ import annotations

import datetime
from collections.abc import Callable

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel

from semview.dialects import Dialect, get_dialect
from semview.generator.model import DataType

col = exp.column


def _nullif_zero(value: exp.Expression) -> exp.Expression:
    return exp.Nullif(this=value, expression=exp.Literal.number(0))


def _view(d: Dialect, left_join: bool) -> tuple[exp.Expression, ...]:
    query = exp.select(exp.alias_(col("CustID", "c"), "CustID", quoted=True)).from_("Customer AS c")
    if left_join:
        query = query.select(exp.alias_(col("GrpName", "g"), "GrpName", quoted=True)).join(
            "CustomerGroup AS g", on="c.GrpID = g.GrpID", join_type="LEFT")
    return d.create_view(exp.to_table("customer_view"), query)


PRIMITIVES: dict[str, Callable[[Dialect], exp.Expression | tuple[exp.Expression, ...]]] = {
    "parse_date": lambda d: d.parse_date(col("FactorDate"), "%Y/%m/%d"),
    "parse_date_dmy": lambda d: d.parse_date(col("FactorDate"), "%d.%m.%Y"),
    "format_date": lambda d: d.format_date(col("as_of"), "%Y/%m/%d"),
    "days_between": lambda d: d.days_between(col("first_date"), col("last_date")),
    "add_days_back": lambda d: d.add_days(col("as_of"), -89),
    "add_days_forward": lambda d: d.add_days(col("as_of"), 1),
    "current_date": lambda d: d.current_date(),
    "date_literal": lambda d: d.date_literal(datetime.date(2024, 6, 30)),
    "divide": lambda d: d.divide(col("x"), _nullif_zero(col("y"))),
    "divide_compound": lambda d: d.divide(  # (last - first) / (n - 1): operands keep together
        d.days_between(col("first_date"), col("last_date")),
        _nullif_zero(exp.Sub(this=col("n"), expression=exp.Literal.number(1)))),
    "average": lambda d: d.average(col("x")),
    "cast_integer": lambda d: d.cast(col("x"), DataType("integer")),
    "cast_bigint": lambda d: d.cast(col("x"), DataType("bigint")),
    "cast_double": lambda d: d.cast(col("x"), DataType("double")),
    "cast_decimal": lambda d: d.cast(col("x"), DataType("decimal", 18, 2)),
    "cast_string": lambda d: d.cast(col("x"), DataType("string")),
    "cast_date": lambda d: d.cast(col("x"), DataType("date")),
    "view": lambda d: _view(d, left_join=False),
    "view_left_join": lambda d: _view(d, left_join=True),
}


def generated(dialect: str, primitive: str) -> str:
    """The SQL of `primitive` in `dialect`; several statements are joined with ';\\n'."""
    d = get_dialect(dialect)
    built = PRIMITIVES[primitive](d)
    statements = built if isinstance(built, tuple) else (built,)
    return ";\n".join(d.generate(statement) for statement in statements)


def check(dialect: str, primitive: str, expected: str) -> None:
    """`primitive` compiles to `expected` in `dialect`, and every statement parses back."""
    sql = generated(dialect, primitive)
    assert sql == expected, f"{dialect} {primitive}:\n{sql}"
    sqlglot_name = get_dialect(dialect).sqlglot_name
    for statement in sqlglot.parse(sql, read=sqlglot_name, error_level=ErrorLevel.RAISE):
        assert not isinstance(statement, exp.Command), f"sqlglot did not understand:\n{statement.sql()}"
