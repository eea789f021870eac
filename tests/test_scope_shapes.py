"""The shapes the planner picks for speed give the numbers of the plain definition.

A source read over two windows is scanned once (the narrower window's metrics become
filtered measures of the wider scope, and its rows still decide which keys are rows); a
windowed scope with one rollup joins the window's parents to their children and groups per
parent. Every value below is worked out by hand from the rows in `TABLES`.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
import pytest

import semview
from semview.dialects import get_dialect

CATALOG = """
sources:
  - name: Orders
    filter: "Status <> 'void'"
    time: Day
    columns: {OrderID: integer, Cust: integer, Day: {type: date, format: YYYY/MM/DD, sortable_text: true},
              Amount: integer, Status: string}
    rollups:
      - {name: LineCount, from: Lines, agg: count}
      - {name: Lines0, from: Lines, agg: count, default: 0}
      - {name: QtyA, from: Lines, agg: sum, expr: Qty, filter: "Kind = 'a'"}
      - {name: CountA, from: Lines, agg: count, filter: "Kind = 'a'"}
  - name: Lines
    filter: "Kind <> 'x'"
    columns: {OrderID: integer, Qty: integer, Kind: string}
relationships:
  - {from: Lines, to: Orders, on: {OrderID: OrderID}, cardinality: many_to_one}
entities:
  - {name: customer, column: Cust, type: integer, keys: {Orders: Cust}}
metrics:
  - {name: AllOrders, source: Orders, agg: count}
  - {name: WinOrders, source: Orders, agg: count, window: 30}
  - {name: WinAmount, source: Orders, agg: sum, expr: Amount, window: 30}
  - {name: MaxLines, source: Orders, agg: max, expr: LineCount, window: 30}
  - {name: AvgLines, source: Orders, agg: avg, expr: LineCount, window: 30}
  - {name: MinLines0, source: Orders, agg: min, expr: Lines0, window: 30}
  - {name: SumQtyA, source: Orders, agg: sum, expr: QtyA, window: 30}
  - {name: MaxCountA, source: Orders, agg: max, expr: CountA, window: 30}
"""
VIEWS = """
views:
  - name: Window
    grain: [customer]
    rows: [WinOrders]
    columns: [{entity: customer}, {metric: AllOrders}, {metric: WinOrders}, {metric: WinAmount},
              {metric: MaxLines}, {metric: AvgLines}, {metric: MinLines0}, {metric: SumQtyA}, {metric: MaxCountA}]
  - name: Both
    grain: [customer]
    columns: [{entity: customer}, {metric: AllOrders}, {metric: WinAmount}]
