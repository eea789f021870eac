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
from tests.projects import write_project

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


def _compiled(tmp_path: Path, dialect: str, catalog: str, views: str | None = None) -> dict[str, str]:
    """The SQL of each view of a project made of `catalog` (metrics/) and `views` (views/)."""
    project = write_project(tmp_path, catalog, views)
    return {v.name: v.sql for v in semview.compile_project(project, dialect, as_of="2024-06-30")}


def _build(tmp_path: Path, dialect: str) -> dict[str, str]:
    return _compiled(tmp_path, dialect, CATALOG, VIEWS)


def _loaded(dialect: str, tables: dict[str, tuple[str, list[tuple]]], *views: str):
    """A fresh in-memory DuckDB or SQLite database with `tables` ({name: (its column
    definitions, its rows)}), then `views` (CREATE VIEW scripts) created in order."""
    con = duckdb.connect() if dialect == "duckdb" else sqlite3.connect(":memory:")
    for name, (columns, rows) in tables.items():
        con.execute(f"CREATE TABLE {name} ({columns})")
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    for sql in views:
        if dialect == "sqlite":
            con.executescript(sql)
        else:
            con.execute(sql)
    return con


def _rows(result: list[tuple]) -> dict[int, tuple]:
    return {row[0]: tuple(float(v) if isinstance(v, float) else v for v in row[1:]) for row in result}


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_merged_windows_and_joined_rollups_give_the_defined_numbers(tmp_path: Path, dialect: str) -> None:
    views = _build(tmp_path, dialect)
    con = _loaded(dialect, {
        "Orders": ("OrderID INTEGER, Cust INTEGER, Day VARCHAR(10), Amount INTEGER, Status VARCHAR", TABLES["Orders"]),
        "Lines": ("OrderID INTEGER, Qty INTEGER, Kind VARCHAR", TABLES["Lines"]),
    }, *views.values())
    assert _rows(con.execute('SELECT * FROM "Window"').fetchall()) == WINDOW
    assert _rows(con.execute('SELECT * FROM "Both"').fetchall()) == BOTH


def test_the_shapes_reach_the_sql(tmp_path: Path) -> None:
    sql = _build(tmp_path, "duckdb")["Window"]
    # the window's plain metrics are measures of the to-as-of scan, not a scan of their own;
    # they share the scope's one condition, so DuckDB writes them with FILTER
    assert "SUM(\"s\".\"Amount\") FILTER(WHERE\n      \"s\".\"Day\" >= '2024/06/01')" in sql
    assert "CASE WHEN \"s\".\"Day\"" not in sql
    assert sql.count("FROM Orders AS") == 2  # the to-as-of scan, and the window's parents of the rollups
    # the rollups: children joined to the window's parents, grouped per parent (no separate rollup)
    assert "LEFT JOIN Lines AS \"Lines_rollup\"" in sql and "GROUP BY\n      \"src\".OrderID" in sql
    postgres = _build(tmp_path / "pg", "postgres")["Window"]
    assert "LEFT JOIN Lines AS" not in postgres  # PostgreSQL keeps the per-parent rollup (bench/README.md)
    # PostgreSQL picks the window's rows with FILTER (skipped before the argument is computed)
    assert "SUM(\"s\".\"Amount\") FILTER(WHERE\n      \"s\".\"Day\" >= '2024/06/01')" in postgres


def test_duckdb_filters_conditional_aggregates_only_when_they_share_one_condition(tmp_path: Path) -> None:
    # Window's to-as-of scope: every conditional aggregate is in the window (FILTER, above);
    # Signals' sales scope mixes the window with Kind = 'return' (CASE for all of them); its
    # visits scope has one conditional aggregate (nothing to share: CASE)
    signals = _build_two_scopes(tmp_path, "duckdb")["Signals"]
    assert "FILTER" not in signals
    assert "CASE WHEN \"s\".\"Kind\" = 'return' THEN \"s\".\"Amount\" END" in signals
    assert "CASE WHEN \"s\".\"Day\" >= '2024/06/01' THEN \"s\".\"Amount\" END" in signals
    assert "COUNT(CASE WHEN \"s\".\"Ordered\" = 0 THEN 1 END)" in signals


# -- a many-to-many pair counted both ways: stacked, counted per link key once ----------

