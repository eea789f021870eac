"""The command line and the Python API, as a user runs them."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import semview
from semview.cli import main

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "semview.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})})


def test_build_writes_views_all_sql_and_manifest(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(REPO), "--as-of", "2024-06-30", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "o"
    assert (out / "duckdb" / "CustomerPotentialAnalyticsView.sql").is_file()
    assert (out / "duckdb" / "all.sql").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["semview_version"] == semview.__version__
    assert manifest["as_of"] == "2024-06-30"
    view = next(v for v in manifest["views"] if v["name"] == "CustomerPotentialAnalyticsView")
    assert [c["name"] for c in view["columns"]][:3] == ["SCID", "CustID", "GrpID"]
    assert view["depends_on"]["sources"] == ["Customer", "CustomerVisit", "Factor", "FactorDetail"]
    assert view["files"]["duckdb"] == "duckdb/CustomerPotentialAnalyticsView.sql"


def test_all_sql_runs_as_one_script(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["build", str(REPO), "--out", str(tmp_path)]).exit_code == 0
    con = duckdb.connect()
    con.execute((REPO / "sample_data" / "reference-schema.sql").read_text())
    con.execute((tmp_path / "duckdb" / "all.sql").read_text())
    assert con.execute('SELECT COUNT(*) FROM "CustomerPotentialAnalyticsView"').fetchone() == (0,)


def test_build_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    outs = []
    for seed in ("0", "12345"):
        out = tmp_path / f"o{seed}"
        proc = run("build", "--as-of", "2024-06-30", "--out", str(out), env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        outs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]


def test_var_changes_the_window(tmp_path: Path) -> None:
    views = {v.name: v for v in semview.compile_project(REPO, dialect="duckdb", as_of="2024-06-30",
                                                         vars={"window_days": "30"})}
    sql = views["CustomerPotentialAnalyticsView"].sql
    assert "Factor_last_30_days" in sql and "BETWEEN '2024/06/01' AND '2024/06/30'" in sql


def test_compile_project_api() -> None:
    views = semview.compile_project(REPO, dialect="duckdb")
    names = [v.name for v in views]
    assert names.index("VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES") < names.index("VW_CUSTOMER_MARKETING_IMPACT")
    v = views[names.index("CustomerPotentialAnalyticsView")]
    assert v.sql.startswith('CREATE OR REPLACE VIEW "CustomerPotentialAnalyticsView" AS')
    assert "CURRENT_DATE" in v.sql
    assert [c.name for c in v.columns] == [
        "SCID", "CustID", "GrpID", "Lat", "Lng", "MinAmount", "MaxAmount", "AvgAmount", "CountFactor",
        "AveFactorFerq", "CountNotOrder", "MinSKU", "MaxSKU", "AvgSKU", "LastVisitDate", "LastFacktorDate"]
    assert "Factor" in v.dependencies


def test_every_command_explains_itself() -> None:
    for args in ([], ["build"], ["validate"], ["demo"], ["dialects"]):
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output
    assert "Examples:" in CliRunner().invoke(main, ["--help"]).output


def test_python_cli_py_works_from_a_checkout() -> None:
    proc = subprocess.run([sys.executable, "cli.py", "validate"], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "ok" in proc.stdout


def test_validate_shipped_catalog() -> None:
    proc = run("validate")
    assert proc.returncode == 0, proc.stderr


def test_demo_end_to_end(tmp_path: Path) -> None:
    proc = run("demo", "--dir", str(tmp_path / "d"), "--customers", "300", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    db = tmp_path / "d" / "demo.duckdb"
    assert str(db) in proc.stdout
    assert "CustomerPotentialAnalyticsView" in proc.stdout and "AveFactorFerq" in proc.stdout
    con = duckdb.connect(str(db), read_only=True)
    shown = con.execute('SELECT COUNT(*) FROM "CustomerPotentialAnalyticsView"').fetchone()[0]
    assert f"{shown:,} rows" in proc.stdout and shown > 100
    # the printed table's first row is the view's first row
    first = con.execute('SELECT "SCID", "CustID" FROM "CustomerPotentialAnalyticsView" '
                        'ORDER BY "CustID", "SCID" LIMIT 1').fetchone()
    header = next(i for i, l in enumerate(proc.stdout.splitlines()) if l.startswith("SCID"))
    assert proc.stdout.splitlines()[header + 2].split()[:2] == [str(first[0]), str(first[1])]
