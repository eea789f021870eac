"""Every view of the shipped catalog, built by `semview build`, on every real engine,
against the plain-Python references on hand-made and random data."""
from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlglot import exp

from tests.datagen import random_tables
from tests.engines.compare import assert_same_rows
from tests.fixtures import customer_potential_cases as cases
from tests.reference.catalog import REFERENCES

REPO = Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2024, 6, 30)
SEEDS = (1, 2, 3)


def build(tmp: Path, dialect: str, *extra: str) -> tuple[str, dict]:
    """Run the real CLI and return the dialect's all.sql and the manifest."""
    out = tmp / f"build-{dialect}-{abs(hash(extra))}"
    proc = subprocess.run([sys.executable, "-m", "semview.cli", "build", str(REPO), "--dialect", dialect,
                           "--out", str(out), *extra], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return (out / dialect / "all.sql").read_text(), json.loads((out / "manifest.json").read_text())


@pytest.fixture(scope="module")
def fixed_build(tmp_path_factory, engine):
    return build(tmp_path_factory.mktemp("b"), engine.name, "--as-of", AS_OF.isoformat())


def check_all_views(engine, tables: dict, script: str, manifest: dict, as_of: datetime.date) -> None:
    engine.load(tables)
    engine.execute_script(script)
    names = [v["name"] for v in manifest["views"]]
    assert set(names) == set(REFERENCES), f"views without a reference: {set(names) ^ set(REFERENCES)}"
    for view in manifest["views"]:
        quoted = exp.to_identifier(view["name"], quoted=True).sql(dialect=engine.sqlglot_dialect)
        actual = engine.query(f"SELECT * FROM {quoted}")
        expected = REFERENCES[view["name"]](tables, as_of, {})
        keys = [c["name"] for c in view["columns"] if c["kind"] == "entity"] or \
            [c["name"] for c in view["columns"]]  # row-level views: the whole row
        assert_same_rows(actual, expected, keys)


def test_hand_computed_fixture(engine, fixed_build):
    script, manifest = fixed_build
    engine.load(cases.TABLES)
    engine.execute_script(script)
    actual = engine.query('SELECT * FROM ' + exp.to_identifier("CustomerPotentialAnalyticsView", quoted=True)
                          .sql(dialect=engine.sqlglot_dialect))
    assert_same_rows(actual, (cases.COLUMNS, cases.EXPECTED_ROWS), ["SCID", "CustID"])


@pytest.mark.parametrize("seed", SEEDS)
def test_random_data_matches_reference(engine, fixed_build, seed):
    script, manifest = fixed_build
    check_all_views(engine, random_tables(seed, as_of=AS_OF), script, manifest, AS_OF)


def test_default_as_of_is_the_current_date(engine, tmp_path_factory):
    script, manifest = build(tmp_path_factory.mktemp("b"), engine.name)
    assert manifest["as_of"] is None
    today = datetime.date.today()
    check_all_views(engine, random_tables(7, as_of=today), script, manifest, today)


def test_window_length_is_a_variable(engine, tmp_path_factory):
    script, manifest = build(tmp_path_factory.mktemp("b"), engine.name, "--as-of", AS_OF.isoformat(),
                             "--var", "window_days=30")
    tables = random_tables(11, as_of=AS_OF)
    engine.load(tables)
    engine.execute_script(script)
    quoted = exp.to_identifier("CustomerPotentialAnalyticsView", quoted=True).sql(dialect=engine.sqlglot_dialect)
    expected = REFERENCES["CustomerPotentialAnalyticsView"](tables, AS_OF, {"window_days": 30})
    assert_same_rows(engine.query(f"SELECT * FROM {quoted}"), expected, ["SCID", "CustID"])
