"""Spark SQL 3.5+, Databricks: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest

from .primitives import PRIMITIVES, check

EXPECTED = {
    "parse_date": "TO_DATE(FactorDate, 'yyyy/M/d')",
    "parse_date_dmy": "TO_DATE(FactorDate, 'd.M.yyyy')",
    "format_date": "DATE_FORMAT(as_of, 'yyyy/MM/dd')",
    "days_between": "DATEDIFF(DAY, first_date, last_date)",
    "add_days_back": "DATE_ADD(as_of, -89)",
    "add_days_forward": "DATE_ADD(as_of, 1)",
    "current_date": "CURRENT_DATE",
    "date_literal": "CAST('2024-06-30' AS DATE)",
    "divide": "CAST(x AS DOUBLE) / NULLIF(y, 0)",  # DECIMAL / DECIMAL keeps 6 decimals
    "divide_compound": "CAST(DATEDIFF(DAY, first_date, last_date) AS DOUBLE) / NULLIF(n - 1, 0)",
    "average": "AVG(CAST(x AS DOUBLE))",
    "cast_integer": "CAST(x AS INT)",
    "cast_bigint": "CAST(x AS BIGINT)",
    "cast_double": "CAST(x AS DOUBLE)",
    "cast_decimal": "CAST(x AS DECIMAL(18, 2))",
    "cast_string": "CAST(x AS STRING)",
    "cast_date": "CAST(x AS DATE)",
    "view": """\
CREATE OR REPLACE VIEW customer_view AS
SELECT
  c.CustID AS `CustID`
FROM Customer AS c""",
    "view_left_join": """\
CREATE OR REPLACE VIEW customer_view AS
SELECT
  c.CustID AS `CustID`,
  g.GrpName AS `GrpName`
FROM Customer AS c
LEFT JOIN CustomerGroup AS g
  ON c.GrpID = g.GrpID""",
}


@pytest.mark.parametrize(("primitive", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_primitive(primitive: str, expected: str) -> None:
    check("spark", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)