PAIR_CATALOG = """
sources:
  - name: Plan
    filter: "Kind <> 'x'"
    time: Day
    columns: {Cust: integer, Rep: integer, Day: {type: date, format: YYYY/MM/DD, sortable_text: true}, Kind: string}
    rollups:
      - {name: VisitsThatDay, from: Visit, agg: count, default: 0}
      - {name: OrdersThatDay, from: Visit, agg: count, filter: HasOrder = 1}
  - name: Visit
    time: VDay
    columns: {Cust: integer, Rep: integer, VDay: {type: date, format: YYYY/MM/DD, sortable_text: true},
              HasOrder: integer}
    rollups:
      - {name: PlansThatDay, from: Plan, agg: count, default: 0}
relationships:
  - {from: Plan, to: Visit, on: {Rep: Rep, Cust: Cust, Day: VDay}, cardinality: many_to_many}
entities:
  - {name: customer, column: Cust, type: integer, keys: {Plan: Cust, Visit: Cust}}
  - {name: rep, column: Rep, type: integer, keys: {Plan: Rep, Visit: Rep}}
metrics:
  - {name: Planned, source: Plan, agg: count, default: 0}
  - {name: Made, source: Plan, agg: count, filter: VisitsThatDay > 0, default: 0}
  - {name: Missed, source: Plan, agg: count, filter: VisitsThatDay = 0, default: 0}
  - {name: WithOrder, source: Plan, agg: count, filter: OrdersThatDay > 0, default: 0}
  - {name: NoVisit, source: Plan, agg: count, filter: OrdersThatDay IS NULL, default: 0}
  - {name: RecentPlanned, source: Plan, agg: count, window: 7, default: 0}
  - {name: Visits, source: Visit, agg: count, default: 0}
  - {name: Unplanned, source: Visit, agg: count, filter: PlansThatDay = 0, default: 0}
  - {name: RecentUnplanned, source: Visit, agg: count, filter: PlansThatDay = 0, window: 7, default: 0}
  - {name: Reps, source: Visit, agg: count_distinct, expr: Rep}
"""
PAIR_VIEWS = """
views:
  - name: Route
    grain: [customer]
    columns: [{entity: customer}, {metric: Planned}, {metric: Made}, {metric: Missed}, {metric: WithOrder},
              {metric: NoVisit}, {metric: RecentPlanned}, {metric: Visits}, {metric: Unplanned},
              {metric: RecentUnplanned}]
  - name: RoutePairs
    grain: [customer, rep]
    rows: [Planned]
    columns: [{entity: customer}, {entity: rep}, {metric: Planned}, {metric: Made}, {metric: Visits},
              {metric: Unplanned}]
  - name: NotStacked
    grain: [customer]
    columns: [{entity: customer}, {metric: Made}, {metric: Reps}]
"""
# as of 2024-06-30 (the 7-day window: 2024/06/24 .. 2024/06/30); rep 10 visits customer 1
PAIR_TABLES = {
    "Plan": [
        (1, 10, "2024/06/10", "a"),   # two planned rows on a day with two visits: both made, with an order
        (1, 10, "2024/06/10", "a"),
        (1, 10, "2024/06/11", "a"),   # missed: no visit that day
        (1, 10, "2024/06/25", "a"),   # in the window, visited without an order (OrdersThatDay 0, not NULL)
        (1, 10, "2024/07/02", "a"),   # after the as-of date, as its visit: never counts
        (1, 10, "2024/06/12", "x"),   # filtered out by the source: that day's visit is unplanned
        (2, None, "2024/06/15", "a"),  # no rep: never matches the visit of no rep that day (NULL never joins)
        (3, 30, "2024/06/20", "a"),   # customer 3: a plan only, missed
    ],
    "Visit": [
        (1, 10, "2024/06/10", 1), (1, 10, "2024/06/10", 0),
        (1, 10, "2024/06/25", 0),
        (1, 10, "2024/07/02", 1),
        (1, 10, "2024/06/12", 1),
        (2, None, "2024/06/15", 0),
        (4, 40, "2024/06/28", 0),     # customer 4: a visit only, unplanned, in the window
        (1, 11, "2024/06/10", 1),     # another rep the same day: planned for rep 10, not for rep 11
    ],
}
# Cust: Planned, Made, Missed, WithOrder, NoVisit, RecentPlanned, Visits, Unplanned, RecentUnplanned
ROUTE = {
    1: (4, 3, 1, 2, 1, 1, 5, 2, 0),
    2: (1, 0, 1, 0, 1, 0, 1, 1, 0),
    3: (1, 0, 1, 0, 1, 0, 0, 0, 0),
    4: (0, 0, 0, 0, 0, 0, 1, 1, 1),
}
# (Cust, Rep): Planned, Made, Visits, Unplanned -- only pairs with a planned row; the pair without a rep
# keeps its counts, as a view of one scope does
ROUTE_PAIRS = {(1, 10): (4, 3, 4, 1), (2, None): (1, 0, 1, 1), (3, 30): (1, 0, 0, 0)}
NOT_STACKED = {1: (3, 2), 2: (0, 0), 3: (0, None), 4: (0, 1)}  # Reps: COUNT(DISTINCT) of no rep is 0


