"""SQLite 3.34+: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest
from sqlglot import exp
from sqlglot.errors import UnsupportedError

from semview.dialects import get_dialect

from .primitives import PRIMITIVES, check

EXPECTED = {
    "parse_date": "DATE(REPLACE(FactorDate, '/', '-'))",
    "parse_date_dmy": """\
DATE(
  SUBSTRING(FactorDate, 7, 4) || '-' || SUBSTRING(FactorDate, 4, 2) || '-' || SUBSTRING(FactorDate, 1, 2)
)""",
    "format_date": "STRFTIME('%Y/%m/%d', as_of)",
    "days_between": "CAST((JULIANDAY(last_date) - JULIANDAY(first_date)) AS INTEGER)",
    "add_days_back": "DATE(as_of, '-89 DAY')",
    "add_days_forward": "DATE(as_of, '1 DAY')",
    "current_date": "CURRENT_DATE",
    "date_literal": "DATE('2024-06-30')",
    "divide": "CAST(x AS REAL) / NULLIF(y, 0)",
    "divide_compound": "CAST(CAST((JULIANDAY(last_date) - JULIANDAY(first_date)) AS INTEGER) AS REAL) / NULLIF(n - 1, 0)",
    "average": "AVG(x)",
    "cast_integer": "CAST(x AS INTEGER)",
    "cast_bigint": "CAST(x AS INTEGER)",
    "cast_double": "CAST(x AS REAL)",
    "cast_decimal": "ROUND(CAST(x AS REAL), 2)",
    "cast_string": "CAST(x AS TEXT)",
    "cast_date": "DATE(x)",
    "view": """\
DROP VIEW IF EXISTS customer_view;
CREATE VIEW customer_view AS
SELECT
  c.CustID AS "CustID"
FROM Customer AS c""",
    "view_left_join": """\
DROP VIEW IF EXISTS customer_view;
CREATE VIEW customer_view AS
SELECT
  c.CustID AS "CustID",
  g.GrpName AS "GrpName"
FROM Customer AS c
LEFT JOIN CustomerGroup AS g
  ON c.GrpID = g.GrpID""",
}


@pytest.mark.parametrize(("primitive", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_primitive(primitive: str, expected: str) -> None:
    check("sqlite", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)


def test_parse_date_needs_fixed_width_fields() -> None:
    with pytest.raises(UnsupportedError, match="%b"):
        get_dialect("sqlite").parse_date(exp.column("d"), "%d %b %Y")
