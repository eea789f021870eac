"""DuckDB 1.1+: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest

from .primitives import PRIMITIVES, check

EXPECTED = {
    # TRY_ first: it runs once per distinct stored string; STRPTIME raises on what it left NULL.
    "parse_date": """\
COALESCE(
  CAST(TRY_STRPTIME(FactorDate, '%Y/%m/%d') AS DATE),
  CAST(STRPTIME(FactorDate, '%Y/%m/%d') AS DATE)
)""",
    "parse_date_dmy": """\
COALESCE(
  CAST(TRY_STRPTIME(FactorDate, '%d.%m.%Y') AS DATE),
  CAST(STRPTIME(FactorDate, '%d.%m.%Y') AS DATE)
)""",
    "format_date": "STRFTIME(as_of, '%Y/%m/%d')",
    "days_between": "DATE_DIFF('DAY', first_date, last_date)",
    # DATE ± integer, not INTERVAL, so the result stays a DATE (test_add_days_is_a_date).
    "add_days_back": "as_of - 89",
    "add_days_forward": "as_of + 1",
    "current_date": "CURRENT_DATE",
    "date_literal": "CAST('2024-06-30' AS DATE)",
    "divide": "x / NULLIF(y, 0)",
    "divide_compound": "DATE_DIFF('DAY', first_date, last_date) / NULLIF(n - 1, 0)",
    "average": "AVG(x)",
    "cast_integer": "CAST(x AS INT)",
    "cast_bigint": "CAST(x AS BIGINT)",
    "cast_double": "CAST(x AS DOUBLE)",
    "cast_decimal": "CAST(x AS DECIMAL(18, 2))",
    "cast_string": "CAST(x AS TEXT)",
    "cast_date": "CAST(x AS DATE)",
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
  ON c.GrpID = g.GrpID""",
}


@pytest.mark.parametrize(("primitive", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_primitive(primitive: str, expected: str) -> None:
    check("duckdb", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)