def _build_pair(tmp_path: Path, dialect: str) -> dict[str, str]:
    return _compiled(tmp_path, dialect, PAIR_CATALOG, PAIR_VIEWS)


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_a_stacked_pair_gives_the_numbers_of_its_rollups(tmp_path: Path, dialect: str) -> None:
    views = _build_pair(tmp_path, dialect)
    con = _loaded(dialect, {
        "Plan": ("Cust INTEGER, Rep INTEGER, Day VARCHAR(10), Kind VARCHAR", PAIR_TABLES["Plan"]),
        "Visit": ("Cust INTEGER, Rep INTEGER, VDay VARCHAR(10), HasOrder INTEGER", PAIR_TABLES["Visit"]),
    }, *views.values())
    assert _rows(con.execute('SELECT * FROM "Route"').fetchall()) == ROUTE
    assert {(r[0], r[1]): r[2:] for r in con.execute('SELECT * FROM "RoutePairs"').fetchall()} == ROUTE_PAIRS
    assert _rows(con.execute('SELECT * FROM "NotStacked"').fetchall()) == NOT_STACKED


def test_the_pair_is_stacked_only_when_every_metric_counts_by_the_link(tmp_path: Path) -> None:
    views = _build_pair(tmp_path, "duckdb")
    route = views["Route"]
    # one scan of each source up to the as-of date, stacked; the windowed rollup keeps its own scope
    assert route.count("UNION ALL") == 1 and '"Plan_Visit_to_as_of"' in route
    assert '"Visit_last_7_days"' in route and "FROM Visit AS" in route.split('"Visit_last_7_days" AS')[1]
    assert "UNION ALL" in views["RoutePairs"]
    # a distinct count of visits reads more than the link: the rollups as before
    assert "UNION ALL" not in views["NotStacked"] and '"Visit_rollup"' in views["NotStacked"]


# -- most_frequent: a window over the counts, or the dialect's aggregate (DuckDB's ARG_MIN) --

TOP_CATALOG = """
sources:
  - name: Notes
    time: Day
    columns: {Cust: integer, Reason: string, Code: integer, Day: {type: date, format: YYYY/MM/DD, sortable_text: true},
              Ok: integer}
entities:
  - {name: customer, column: Cust, type: integer, keys: {Notes: Cust}}
metrics:
  - {name: TopReason, source: Notes, agg: most_frequent, expr: Reason, filter: Ok = 0}
  - {name: TopCode, source: Notes, agg: most_frequent, expr: Code, filter: Ok = 0}
  - {name: NoteCount, source: Notes, agg: count}
views:
  - name: Tops
    grain: [customer]
    columns: [{entity: customer}, {metric: NoteCount}, {metric: TopReason}, {metric: TopCode}]
"""
TOP_NOTES = [
    (1, "b", 10, "2024/06/01", 0), (1, "b", 10, "2024/06/02", 0),  # a tie of two values, twice each:
    (1, "a", 9, "2024/06/03", 0), (1, "a", 9, "2024/06/04", 0),    # the smallest wins (9 < 10 as numbers)
    (1, "c", 1, "2024/06/05", 1), (1, "c", 1, "2024/06/06", 1), (1, "c", 1, "2024/06/07", 1),  # filtered out
    (2, None, None, "2024/06/01", 0), (2, None, None, "2024/06/02", 0), (2, None, None, "2024/06/03", 0),
    (2, "z", 5, "2024/06/04", 0),                                  # NULLs never count, however many
    (3, None, None, "2024/06/01", 0),                              # only NULL values: no top value
    (4, "q", 2, "2024/06/01", 1),                                  # no row passes the filter: no top value
    (5, "m", 7, "2024/07/05", 0), (5, "m", 7, "2024/07/06", 0),    # after the as-of date: never counts
    (5, "n", 8, "2024/06/30", 0),
]
TOPS = {1: (7, "a", 9), 2: (4, "z", 5), 3: (1, None, None), 4: (1, None, None), 5: (1, "n", 8)}


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_most_frequent_ties_nulls_and_empty_keys(tmp_path: Path, dialect: str) -> None:
    sql = _compiled(tmp_path, dialect, TOP_CATALOG)["Tops"]
    assert ("ARG_MIN(" in sql) == (dialect == "duckdb") and ("ROW_NUMBER()" in sql) == (dialect == "sqlite")
    con = _loaded(dialect, {
        "Notes": ("Cust INTEGER, Reason VARCHAR, Code INTEGER, Day VARCHAR(10), Ok INTEGER", TOP_NOTES),
    }, sql)
    assert _rows(con.execute('SELECT * FROM "Tops"').fetchall()) == TOPS


