"""`semview validate --execute`: every view built and read on an in-memory DuckDB, over empty
tables made from the source declarations or over fixtures/<Source>.csv."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from semview.execute import execute_catalog
from semview.generator.compile import load_catalog
from semview.generator.diagnostics import CompileError

REPO = Path(__file__).resolve().parents[1]

SALES = """\
sources:
  - name: Factor
    description: Invoices, in their own schema.
    schema: sales
    time: FactorDate
    columns:
      FactorID: bigint
      CustID: integer
      FactorDate: {type: date, format: YYYY/MM/DD}
      Amount: decimal(18,2)
      Note: string

entities:
  - name: customer
    column: CustID
    type: integer
    keys: {Factor: CustID}

metrics:
  - name: SumAmount
    description: Total amount.
    source: Factor
    agg: sum
    expr: Amount
  - name: LastDate
    description: Last invoice date.
    source: Factor
    agg: max
    expr: FactorDate
"""
VIEWS = """\
views:
  - name: CustomerTotals
    grain: [customer]
    as_of: 2024-06-30
    columns:
      - entity: customer
      - metric: SumAmount
      - metric: LastDate
  - name: TotalsCopy
    from: CustomerTotals
    columns:
      - column: CustID
      - column: SumAmount
"""
# Compiles on every dialect, but no engine can SUM text: only running it shows that.
SUM_OF_TEXT = """\
metrics:
  - name: SumNote
    description: A sum of text.
    source: Factor
    agg: sum
    expr: Note
views:
  - name: CustomerNotes
    grain: [customer]
    as_of: 2024-06-30
    columns:
      - entity: customer
      - metric: SumNote
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "metrics").mkdir(parents=True)
    (root / "views").mkdir()
    (root / "metrics" / "sales.yml").write_text(SALES)
    (root / "views" / "customers.yml").write_text(VIEWS)
    return root


def validate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "semview.cli", "validate", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def write_fixture(project: Path, name: str, text: str) -> None:
    (project / "fixtures").mkdir(exist_ok=True)
    (project / "fixtures" / name).write_text(text)


def test_the_shipped_catalog_runs_on_empty_tables() -> None:
    catalog = load_catalog(REPO)
    summary = execute_catalog(catalog, REPO)
    assert summary.views == len(catalog.view_order) and summary.fixtures == ()
    assert set(summary.rows) == set(catalog.view_order)


def test_empty_tables_in_their_schema(small: Path) -> None:
    proc = validate("p", "--execute", cwd=small.parent)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "semview: ok: 2 view(s) compile and parse back on 11 dialects, and run on DuckDB\n"
    assert execute_catalog(load_catalog(small), small).rows == {"CustomerTotals": 0, "TotalsCopy": 0}


def test_an_error_only_the_engine_sees(small: Path) -> None:
    (small / "views" / "notes.yml").write_text(SUM_OF_TEXT)
    assert validate("p", cwd=small.parent).returncode == 0  # compiling alone cannot tell
    proc = validate("p", "--execute", cwd=small.parent)
    assert proc.returncode == 1
    assert proc.stderr.startswith("p/views/notes.yml:8:5: error[SV401]: view 'CustomerNotes' fails on DuckDB: "
                                  "Binder Error: No function matches the given name and argument types "
                                  "'sum(VARCHAR)'.")
    assert "    8 |   - name: CustomerNotes\n" in proc.stderr
    assert "CustomerTotals" not in proc.stderr  # the other views ran fine

    document = json.loads(validate("p", "--execute", "--format", "json", cwd=small.parent).stdout)
    assert [(d["code"], d["file"], d["line"], d["col"]) for d in document["diagnostics"]] == \
        [("SV401", "p/views/notes.yml", 8, 5)]


def test_fixtures_fill_the_tables(small: Path) -> None:
    write_fixture(small, "Factor.csv", "FactorID,CustID,FactorDate,Amount\n1,7,2024/06/01,10.50\n"
                                       "2,7,2024/06/02,3\n3,8,2024/06/03,\n4,9,2024/07/01,5\n")
    summary = execute_catalog(load_catalog(small), small)
    assert summary.fixtures == ("Factor",)
    # Customers 7 and 8 (an empty Amount is NULL); 9's only invoice is after the as-of date.
    assert summary.rows == {"CustomerTotals": 2, "TotalsCopy": 2}
    assert validate("p", "--execute", cwd=small.parent).returncode == 0


def test_bad_fixture_data_fails_the_view_and_skips_its_readers(small: Path) -> None:
    write_fixture(small, "Factor.csv", "FactorID,CustID,FactorDate,Amount\n1,7,2024-06-01,10.50\n")
    proc = validate("p", "--execute", cwd=small.parent)
    assert proc.returncode == 1
    assert ("p/views/customers.yml:2:5: error[SV401]: view 'CustomerTotals' fails on DuckDB: Invalid Input Error: "
            "Could not parse string \"2024-06-01\" according to format specifier \"%Y/%m/%d\"") in proc.stderr
    assert "views reading it were not run: TotalsCopy" in proc.stderr
    assert "error[SV401]: view 'TotalsCopy'" not in proc.stderr


def test_fixture_problems_name_the_file(small: Path) -> None:
    write_fixture(small, "Factr.csv", "FactorID\n1\n")
    write_fixture(small, "Factor.csv", "FactorID,Amout\n1,2\n")
    with pytest.raises(CompileError) as caught:
        execute_catalog(load_catalog(small), small)
    unknown, bad_column = sorted(caught.value.diagnostics, key=lambda d: d.span.path, reverse=True)
    assert (unknown.code, unknown.span.path.endswith("fixtures/Factr.csv")) == ("SV402", True)
    assert unknown.message == "fixture 'Factr.csv' names no source" and unknown.hint == "did you mean 'Factor'?"
    assert bad_column.code == "SV402" and "does not have a column with name \"Amout\"" in bad_column.message
