"""`most_frequent` gives the same, hand-computed values on every engine, whichever SQL shape it takes.

The shape differs by dialect (ROW_NUMBER over the (key, value) counts by default, ARG_MIN over
them on DuckDB, DISTINCT ON on PostgreSQL), so its rules are pinned here on real engines: the
highest count wins; a tie goes to the smallest value (as text, or as a number); NULL values and
the rows the filter drops are not counted; a key with nothing counted has NULL. Every expected
value is worked out by hand from `VISITS`.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from semview.dialects import get_dialect
from semview.generator.compile import compile_catalog, load_catalog
from tests.engines.compare import assert_same_rows
from tests.projects import write_project

CATALOG = """
sources:
  - name: CustomerVisit
    time: VisitDate
    columns:
      VisitID: bigint
      CustID: integer
      SellerID: integer
      VisitDate: {type: date, format: YYYY/MM/DD, sortable_text: true}
      HasOrder: integer
      NoOrderReason: string
entities:
  - {name: customer, column: CustID, type: integer, keys: {CustomerVisit: CustID}}
metrics:
  - {name: Visits, source: CustomerVisit, agg: count}
  - {name: TopReason, source: CustomerVisit, agg: most_frequent, expr: NoOrderReason, filter: HasOrder = 0}
  - {name: TopSeller, source: CustomerVisit, agg: most_frequent, expr: SellerID}
"""
VIEWS = """
views:
  - name: Tops
    grain: [customer]
    columns: [{entity: customer}, {metric: Visits}, {metric: TopReason}, {metric: TopSeller}]
"""
AS_OF = datetime.date(2024, 6, 30)
COLUMNS = ("VisitID", "CustID", "SellerID", "VisitDate", "HasOrder", "NoOrderReason")
VISITS = [
    # customer 1: "price" and "closed" twice each without an order: the tie goes to "closed";
    # "stock" three times, but on visits with an order (filtered out). Sellers 10 x3, 9 x3, 2 x1:
    # the tie goes to 9 (as a number: 9 < 10, where the text "10" < "9")
    (1, 1, 10, "2024/06/01", 0, "price"), (2, 1, 10, "2024/06/02", 0, "price"),
    (3, 1, 9, "2024/06/03", 0, "closed"), (4, 1, 9, "2024/06/04", 0, "closed"),
    (5, 1, 10, "2024/06/05", 1, "stock"), (6, 1, 9, "2024/06/06", 1, "stock"),
    (7, 1, 2, "2024/06/07", 1, "stock"),
    # customer 2: NULL reasons are not counted, even three of them; "away" once wins
    (8, 2, 5, "2024/06/01", 0, None), (9, 2, 5, "2024/06/02", 0, None), (10, 2, 5, "2024/06/03", 0, None),
    (11, 2, 6, "2024/06/04", 0, "away"),
    # customer 3: only visits with an order, and one after the as-of date: no reason counted
    (12, 3, 7, "2024/06/10", 1, None), (13, 3, 8, "2024/07/02", 0, "late"), (14, 3, 8, "2024/07/03", 0, "late"),
]
NAMES = ["CustID", "Visits", "TopReason", "TopSeller"]
EXPECTED = [(1, 7, "closed", 9), (2, 4, "away", 5), (3, 1, None, 7)]


def _project(tmp_path: Path) -> Path:
    return write_project(tmp_path, CATALOG, VIEWS)


def test_most_frequent_gives_the_defined_values(engine, tmp_path: Path) -> None:
    views = compile_catalog(load_catalog(_project(tmp_path)), get_dialect(engine.name), AS_OF)
    engine.load({"CustomerVisit": [dict(zip(COLUMNS, row), SCID=1, FactorID=None) for row in VISITS]})
    engine.execute_script("\n".join(v.sql for v in views))
    assert_same_rows(engine.query(f"SELECT * FROM {engine.quote('Tops')}"), (NAMES, EXPECTED), keys=["CustID"])


@pytest.mark.parametrize(("dialect", "shape"), [("duckdb", "ARG_MIN("), ("postgres", "DISTINCT ON"),
                                                ("sqlite", "ROW_NUMBER()")])
def test_most_frequent_shapes(tmp_path: Path, dialect: str, shape: str) -> None:
    sql = compile_catalog(load_catalog(_project(tmp_path)), get_dialect(dialect), AS_OF)[0].sql
    assert sql.count(shape) == 2  # one per most_frequent metric