# -- coarser period units rolled up from the finest unit's groups ------------------------------

PERIOD_CATALOG = """
sources:
  - name: Sales
    filter: "Status <> 'void'"
    time: Day
    columns: {OrderID: integer, Cust: integer, Day: {type: date, format: YYYY/MM/DD, sortable_text: true},
              Amount: integer, First: {type: date, format: YYYY/MM/DD, sortable_text: true}, Status: string}
metrics:
  - {name: Orders, source: Sales, agg: count}
  - {name: Total, source: Sales, agg: sum, expr: Amount}
  - {name: Low, source: Sales, agg: min, expr: Amount}
  - {name: High, source: Sales, agg: max, expr: Amount}
  - {name: Mean, source: Sales, agg: avg, expr: Amount}
  - {name: NewOrders, source: Sales, agg: count, filter: First >= period_start_date}
  - {name: NewTotal, source: Sales, agg: sum, expr: Amount, filter: First >= period_start_date}
  - {name: Customers, source: Sales, agg: count_distinct, expr: Cust}
"""
PERIOD_VIEWS = """
views:
  - name: Days
    grain: [{period: [year, month, day], label: Grain}]
    columns: [{period: label}, {period: start}, {metric: Orders}, {metric: Total}, {metric: Low}, {metric: High},
              {metric: Mean}, {metric: NewOrders}, {metric: NewTotal}]
  - name: Months
    grain: [{period: [year, quarter, month], label: Grain}]
    columns: [{period: label}, {period: start}, {metric: Orders}, {metric: Total}, {metric: NewOrders}]
  - name: Distinct
    grain: [{period: [year, month], label: Grain}]
    columns: [{period: label}, {period: start}, {metric: Orders}, {metric: Customers}]
  - name: Quarters
    grain: [{period: [quarter, day], label: Grain}]
    columns: [{period: label}, {period: start}, {metric: Orders}, {metric: Customers}, {metric: Total}]
  - name: Years
    grain: [{period: [year, quarter], label: Grain}]
    columns: [{period: label}, {period: start}, {metric: Orders}, {metric: Total}, {metric: Mean}]
"""
# as of 2024-06-30; First is the customer's first order day
SALES = [
    (1, 1, "2023/12/31", 10, "2023/12/31", "ok"),
    (2, 1, "2024/01/15", 20, "2023/12/31", "ok"),    # its customer is new in 2023: returning in January
    (3, 2, "2024/01/15", None, "2024/01/15", "ok"),  # no amount: counted, not summed, not in the mean
    (4, 2, "2024/02/29", 5, "2024/01/15", "ok"),     # new in the year and the quarter, not in February
    (5, 3, "2024/02/01", 7, "2024/02/01", "ok"),
    (8, 4, "2024/03/10", None, "2024/03/10", "ok"),  # March's only row has no amount: SUM/MIN/AVG NULL
    (6, 3, "2024/07/01", 100, "2024/02/01", "ok"),   # after the as-of date: never counts
    (7, 5, "2024/01/20", 50, "2024/01/20", "void"),  # filtered out by the source
]
# (Grain, PeriodStart): Orders, Total, Low, High, Mean, NewOrders, NewTotal. No row for April-June
# (no orders) nor for 2022. The year's NewOrders (4) is not the sum of its months' (1+1+1): a
# measure reading period_start_date is computed at the day for each coarser unit's start.
DAYS = {
    ("year", "2023-01-01"): (1, 10, 10, 10, 10.0, 1, 10),
    ("year", "2024-01-01"): (5, 32, 5, 20, 32 / 3, 4, 12),
    ("month", "2023-12-01"): (1, 10, 10, 10, 10.0, 1, 10),
    ("month", "2024-01-01"): (2, 20, 20, 20, 20.0, 1, None),  # the new customer's order has no amount
    ("month", "2024-02-01"): (2, 12, 5, 7, 6.0, 1, 7),
    ("month", "2024-03-01"): (1, None, None, None, None, 1, None),
    ("day", "2023-12-31"): (1, 10, 10, 10, 10.0, 1, 10),
    ("day", "2024-01-15"): (2, 20, 20, 20, 20.0, 1, None),
    ("day", "2024-02-01"): (1, 7, 7, 7, 7.0, 1, 7),
    ("day", "2024-02-29"): (1, 5, 5, 5, 5.0, 0, None),  # a filtered count with no match is 0, not NULL
    ("day", "2024-03-10"): (1, None, None, None, None, 1, None),
}
MONTHS = {  # Orders, Total, NewOrders; quarters and years rolled up from the months
    ("year", "2023-01-01"): (1, 10, 1),
    ("year", "2024-01-01"): (5, 32, 4),
    ("quarter", "2023-10-01"): (1, 10, 1),
    ("quarter", "2024-01-01"): (5, 32, 4),
    ("month", "2023-12-01"): (1, 10, 1),
    ("month", "2024-01-01"): (2, 20, 1),
    ("month", "2024-02-01"): (2, 12, 1),
    ("month", "2024-03-01"): (1, None, 1),
}
DISTINCT = {  # Orders, Customers: COUNT DISTINCT is not rolled up (customer 1 buys in two months)
    ("year", "2023-01-01"): (1, 1),
    ("year", "2024-01-01"): (5, 4),
    ("month", "2023-12-01"): (1, 1),
    ("month", "2024-01-01"): (2, 2),
    ("month", "2024-02-01"): (2, 2),
    ("month", "2024-03-01"): (1, 1),
}

