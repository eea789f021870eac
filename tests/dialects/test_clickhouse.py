"""ClickHouse 23.3+: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest

from .primitives import PRIMITIVES, check

EXPECTED = {
    "parse_date": "CAST(STR_TO_DATE(FactorDate, '%Y/%m/%d') AS Nullable(DATE))",
    "parse_date_dmy": "CAST(STR_TO_DATE(FactorDate, '%d.%m.%Y') AS Nullable(DATE))",
    "format_date": "formatDateTime(as_of, '%Y/%m/%d')",
    "days_between": "DATE_DIFF(DAY, first_date, last_date)",
    "add_days_back": "DATE_SUB(DAY, 89, as_of)",
    "add_days_forward": "DATE_ADD(DAY, 1, as_of)",
    "current_date": "CURRENT_DATE()",
    "date_literal": "CAST('2024-06-30' AS Nullable(DATE))",
    "divide": "CAST(x AS Nullable(Float64)) / nullIf(y, 0)",
    "divide_compound": "CAST(DATE_DIFF(DAY, first_date, last_date) AS Nullable(Float64)) / nullIf(n - 1, 0)",
    "average": "AVG(x)",
    "cast_integer": "CAST(x AS Nullable(Int32))",
    "cast_bigint": "CAST(x AS Nullable(Int64))",
    "cast_double": "CAST(x AS Nullable(Float64))",
    "cast_decimal": "CAST(ROUND(CAST(x AS Nullable(Decimal(38, 3))), 2) AS Nullable(Decimal(18, 2)))",
    "cast_string": "CAST(x AS Nullable(String))",
    "cast_date": "CAST(x AS Nullable(DATE))",
    "view": """\
CREATE OR REPLACE VIEW customer_view AS
SELECT
  c.CustID AS "CustID"
FROM Customer AS c""",
    "view_left_join": """\
CREATE OR REPLACE VIEW customer_view AS
SELECT
  c.CustID AS "CustID",
  g.GrpName AS "GrpName"
FROM Customer AS c
LEFT JOIN CustomerGroup AS g
  ON c.GrpID = g.GrpID
SETTINGS join_use_nulls = 1""",
}


@pytest.mark.parametrize(("primitive", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_primitive(primitive: str, expected: str) -> None:
    check("clickhouse", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)
