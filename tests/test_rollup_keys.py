"""A rollup joins child rows to their parent on equal keys, also when the keys are dates
stored as text in different formats (then both sides are converted before comparing)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import semview
from tests.projects import write_project

CATALOG = """
sources:
  - name: Plan
    time: PlanDay
    columns: {Seller: integer, PlanDay: {type: date, format: PLAN_FORMAT}}
    rollups:
      - {name: VisitsThatDay, from: Visit, agg: count, default: 0}
  - name: Visit
    columns: {Seller: integer, VisitDay: {type: date, format: YYYY/MM/DD}}
relationships:
  - {from: Plan, to: Visit, on: {Seller: Seller, PlanDay: VisitDay}, cardinality: many_to_many}
entities:
  - {name: seller, column: Seller, type: integer, keys: {Plan: Seller, Visit: Seller}}
metrics:
  - {name: PlansMade, source: Plan, agg: count, filter: VisitsThatDay > 0, default: 0}
  - {name: Plans, source: Plan, agg: count}
"""
VIEW = "views:\n  - {name: Coverage, grain: [seller], columns: [{entity: seller}, {metric: Plans}, {metric: PlansMade}]}\n"


@pytest.mark.parametrize("plan_format, days", [("YYYY/MM/DD", ("2024/06/10", "2024/06/11")),
                                                ("DD-MM-YYYY", ("10-06-2024", "11-06-2024"))])
def test_rollup_on_text_dates(tmp_path: Path, plan_format: str, days: tuple[str, str]) -> None:
    write_project(tmp_path, CATALOG.replace("PLAN_FORMAT", plan_format), VIEW)
    view = semview.compile_project(tmp_path, "duckdb", as_of="2024-06-30")[0]
    con = duckdb.connect()
    con.execute("CREATE TABLE Plan (Seller INTEGER, PlanDay VARCHAR); CREATE TABLE Visit (Seller INTEGER, VisitDay VARCHAR)")
    con.execute(f"INSERT INTO Plan VALUES (1, '{days[0]}'), (1, '{days[1]}')")
    con.execute("INSERT INTO Visit VALUES (1, '2024/06/10'), (1, '2024/06/10')")
    con.execute(view.sql)
    # two planned days, one of them visited (twice): 1 made, not 2 and not 0
    assert con.execute('SELECT * FROM "Coverage"').fetchall() == [(1, 2, 1)]