QUARTERS = {  # Orders, Customers, Total: on DuckDB grouped on the text's digits, one DATE per group
    ("quarter", "2023-10-01"): (1, 1, 10),
    ("quarter", "2024-01-01"): (5, 4, 32),
    ("day", "2023-12-31"): (1, 1, 10),
    ("day", "2024-01-15"): (2, 2, 20),
    ("day", "2024-02-01"): (1, 1, 7),
    ("day", "2024-02-29"): (1, 1, 5),
    ("day", "2024-03-10"): (1, 1, None),
}

YEARS = {  # Orders, Total, Mean: quarters grouped on the text's digits (DuckDB), years rolled up
    ("year", "2023-01-01"): (1, 10, 10.0),
    ("year", "2024-01-01"): (5, 32, 32 / 3),
    ("quarter", "2023-10-01"): (1, 10, 10.0),
    ("quarter", "2024-01-01"): (5, 32, 32 / 3),
}


def _period_views(tmp_path: Path, dialect: str) -> dict[str, str]:
    return _compiled(tmp_path, dialect, PERIOD_CATALOG, PERIOD_VIEWS)


def _period_rows(result: list[tuple]) -> dict[tuple[str, str], tuple]:
    return {(row[0], str(row[1])): tuple(pytest.approx(v) if isinstance(v, float) else v for v in row[2:])
            for row in result}


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_coarser_units_rolled_up_from_the_finest_give_the_defined_numbers(tmp_path: Path, dialect: str) -> None:
    views = _period_views(tmp_path, dialect)
    con = _loaded(dialect, {
        "Sales": ("OrderID INTEGER, Cust INTEGER, Day VARCHAR(10), Amount INTEGER, First VARCHAR(10), "
                  "Status VARCHAR", SALES),
    }, *views.values())
    assert _period_rows(con.execute('SELECT * FROM "Days"').fetchall()) == DAYS
    assert _period_rows(con.execute('SELECT * FROM "Months"').fetchall()) == MONTHS
    assert _period_rows(con.execute('SELECT * FROM "Distinct"').fetchall()) == DISTINCT
    assert _period_rows(con.execute('SELECT * FROM "Quarters"').fetchall()) == QUARTERS
    assert _period_rows(con.execute('SELECT * FROM "Years"').fetchall()) == YEARS


