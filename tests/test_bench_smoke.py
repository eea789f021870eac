"""The benchmark scripts still run: tiny data, equality checks only, nothing timed.

bench/ holds scripts that print figures (see bench/README.md); the test suite never runs
the benchmarks themselves. This runs datagen at 2,000 invoices and views.py's check that
every generated view, its hand-written baseline and the pandas computation agree on
DuckDB, and compiles a small synthetic catalog as bench/compile.py makes them.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"


def run(*args: str) -> str:
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def test_datagen_then_views_agree_on_duckdb(tmp_path: Path) -> None:
    data = tmp_path / "tiny.duckdb"
    out = run(str(BENCH / "datagen.py"), "--invoices", "2000", "--out", str(data))
    assert "Factor" in out and data.exists()
    out = run(str(BENCH / "views.py"), "--duckdb", str(data), "--check-only", "--variants", "catalog,parsed_dates")
    assert "DIFFERENT" not in out
    checked = [line for line in out.splitlines() if line.startswith("same rows:")]
    assert any("CustomerPotentialAnalyticsView" in line and "pandas" in line for line in checked), out
    assert any("(parsed_dates)" in line for line in checked), out


def test_synthetic_catalog_compiles(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_compile", BENCH / "compile.py")
    bench_compile = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_compile)
    project = bench_compile.synthetic_catalog(tmp_path / "p", 3)
    phases = bench_compile.build(project, ["duckdb"])
    assert phases["views"] >= 3 and not bench_compile.PARSE_BACK_ERRORS
