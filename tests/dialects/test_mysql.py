"""MySQL 8.0.17+, MariaDB 10.6+: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest

from .primitives import PRIMITIVES, check

EXPECTED = {
    "parse_date": "STR_TO_DATE(FactorDate, '%Y/%m/%d')",
    "parse_date_dmy": "STR_TO_DATE(FactorDate, '%d.%m.%Y')",
    "format_date": "DATE_FORMAT(as_of, '%Y/%m/%d')",
    "days_between": "DATEDIFF(last_date, first_date)",
    "add_days_back": "DATE_SUB(as_of, INTERVAL 89 DAY)",
    "add_days_forward": "DATE_ADD(as_of, INTERVAL 1 DAY)",
    "current_date": "CURRENT_DATE",
    "date_literal": "CAST('2024-06-30' AS DATE)",
    "divide": "CAST(x AS DOUBLE) / NULLIF(y, 0)",
    "divide_compound": "CAST(DATEDIFF(last_date, first_date) AS DOUBLE) / NULLIF(n - 1, 0)",
    "average": "AVG(CAST(x AS DOUBLE))",
    "cast_integer": "CAST(x AS SIGNED)",
    "cast_bigint": "CAST(x AS SIGNED)",
    "cast_double": "CAST(x AS DOUBLE)",
    "cast_decimal": "CAST(x AS DECIMAL(18, 2))",
    "cast_string": "CAST(x AS CHAR)",
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
    check("mysql", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)