def test_rolled_up_units_read_the_finest_groups(tmp_path: Path) -> None:
    views = _period_views(tmp_path, "duckdb")
    days = views["Days"]
    assert days.count("FROM Sales AS") == 1  # the rows are read and grouped once, per day
    assert 'FROM "Sales_to_as_of_day"\n  GROUP BY\n    CAST(DATE_TRUNC(\'YEAR\', "Sales_to_as_of_day"."PeriodStart")' in days
    # the year's new orders are counted per day against the year's start
    assert ">= CAST(DATE_TRUNC('YEAR', \"s\".\"PeriodStart\") AS DATE)\n        THEN 1" in days
    assert 'SUM("Sales_to_as_of_day"."NewOrders__year")' in days
    assert 'FROM "Sales_to_as_of_month"' in views["Months"] and views["Months"].count("FROM Sales AS") == 1
    assert views["Distinct"].count("FROM Sales AS") == 2  # COUNT DISTINCT: each unit reads the rows
    # no measure reads the period's start on a row: the text's digits are grouped, not parsed dates
    quarters = views["Quarters"]
    assert "CAST(SUBSTRING(\"src\".Day, 1, 4) AS INT)\n      ) * 4 + (" in quarters  # after its TRY_CAST
    assert 'MAKE_DATE("s"."PeriodStart" // 4, "s"."PeriodStart" % 4 * 3 + 1, 1) AS "PeriodStart"' in quarters
    assert "STRPTIME(\"s\".\"PeriodStart\", '%Y/%m/%d')" in quarters  # a day: its text, parsed per group
    assert "DATE_TRUNC" not in quarters
    years = views["Years"]  # the quarters' DATEs, made per group, are truncated to years
    assert 'MAKE_DATE("s"."PeriodStart" // 4' in years and 'FROM "Sales_to_as_of_quarter"' in years
    # Days' measures compare with the period's start on each row: its rows carry the parsed date
    assert "CAST(STRPTIME(\"src\".Day, '%Y/%m/%d') AS DATE)\n      ) AS \"PeriodStart\"" in views["Days"]


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
    metrics = "".join(_METRICS.format(p=p) for p in ("", "Loose"))
    return _compiled(tmp_path, dialect, TWO_SCOPES.replace("{metrics}", metrics), TWO_SCOPE_VIEWS)


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
    con = _loaded(dialect, {
        "Sales": ("Cust INTEGER, Day VARCHAR(10), Amount INTEGER, Kind VARCHAR", TWO_SCOPE_TABLES["Sales"]),
        "Visits": ("Cust INTEGER, Day VARCHAR(10), Ordered INTEGER", TWO_SCOPE_TABLES["Visits"]),
    }, *views.values())
    assert _rows(con.execute('SELECT * FROM "Loose"').fetchall()) == LOOSE
    con.execute("DELETE FROM Sales WHERE Cust IS NULL")  # Signals' keys are declared never NULL
    con.execute("DELETE FROM Visits WHERE Cust IS NULL")
    assert _rows(con.execute('SELECT * FROM "Signals"').fetchall()) == SIGNALS


# -- the latest time in a window is the scope's latest time when that reaches the window ------

LATEST_METRICS = """
  - {name: LastDay, source: Orders, agg: max, expr: Day, as_text: true}
  - {name: LastWinDay, source: Orders, agg: max, expr: Day, window: 30}
  - {name: LastWinDayText, source: Orders, agg: max, expr: Day, window: 30, as_text: true}
  - {name: FirstWinDay, source: Orders, agg: min, expr: Day, window: 30}
  - {name: LastBigWinDay, source: Orders, agg: max, expr: Day, window: 30, filter: "Amount > 5"}
"""
LATEST_VIEWS = """
views:
  - name: Latest
    grain: [customer]
    columns: [{entity: customer}, {metric: LastDay}, {metric: LastWinDay}, {metric: LastWinDayText},
              {metric: FirstWinDay}, {metric: LastBigWinDay}]
"""
# Cust: LastDay, LastWinDay, LastWinDayText, FirstWinDay, LastBigWinDay (as of 2024-06-30, window
# from 2024/06/01): customer 1's latest is its 06/10 order (07/05 is after the as-of date);
# customer 2's the window's last day (its void 06/01 order never counts); customer 3's only order
# is the day before the window, so the window has no latest; customer 4's is the window's first
# day, amount 0, so the filtered LastBigWinDay has none.
LATEST = {
    1: ("2024/06/10", "2024-06-10", "2024/06/10", "2024-06-10", "2024-06-10"),
    2: ("2024/06/30", "2024-06-30", "2024/06/30", "2024-06-30", "2024-06-30"),
    3: ("2024/05/31", None, None, None, None),
    4: ("2024/06/01", "2024-06-01", "2024/06/01", "2024-06-01", None),
}