"""
# as of 2024-06-30, the 30-day window is 2024/06/01 .. 2024/06/30
TABLES = {
    "Orders": [
        (1, 1, "2024/06/10", 10, "ok"),    # customer 1: in the window, lines 2 x a + 3 x b
        (2, 1, "2024/05/01", 5, "ok"),     # before the window: counts for AllOrders only
        (3, 1, "2024/07/05", 100, "ok"),   # after the as-of date: never counts
        (4, 2, "2024/06/30", 7, "ok"),     # customer 2: last day of the window, its only line filtered out
        (5, 2, "2024/06/01", 0, "void"),   # filtered out by the source
        (6, 3, "2024/05/31", 20, "ok"),    # customer 3: the day before the window
        (7, 4, "2024/06/01", 0, "ok"),     # customer 4: first day of the window, amount 0, one b line
    ],
    "Lines": [(1, 2, "a"), (1, 3, "b"), (2, 1, "a"), (3, 9, "a"), (4, 8, "x"), (5, 4, "a"), (6, 1, "b"),
              (7, 5, "b")],
}
WINDOW = {  # Cust: AllOrders, WinOrders, WinAmount, MaxLines, AvgLines, MinLines0, SumQtyA, MaxCountA
    1: (2, 1, 10, 2, 2.0, 2, 2, 1),
    2: (1, 1, 7, None, None, 0, None, None),  # no counted line: no count (NULL), Lines0 its default
    4: (1, 1, 0, 1, 1.0, 1, None, 0),         # lines, none of kind a: count 0, sum NULL
}
BOTH = {1: (2, 10), 2: (1, 7), 3: (1, None), 4: (1, 0)}  # every customer with an order to the as-of date


def _build(tmp_path: Path, dialect: str) -> dict[str, str]:
    (tmp_path / "metrics").mkdir(parents=True)
    (tmp_path / "views").mkdir()
    (tmp_path / "metrics" / "m.yml").write_text(CATALOG)
    (tmp_path / "views" / "v.yml").write_text(VIEWS)
    return {v.name: v.sql for v in semview.compile_project(tmp_path, dialect, as_of="2024-06-30")}


def _rows(result: list[tuple]) -> dict[int, tuple]:
    return {row[0]: tuple(float(v) if isinstance(v, float) else v for v in row[1:]) for row in result}


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_merged_windows_and_joined_rollups_give_the_defined_numbers(tmp_path: Path, dialect: str) -> None:
    views = _build(tmp_path, dialect)
    con = duckdb.connect() if dialect == "duckdb" else sqlite3.connect(":memory:")
    con.execute("CREATE TABLE Orders (OrderID INTEGER, Cust INTEGER, Day VARCHAR(10), Amount INTEGER, Status VARCHAR)")
    con.execute("CREATE TABLE Lines (OrderID INTEGER, Qty INTEGER, Kind VARCHAR)")
    con.executemany("INSERT INTO Orders VALUES (?, ?, ?, ?, ?)", TABLES["Orders"])
    con.executemany("INSERT INTO Lines VALUES (?, ?, ?)", TABLES["Lines"])
    for sql in views.values():
        if dialect == "sqlite":
            con.executescript(sql)
        else:
            con.execute(sql)
    assert _rows(con.execute('SELECT * FROM "Window"').fetchall()) == WINDOW
    assert _rows(con.execute('SELECT * FROM "Both"').fetchall()) == BOTH


def test_the_shapes_reach_the_sql(tmp_path: Path) -> None:
    sql = _build(tmp_path, "duckdb")["Window"]
    # the window's plain metrics are measures of the to-as-of scan, not a scan of their own
    assert "WHEN \"s\".\"Day\" >= '2024/06/01' THEN \"s\".\"Amount\"" in sql
    assert sql.count("FROM Orders AS") == 2  # the to-as-of scan, and the window's parents of the rollups
    # the rollups: children joined to the window's parents, grouped per parent (no separate rollup)
    assert "LEFT JOIN Lines AS \"Lines_rollup\"" in sql and "GROUP BY\n      \"src\".OrderID" in sql
    postgres = _build(tmp_path / "pg", "postgres")["Window"]
    assert "LEFT JOIN Lines AS" not in postgres  # PostgreSQL keeps the per-parent rollup (bench/README.md)
    # PostgreSQL picks the window's rows with FILTER (skipped before the argument is computed)
    assert "SUM(\"s\".\"Amount\") FILTER(WHERE\n      \"s\".\"Day\" >= '2024/06/01')" in postgres
    assert "FILTER" not in sql


# Two scopes make the rows (customers with a sale in the window, or a visit in it): a filter
# that no row of a group matches, keys found in one scope only, and NULL keys. Each view is
# run with both dialect flags on (FILTER, and a FULL JOIN of the two scopes; SQLite has both
# from 3.39) and off (CASE, and the key list), for the same rows.
TWO_SCOPES = """
sources:
  - name: Sales
    time: Day
    columns: {Cust: {type: integer, not_null: true}, Day: {type: date, format: YYYY/MM/DD, sortable_text: true},
              Amount: integer, Kind: string}
  - name: Visits
    time: Day
    columns: {Cust: {type: integer, not_null: true}, Day: {type: date, format: YYYY/MM/DD, sortable_text: true},
              Ordered: integer}
  - name: LooseSales
    table: Sales
    time: Day
    columns: {Cust: integer, Day: {type: date, format: YYYY/MM/DD, sortable_text: true}, Amount: integer, Kind: string}
  - name: LooseVisits
    table: Visits
    time: Day
    columns: {Cust: integer, Day: {type: date, format: YYYY/MM/DD, sortable_text: true}, Ordered: integer}
entities:
  - {name: customer, column: Cust, type: integer,
     keys: {Sales: Cust, Visits: Cust, LooseSales: Cust, LooseVisits: Cust}}
metrics:
{metrics}
"""
_METRICS = """
  - {{name: {p}Orders, source: {p}Sales, agg: count}}
  - {{name: {p}WinOrders, source: {p}Sales, agg: count, window: 30}}
  - {{name: {p}Returns, source: {p}Sales, agg: sum, expr: Amount, filter: "Kind = 'return'"}}
  - {{name: {p}ReturnCount, source: {p}Sales, agg: count, filter: "Kind = 'return'"}}
  - {{name: {p}WinAmount, source: {p}Sales, agg: sum, expr: Amount, window: 30}}
  - {{name: {p}LastWinSale, source: {p}Sales, agg: max, expr: Day, window: 30, as_text: true}}
  - {{name: {p}VisitCount, source: {p}Visits, agg: count, window: 30}}
  - {{name: {p}NoOrderVisits, source: {p}Visits, agg: count, filter: "Ordered = 0", window: 30}}
"""
_NAMES = ("Orders", "WinOrders", "Returns", "ReturnCount", "WinAmount", "LastWinSale", "VisitCount", "NoOrderVisits")
TWO_SCOPE_VIEWS = """
views:
  - name: Signals
    grain: [customer]
    rows: [WinOrders, VisitCount]
    columns: [{entity: customer}, %s]
  - name: Loose
    grain: [customer]
    rows: [LooseWinOrders, LooseVisitCount]
    columns: [{entity: customer}, %s]
