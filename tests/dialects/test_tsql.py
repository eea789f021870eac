"""SQL Server 2016+, Azure SQL: the SQL each primitive compiles to."""
from __future__ import annotations

import pytest
from sqlglot import exp
from sqlglot.errors import UnsupportedError

from semview.dialects import get_dialect

from .primitives import PRIMITIVES, check

EXPECTED = {
    "parse_date": "CONVERT(DATE, FactorDate, 111)",
    "parse_date_dmy": "CONVERT(DATE, FactorDate, 104)",
    "format_date": "FORMAT(as_of, 'yyyy/MM/dd')",
    "days_between": "DATEDIFF(DAY, first_date, last_date)",
    "add_days_back": "DATEADD(DAY, -89, as_of)",
    "add_days_forward": "DATEADD(DAY, 1, as_of)",
    "current_date": "CAST(GETDATE() AS DATE)",
    "date_literal": "CAST('2024-06-30' AS DATE)",
    "divide": "CAST(x AS FLOAT) / NULLIF(y, 0)",
    "divide_compound": "CAST(DATEDIFF(DAY, first_date, last_date) AS FLOAT) / NULLIF(n - 1, 0)",
    "average": "AVG(CAST(x AS FLOAT))",
    "cast_integer": "CAST(x AS INTEGER)",
    "cast_bigint": "CAST(x AS BIGINT)",
    "cast_double": "CAST(x AS FLOAT)",
    "cast_decimal": "CAST(x AS NUMERIC(18, 2))",
    "cast_string": "CAST(x AS NVARCHAR(MAX))",
    "cast_date": "CAST(x AS DATE)",
    "view": """\
CREATE OR ALTER VIEW customer_view AS
SELECT
  c.CustID AS [CustID]
FROM Customer AS c""",
    "view_left_join": """\
CREATE OR ALTER VIEW customer_view AS
SELECT
  c.CustID AS [CustID],
  g.GrpName AS [GrpName]
FROM Customer AS c
LEFT JOIN CustomerGroup AS g
  ON c.GrpID = g.GrpID""",
}


@pytest.mark.parametrize(("primitive", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_primitive(primitive: str, expected: str) -> None:
    check("tsql", primitive, expected)


def test_every_primitive_is_listed() -> None:
    assert list(EXPECTED) == list(PRIMITIVES)


def test_parse_date_needs_a_convert_style() -> None:
    with pytest.raises(UnsupportedError, match="CONVERT style"):
        get_dialect("tsql").parse_date(exp.column("d"), "%Y/%d/%m")