def _build_latest(tmp_path: Path, dialect: str, sortable: bool) -> dict[str, str]:
    catalog = CATALOG + LATEST_METRICS
    if not sortable:
        catalog = catalog.replace(", sortable_text: true", "")
    return _compiled(tmp_path, dialect, catalog, LATEST_VIEWS)


@pytest.mark.parametrize("sortable", [True, False])
@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_latest_time_in_a_window_gives_the_defined_dates(tmp_path: Path, dialect: str, sortable: bool) -> None:
    views = _build_latest(tmp_path, dialect, sortable)
    con = _loaded(dialect, {
        "Orders": ("OrderID INTEGER, Cust INTEGER, Day VARCHAR(10), Amount INTEGER, Status VARCHAR", TABLES["Orders"]),
    }, views["Latest"])
    got = {row[0]: tuple(None if v is None else str(v) for v in row[1:])
           for row in con.execute('SELECT * FROM "Latest"').fetchall()}
    assert got == LATEST


@pytest.mark.parametrize("sortable", [True, False])
def test_latest_time_in_a_window_shares_the_scopes_max(tmp_path: Path, sortable: bool) -> None:
    sql = " ".join(_build_latest(tmp_path, "duckdb", sortable)["Latest"].split()).replace("( ", "(")
    day = '"s"."Day"'  # the stored text, or the date the rows converted it to
    assert f"CASE WHEN MAX({day}) >= " in sql  # LastWinDay and LastWinDayText read the plain MAX
    assert f"MIN(CASE WHEN {day} >= " in sql  # a MIN over a lower bound cannot
    assert f"MAX(CASE WHEN \"s\".\"Amount\" > 5 AND {day} >= " in sql  # nor a filtered MAX (LastBigWinDay)


# -- `latest` over columns declared not_null: no NULL guard in the key or around the value ----

NOT_NULL_CATALOG = """
sources:
  - name: Buys
    time: Day
    columns: {ID: {type: integer, not_null: true}, Cust: integer,
              Day: {type: date, format: YYYY/MM/DD, sortable_text: true, not_null: true},
              Amount: {type: integer, not_null: true}, Note: string}
entities:
  - {name: customer, column: Cust, type: integer, keys: {Buys: Cust}}
metrics:
  - {name: Last, source: Buys, agg: latest, expr: Amount, order_by: [Day, ID]}
  - {name: Prev, source: Buys, agg: latest, expr: Amount, order_by: [Day, ID], offset: 1}
  - {name: Third, source: Buys, agg: latest, expr: Amount, order_by: [Day, ID], offset: 2}
  - {name: LastBig, source: Buys, agg: latest, expr: Amount, order_by: [Day, ID], filter: "Amount >= 9"}
  - {name: PrevBig, source: Buys, agg: latest, expr: Amount, order_by: [Day, ID], filter: "Amount >= 9", offset: 1}
  - {name: LastNote, source: Buys, agg: latest, expr: Note, order_by: [Day, ID]}
  - {name: PrevNote, source: Buys, agg: latest, expr: Note, order_by: [Day, ID], offset: 1}
"""
NOT_NULL_VIEWS = """
views:
  - name: Latest
    grain: [customer]
    columns: [{entity: customer}, {metric: Last}, {metric: Prev}, {metric: Third}, {metric: LastBig},
              {metric: PrevBig}, {metric: LastNote}, {metric: PrevNote}]
"""
BUYS = [  # ID, Cust, Day, Amount, Note
    (1, 1, "2024/06/01", 5, "a"),
    (2, 1, "2024/06/03", 7, None),   # same day as ID 3: the larger ID is the later
    (3, 1, "2024/06/03", 9, "c"),
    (7, 1, "2024/05/20", 12, "g"),
    (4, 2, "2024/06/02", 20, "d"),   # one row: the earlier offsets are past the end
    (5, 3, "2024/07/01", 50, "e"),   # after the as-of date: never read
    (6, 3, "2024/05/01", 11, "f"),
    (8, 4, "2024/06/05", 1, "h"),    # no row passes the filter
    (9, 4, "2024/06/04", 2, "i"),
]
# Cust: Last, Prev, Third, LastBig, PrevBig, LastNote, PrevNote. Customer 1, latest first: IDs 3, 2,
# 1, 7; its previous note is ID 2's NULL (not the next note).
NOT_NULL_LATEST = {
    1: (9, 7, 5, 9, 12, "c", None),
    2: (20, None, None, 20, None, "d", None),
    3: (11, None, None, 11, None, "f", None),
    4: (1, 2, None, None, None, "h", "i"),
}


