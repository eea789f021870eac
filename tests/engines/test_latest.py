"""`latest` gives the same, hand-computed values on every engine, whichever SQL shape it takes.

The shape differs by dialect (a ROW_NUMBER window and a GROUP BY picking a rank by default,
one top-N aggregate on DuckDB, DISTINCT ON on PostgreSQL where every measure is on the latest
row: the views of `ONE_ROW`), so the edge cases are pinned here on real engines: a tie on
the first order column, a NULL value on the latest row (NULL, not the next value), a NULL in
an order column (below every value, not the first row as PostgreSQL's default DESC puts it),
an offset past the rows, and a filtered `latest` (its offsets count only the rows it keeps;
a NULL filter keeps nothing). Every expected value is worked out by hand from `FACTOR`.
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
  - name: Factor
    filter: "Status <> 'canceled'"
    time: FactorDate
    columns:
      FactorID: bigint
      CustID: integer
      SCID: integer
      SellerID: integer
      FactorDate: {type: date, format: YYYY/MM/DD, sortable_text: true}
      Amount: decimal(18,2)
      Cost: decimal(18,2)
      Status: string
entities:
  - {name: customer, column: CustID, type: integer, keys: {Factor: CustID}}
metrics:
  - {name: Invoices, source: Factor, agg: count}
  - {name: Last, source: Factor, agg: latest, expr: Cost, order_by: [FactorDate, SellerID]}
  - {name: Prev, source: Factor, agg: latest, expr: Cost, order_by: [FactorDate, SellerID], offset: 1}
  - {name: Third, source: Factor, agg: latest, expr: Cost, order_by: [FactorDate, SellerID], offset: 2}
  - {name: LastBig, source: Factor, agg: latest, expr: Cost, order_by: [FactorDate, SellerID], filter: "Amount >= 10"}
  - {name: PrevBig, source: Factor, agg: latest, expr: Cost, order_by: [FactorDate, SellerID], filter: "Amount >= 10",
     offset: 1}
  - {name: NotSeven, source: Factor, agg: latest, expr: Cost, order_by: [FactorDate, SellerID], filter: "SellerID <> 7"}
  - {name: BySeller, source: Factor, agg: latest, expr: Cost, order_by: [SellerID, FactorID]}
  - {name: LastSeller, source: Factor, agg: latest, expr: SellerID, order_by: [FactorDate, SellerID]}
  - {name: LastDate, source: Factor, agg: max, expr: FactorDate, as_text: true}
  - {name: LastDay, source: Factor, agg: max, expr: FactorDate}
  - {name: LastBigSeller, source: Factor, agg: latest, expr: SellerID, order_by: [FactorDate, SellerID],
     filter: "Amount >= 10"}
  - {name: TopSeller, source: Factor, agg: max, expr: SellerID}
  - {name: MaxCost, source: Factor, agg: max, expr: Cost}
"""
VIEWS = """
views:
  - name: Latest
    grain: [customer]
    columns: [{entity: customer}, {metric: Invoices}, {metric: Last}, {metric: Prev}, {metric: Third},
              {metric: LastBig}, {metric: PrevBig}, {metric: NotSeven}, {metric: BySeller}]
  # Every measure read on the latest row: PostgreSQL keeps that row with DISTINCT ON.
  - name: LatestRow
    grain: [customer]
    columns: [{entity: customer}, {metric: Last}, {metric: LastSeller}, {metric: LastDate}, {metric: LastDay}]
  - name: LatestBigRow
    grain: [customer]
    columns: [{entity: customer}, {metric: LastBig}, {metric: LastBigSeller}]
  - name: BySellerRow
    grain: [customer]
    columns: [{entity: customer}, {metric: BySeller}, {metric: TopSeller}]
  # MAX of a column the order does not start with is not on the latest row: ranked as ever.
  - name: LatestAndMax
    grain: [customer]
    columns: [{entity: customer}, {metric: Last}, {metric: MaxCost}]
"""
AS_OF = datetime.date(2024, 6, 30)
COLUMNS = ("FactorID", "CustID", "SellerID", "FactorDate", "Amount", "Cost", "Status")
FACTOR = [
    # customer 1: two invoices on the latest day, the higher SellerID wins the tie
    (1, 1, 1, "2024/06/10", 10, 10, "final"),
    (2, 1, 2, "2024/06/10", 5, 20, "final"),      # latest
    (3, 1, 3, "2024/06/01", 10, 30, "final"),
    (4, 1, 9, "2024/07/01", 10, 99, "final"),     # after the as-of date: never read
    (5, 1, 9, "2024/06/20", 10, 98, "canceled"),  # the source's filter drops it
    # customer 2: the latest invoice has no cost, so Last is NULL (not 5)
    (6, 2, 1, "2024/06/20", 10, None, "final"),
    (7, 2, 1, "2024/06/05", 10, 5, "final"),
    # customer 3: a NULL SellerID ranks below SellerID 4 on the same day, and lowest of all in BySeller
    (8, 3, None, "2024/06/15", 10, 7, "final"),
    (9, 3, 4, "2024/06/15", 5, 8, "final"),       # latest
    (10, 3, 5, "2024/06/02", 10, 9, "final"),
    # customer 4: one invoice, which LastBig's filter excludes and NotSeven's filter is NULL on
    (11, 4, None, "2024/06/03", 5, 40, "final"),
]
# CustID, Invoices, Last, Prev, Third, LastBig, PrevBig, NotSeven, BySeller
EXPECTED = [
    (1, 3, 20, 10, 30, 10, 30, 20, 30),
    (2, 2, None, 5, None, None, 5, None, 5),  # BySeller: a tie on SellerID 1, FactorID 7 is later
    (3, 3, 8, 7, 9, 7, 9, 8, 9),              # NotSeven: the NULL-seller row 8 is not kept
    (4, 1, 40, None, None, None, None, None, 40),
]
NAMES = ["CustID", "Invoices", "Last", "Prev", "Third", "LastBig", "PrevBig", "NotSeven", "BySeller"]
D = datetime.date
ONE_ROW = {  # view -> its columns and rows, worked out by hand from FACTOR
    "LatestRow": (["CustID", "Last", "LastSeller", "LastDate", "LastDay"], [
        (1, 20, 2, "2024/06/10", D(2024, 6, 10)),  # the tie on 06/10 goes to SellerID 2
        (2, None, 1, "2024/06/20", D(2024, 6, 20)),  # a NULL value on the latest row
        (3, 8, 4, "2024/06/15", D(2024, 6, 15)),  # the NULL SellerID ranks below 4
        (4, 40, None, "2024/06/03", D(2024, 6, 3)),
    ]),
    "LatestBigRow": (["CustID", "LastBig", "LastBigSeller"], [
        (1, 10, 1),  # invoice 2 (Amount 5) is not kept
        (2, None, 1),
        (3, 7, None),  # invoice 9 is not kept, so the NULL-seller invoice 8 is the latest
        (4, None, None),  # no invoice kept: the customer is still a row, with NULLs
    ]),
    "BySellerRow": (["CustID", "BySeller", "TopSeller"], [
        (1, 30, 3),
        (2, 5, 1),  # a tie on SellerID 1: FactorID 7 is later
        (3, 9, 5),  # NULL SellerID ranks last
        (4, 40, None),  # every SellerID NULL: the only row is the latest, and the MAX is NULL
    ]),
    "LatestAndMax": (["CustID", "Last", "MaxCost"], [(1, 20, 30), (2, None, 5), (3, 8, 9), (4, 40, 40)]),
}


