"""PostgreSQL 12+: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest

from semview.dialects import get_dialect

from .primitives import PRIMITIVES, check

EXPECTED = {
    "parse_date": "TO_DATE(FactorDate, 'YYYY/MM/DD')",
    "parse_date_dmy": "TO_DATE(FactorDate, 'DD.MM.YYYY')",
    "format_date": "TO_CHAR(as_of, 'YYYY/MM/DD')",
    "days_between": "last_date - first_date",
    "add_days_back": "as_of - 89",
    "add_days_forward": "as_of + 1",
    "current_date": "CURRENT_DATE",
    "date_literal": "CAST('2024-06-30' AS DATE)",
    "divide": "CAST(x AS DOUBLE PRECISION) / NULLIF(y, 0)",
    "divide_compound": """\
CAST((
  last_date - first_date
) AS DOUBLE PRECISION) / NULLIF(n - 1, 0)""",
    "average": "AVG(x)",
    "cast_integer": "CAST(x AS INT)",
    "cast_bigint": "CAST(x AS BIGINT)",
    "cast_double": "CAST(x AS DOUBLE PRECISION)",
    "cast_decimal": "CAST(x AS DECIMAL(18, 2))",
    "cast_string": "CAST(x AS VARCHAR)",
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
    check("postgres", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)


def test_identifier_length_counts_bytes() -> None:
    postgres = get_dialect("postgres")
    assert postgres.max_identifier_length == 63
    assert postgres.identifier_length("Umsätze") == 8  # "ä" is two bytes