def _build_not_null(tmp_path: Path, dialect: str) -> dict[str, str]:
    return _compiled(tmp_path, dialect, NOT_NULL_CATALOG, NOT_NULL_VIEWS)


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_latest_over_not_null_columns_gives_the_defined_values(tmp_path: Path, dialect: str) -> None:
    views = _build_not_null(tmp_path, dialect)
    con = _loaded(dialect, {
        "Buys": ("ID INTEGER NOT NULL, Cust INTEGER, Day VARCHAR(10) NOT NULL, Amount INTEGER NOT NULL, "
                 "Note VARCHAR", BUYS),
    }, views["Latest"])
    assert {row[0]: tuple(row[1:]) for row in con.execute('SELECT * FROM "Latest"').fetchall()} == NOT_NULL_LATEST


def test_latest_guards_only_what_may_be_null(tmp_path: Path) -> None:
    sql = " ".join(_build_not_null(tmp_path, "duckdb")["Latest"].split()).replace("( ", "(").replace(" )", ")")
    assert 'ARG_MAX("s"."Amount", ("s"."Day", "s"."ID"), 3)[2] AS "Prev"' in sql  # no IS NOT NULL, no STRUCT
    assert "ARG_MAX({'v': \"s\".\"Note\"}, (\"s\".\"Day\", \"s\".\"ID\"), 2)[2].\"v\"" in sql  # Note may be NULL
    assert " IS NULL" not in sql


# -- a formula over formulas: each metric's value is one operand ----------------------------

FORMULA_METRICS = """
  - {name: Total, source: Orders, agg: sum, expr: Amount}
  - {name: Big, source: Orders, agg: sum, expr: Amount, filter: "Amount > 5", default: 0}
  - {name: Small, formula: Total - Big}
  - {name: BigAgain, formula: Total - Small}
  - {name: DoubleSmall, formula: 2 * Small}
"""
FORMULA_VIEWS = """
views:
  - name: Formulas
    grain: [customer]
    columns: [{entity: customer}, {metric: Total}, {metric: Big}, {metric: Small}, {metric: BigAgain},
              {metric: DoubleSmall}]
"""
# Orders to 2024-06-30, void ones left out: customer 1 has 10 and 5, customer 2 has 7, customer 3
# has 20, customer 4 has 0. Written without the parentheses, BigAgain would be Total - Total -
# Big (-10 for customer 1) and DoubleSmall 2 * Total - Big (20).
FORMULAS = {1: (15, 10, 5.0, 10.0, 10.0), 2: (7, 7, 0.0, 7.0, 0.0), 3: (20, 20, 0.0, 20.0, 0.0),
            4: (0, 0, 0.0, 0.0, 0.0)}


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_a_formula_over_formulas_reads_each_metric_whole(tmp_path: Path, dialect: str) -> None:
    views = _compiled(tmp_path, dialect, CATALOG + FORMULA_METRICS, FORMULA_VIEWS)
    con = _loaded(dialect, {
        "Orders": ("OrderID INTEGER, Cust INTEGER, Day VARCHAR(10), Amount INTEGER, Status VARCHAR", TABLES["Orders"]),
        "Lines": ("OrderID INTEGER, Qty INTEGER, Kind VARCHAR", TABLES["Lines"]),
    }, *views.values())
    assert _rows(con.execute('SELECT * FROM "Formulas"').fetchall()) == FORMULAS