""" % (", ".join(f"{{metric: {n}}}" for n in _NAMES), ", ".join(f"{{metric: Loose{n}}}" for n in _NAMES))
# as of 2024-06-30, the 30-day window is 2024/06/01 .. 2024/06/30
TWO_SCOPE_TABLES = {
    "Sales": [
        (1, "2024/06/10", 10, "sale"),
        (1, "2024/06/12", -3, "return"),
        (1, "2024/05/01", 5, "sale"),
        (2, "2024/05/20", 7, "sale"),      # customer 2: no sale in the window, but visits in it
        (3, "2024/06/20", 4, "sale"),      # customer 3: a sale in the window, no return, no visit
        (4, "2024/05/05", 1, "sale"),      # customer 4: nothing in the window: not a row
        (5, "2024/07/02", 9, "sale"),      # after the as-of date; customer 5 has visits only
        (None, "2024/06/11", 8, "sale"),   # a NULL customer (only the Loose sources allow it)
    ],
    "Visits": [(1, "2024/06/10", 1), (2, "2024/06/15", 0), (2, "2024/06/16", 1), (5, "2024/06/01", 0),
               (6, "2024/05/01", 0), (None, "2024/06/11", 0)],
}
# Cust: Orders, WinOrders, Returns, ReturnCount, WinAmount, LastWinSale, VisitCount, NoOrderVisits.
# A filter no row of the group matches: SUM is NULL, COUNT 0 (customers 2 and 3); a scope
# without the key: every measure of it NULL (customer 3's visits, customer 5's sales).
SIGNALS = {
    1: (3, 2, -3, 1, 7, "2024/06/12", 1, 0),
    2: (1, 0, None, 0, None, None, 2, 1),
    3: (1, 1, None, 0, 4, "2024/06/20", None, None),
    5: (None, None, None, None, None, None, 1, 1),
}
# The NULL-key rule (docs/model.md): with keys that may be NULL, the rows are the union of the
# scopes' keys, each scope joined on `=`: the NULL customer is one row, and NULL matching
# nothing, its every measure is NULL (though each scope has a NULL group: 1 sale, 1 visit).
LOOSE = {**SIGNALS, None: (None,) * 8}


def _build_two_scopes(tmp_path: Path, dialect: str) -> dict[str, str]:
    (tmp_path / "metrics").mkdir(parents=True)
    (tmp_path / "views").mkdir()
    metrics = "".join(_METRICS.format(p=p) for p in ("", "Loose"))
    (tmp_path / "metrics" / "m.yml").write_text(TWO_SCOPES.replace("{metrics}", metrics))
    (tmp_path / "views" / "v.yml").write_text(TWO_SCOPE_VIEWS)
    return {v.name: v.sql for v in semview.compile_project(tmp_path, dialect, as_of="2024-06-30")}


@pytest.mark.parametrize("fast", [True, False], ids=["dialect-shapes", "case-and-key-list"])
@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_two_scopes_filters_and_null_keys_give_the_defined_rows(tmp_path: Path, dialect: str, fast: bool,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    if dialect == "sqlite" and fast and sqlite3.sqlite_version_info < (3, 39):
        pytest.skip("FULL JOIN needs SQLite 3.39")
    monkeypatch.setattr(get_dialect(dialect), "aggregate_filter", fast)
    monkeypatch.setattr(get_dialect(dialect), "full_join", fast)
    views = _build_two_scopes(tmp_path, dialect)
    assert ("FILTER(WHERE" in views["Signals"]) is fast
    assert ("FULL JOIN" in views["Signals"]) is fast
    assert "FULL JOIN" not in views["Loose"]  # keys that may be NULL keep the key list
    con = duckdb.connect() if dialect == "duckdb" else sqlite3.connect(":memory:")
    con.execute("CREATE TABLE Sales (Cust INTEGER, Day VARCHAR(10), Amount INTEGER, Kind VARCHAR)")
    con.execute("CREATE TABLE Visits (Cust INTEGER, Day VARCHAR(10), Ordered INTEGER)")
    con.executemany("INSERT INTO Sales VALUES (?, ?, ?, ?)", TWO_SCOPE_TABLES["Sales"])
    con.executemany("INSERT INTO Visits VALUES (?, ?, ?)", TWO_SCOPE_TABLES["Visits"])
    for sql in views.values():
        if dialect == "sqlite":
            con.executescript(sql)
        else:
            con.execute(sql)
    assert _rows(con.execute('SELECT * FROM "Loose"').fetchall()) == LOOSE
    con.execute("DELETE FROM Sales WHERE Cust IS NULL")  # Signals' keys are declared never NULL
    con.execute("DELETE FROM Visits WHERE Cust IS NULL")
    assert _rows(con.execute('SELECT * FROM "Signals"').fetchall()) == SIGNALS
