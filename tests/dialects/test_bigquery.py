"""Google BigQuery: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest

from .primitives import PRIMITIVES, check

EXPECTED = {
    "parse_date": "PARSE_DATE('%Y/%m/%d', FactorDate)",
    "parse_date_dmy": "PARSE_DATE('%d.%m.%Y', FactorDate)",
    "format_date": "FORMAT_DATE('%Y/%m/%d', as_of)",
    "days_between": "DATE_DIFF(last_date, first_date, DAY)",
    "add_days_back": "DATE_SUB(as_of, INTERVAL 89 DAY)",
    "add_days_forward": "DATE_ADD(as_of, INTERVAL 1 DAY)",
    "current_date": "CURRENT_DATE",
    "date_literal": "CAST('2024-06-30' AS DATE)",
    "divide": "CAST(x AS FLOAT64) / NULLIF(y, 0)",
    "divide_compound": "CAST(DATE_DIFF(last_date, first_date, DAY) AS FLOAT64) / NULLIF(n - 1, 0)",
    "average": "AVG(CAST(x AS FLOAT64))",
    "cast_integer": "CAST(x AS INT64)",
    "cast_bigint": "CAST(x AS INT64)",
    "cast_double": "CAST(x AS FLOAT64)",
    "cast_decimal": "ROUND(CAST(x AS NUMERIC), 2)",
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
    check("bigquery", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)
