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
