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


def load(script: str):
    """bench/<script>.py as a module (bench/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{script}", BENCH / f"{script}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_synthetic_catalog_compiles(tmp_path: Path) -> None:
    bench_compile = load("compile")
    project = bench_compile.synthetic_catalog(tmp_path / "p", 3)
    phases = bench_compile.build(project, ["duckdb"])
    assert phases["views"] >= 3 and not bench_compile.PARSE_BACK_ERRORS


def test_a_ratio_is_the_median_of_each_rounds_ratio() -> None:
    views = load("views")
    # Round by round: 2/1, 4/4, 9/3 -> median 2; the ratio of the medians would be 4/3.
    timing = views.Timing({"gen": [2.0, 4.0, 9.0], "base": [1.0, 4.0, 3.0]}, {"gen": [], "base": []})
    assert timing.ratio("gen", "base") == 2.0
    assert timing.median("gen") == 4.0
    assert timing.ratio("gen", "base", cpu=True) is None


def test_rounds_alternate_and_fast_calls_get_more() -> None:
    views = load("views")
    calls: list[str] = []
    runs = {"gen": lambda: calls.append("gen"), "base": lambda: calls.append("base")}
    timing = views.timed(runs, repeat=3, fill=0)
    assert calls == ["gen", "base", "base", "gen", "gen", "base"]
    assert len(timing.wall["gen"]) == len(timing.cpu["base"]) == 3
    calls.clear()
    views.timed(runs, repeat=3, fill=0.05)  # calls of microseconds: capped at 20 x 3 rounds
    assert len(calls) == 2 * 60