def _project(tmp_path: Path) -> Path:
    return write_project(tmp_path, CATALOG, VIEWS)


def _rows() -> list[dict]:
    return [dict(zip(COLUMNS, row), SCID=1, Discount=0) for row in FACTOR]


def test_latest_gives_the_defined_values(engine, tmp_path: Path) -> None:
    views = compile_catalog(load_catalog(_project(tmp_path)), get_dialect(engine.name), AS_OF)
    engine.load({"Factor": _rows()})
    engine.execute_script("\n".join(v.sql for v in views))
    assert_same_rows(engine.query(f"SELECT * FROM {engine.quote('Latest')}"), (NAMES, EXPECTED), keys=["CustID"])
    for view, expected in ONE_ROW.items():
        assert_same_rows(engine.query(f"SELECT * FROM {engine.quote(view)}"), expected, keys=["CustID"])


@pytest.mark.parametrize("dialect", ["duckdb", "postgres"])
def test_latest_shapes(tmp_path: Path, dialect: str) -> None:
    sql = next(v.sql for v in compile_catalog(load_catalog(_project(tmp_path)), get_dialect(dialect), AS_OF))
    if dialect == "duckdb":  # one aggregate per value, order and filter; no window
        assert "ROW_NUMBER" not in sql and sql.count("ARG_MAX_NULL(") == 2 and sql.count("ARG_MAX(") == 5
        assert "FILTER(WHERE" in sql
    else:  # one rank per order and filter: Last, Prev and Third share theirs; NULLs ranked last, written out
        assert sql.count("ROW_NUMBER()") == 4 and '"Last__rank" = 3' in sql
        assert "DESC NULLS LAST" in sql and "DISTINCT ON" not in sql


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "sqlite"])
def test_latest_row_shapes(tmp_path: Path, dialect: str) -> None:
    """PostgreSQL reads a scope whose every measure is on the latest row with DISTINCT ON, its
    order written out with NULLS LAST; a filter orders the rows it keeps first. Elsewhere, and
    for a MAX that the latest row need not hold, the shapes stay."""
    sql = {v.name: v.sql for v in compile_catalog(load_catalog(_project(tmp_path)), get_dialect(dialect), AS_OF)}
    for view in ("LatestRow", "LatestBigRow", "BySellerRow"):
        assert ("DISTINCT ON" in sql[view]) == (dialect == "postgres"), view
    assert "DISTINCT ON" not in sql["LatestAndMax"] and "DISTINCT ON" not in sql["Latest"]
    if dialect == "postgres":
        assert all("ROW_NUMBER" not in sql[v] and "GROUP BY" not in sql[v]
                   for v in ("LatestRow", "LatestBigRow", "BySellerRow"))
        assert '"s"."FactorDate" DESC NULLS LAST,\n    "s"."SellerID" DESC NULLS LAST' in sql["LatestRow"]
        assert '"s"."SellerID" DESC NULLS LAST,\n    "s"."FactorID" DESC NULLS LAST' in sql["BySellerRow"]
        assert "CASE WHEN \"s\".\"Amount\" >= 10 THEN 0 ELSE 1 END" in sql["LatestBigRow"]
        assert "ROW_NUMBER" in sql["LatestAndMax"]
