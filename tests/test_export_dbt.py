"""`semview export dbt`: the project's files, and real dbt-duckdb building it to the same rows.

The end-to-end test runs `dbt build` (views and their tests) on a DuckDB file holding the
sample data, then compares every view dbt created with the view semview applies itself
on the same file: same columns, same rows.
"""
from __future__ import annotations

import datetime
import importlib.util
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from semview import __version__
from semview.cli import main
from semview.dialects import get_dialect
from semview.export_dbt import export_dbt
from semview.generator.compile import CompiledView, compile_catalog, load_catalog
from semview.sample_data import create_sample_database

REPO = Path(__file__).resolve().parents[1]
AS_OF = "2024-12-31"  # the sample data's last day


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, list[CompiledView]]:
    out = tmp_path_factory.mktemp("export") / "dbt_semview"
    result = CliRunner().invoke(main, ["export", "dbt", str(REPO), "--out", str(out), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    views = compile_catalog(load_catalog(REPO), get_dialect("duckdb"), datetime.date.fromisoformat(AS_OF))
    return out, views


def test_one_model_per_view_reading_refs_and_sources(exported) -> None:
    out, views = exported
    catalog = load_catalog(REPO)
    assert sorted(p.stem for p in (out / "models").glob("*.sql")) == sorted(v.name for v in views)
    for view in views:
        text = (out / "models" / f"{view.name}.sql").read_text()
        assert text.splitlines()[1] == "{{ config(materialized='view') }}"
        assert "CREATE" not in text.upper().split("}}", 1)[1]  # a SELECT, not DDL
        for dependency in view.dependencies:
            if dependency in catalog.views:
                assert f"{{{{ ref('{dependency}') }}}}" in text, (view.name, dependency)
            else:
                table = dependency.rsplit(".", 1)[-1]
                assert f"'{table}') }}}}" in text and "{{ source('" in text, (view.name, dependency)
    impact = (out / "models" / "VW_CUSTOMER_MARKETING_IMPACT.sql").read_text()
    assert "LEFT JOIN {{ ref('VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES') }} AS \"profile\"" in impact
    assert "FROM {{ source('erp', 'TARGETED_AND_EXCLUDED_CUSTOMERS') }} AS \"base\"" in impact
    potential = (out / "models" / "CustomerPotentialAnalyticsView.sql").read_text()
    assert "{{ source('erp', 'Factor') }}" in potential
    assert '"Factor_last_90_days"' in potential  # CTE references stay as they are


def test_sources_and_schema_yml(exported) -> None:
    out, views = exported
    sources = (out / "models" / "sources.yml").read_text()
    assert sources.startswith("version: 2\n\nsources:\n  - name: \"erp\"\n")
    assert "schema: \"{{ var('semview_source_schema', target.schema) }}\"" in sources
    assert ('      - name: "Factor"\n        identifier: "Factor"\n        description: "Invoice headers.'
            in sources)
    schema = (out / "models" / "schema.yml").read_text()
    for view in views:
        keys = [c.name for c in view.columns if c.kind in ("entity", "period")]
        block = schema.split(f'  - name: "{view.name}"\n', 1)[1].split("\n  - name: ", 1)[0]
        for key in keys:
            column = block.split(f'      - name: "{key}"\n', 1)[1].split("      - name: ", 1)[0]
            expected = "          - not_null\n" + ("          - unique\n" if len(keys) == 1 else "")
            assert "        data_tests:\n" + expected in column + "\n", (view.name, key)
        test = out / "tests" / f"{view.name}_grain_is_unique.sql"
        assert test.is_file() == (len(keys) > 1), view.name
    potential = (out / "tests" / "CustomerPotentialAnalyticsView_grain_is_unique.sql").read_text()
    assert 'FROM {{ ref(\'CustomerPotentialAnalyticsView\') }}\nGROUP BY\n  "SCID",\n  "CustID"\n' in potential
    assert "HAVING\n  COUNT(*) > 1" in potential
    project = (out / "dbt_project.yml").read_text()
    assert "flags:\n  send_anonymous_usage_stats: false\n" in project
    assert "    +materialized: view\n" in project


def test_the_same_input_gives_the_same_bytes_and_only_exports_are_replaced(exported, tmp_path: Path) -> None:
    out, _views = exported
    again = tmp_path / "again"
    other_cwd = CliRunner()
    with other_cwd.isolated_filesystem(temp_dir=tmp_path):
        result = other_cwd.invoke(main, ["export", "dbt", str(REPO), "--out", str(again), "--as-of", AS_OF])
        assert result.exit_code == 0, result.output
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}  # noqa: E731
    assert files(out) == files(again)
    # An earlier export is replaced; a folder holding anything else is refused (exit 2).
    assert CliRunner().invoke(main, ["export", "dbt", str(REPO), "--out", str(again)]).exit_code == 0
    mine = tmp_path / "my_dbt"
    mine.mkdir()
    (mine / "dbt_project.yml").write_text("name: mine\n")
    refused = CliRunner().invoke(main, ["export", "dbt", str(REPO), "--out", str(mine)])
    assert refused.exit_code == 2 and "not an earlier export" in refused.output
    assert (mine / "dbt_project.yml").read_text() == "name: mine\n"


def test_only_real_tables_are_rewritten() -> None:
    """A CTE named like a table shadows it in the outer query, but not inside itself."""
    catalog = load_catalog(REPO)
    statement = ('CREATE OR REPLACE VIEW "Shadow" AS WITH Factor AS (SELECT CustID FROM Factor) '
                 'SELECT f.CustID FROM Factor AS f JOIN "VW_CUSTOMER_PROFILE_FIELDS" AS p ON TRUE')
    view = CompiledView("Shadow", "duckdb", (statement,), (), ("Factor", "VW_CUSTOMER_PROFILE_FIELDS"), None, None)
    files = export_dbt(catalog, [view], get_dialect("duckdb"), __version__, REPO)
    sql = files["models/Shadow.sql"]
    assert "FROM {{ source('erp', 'Factor') }}\n" in sql  # inside the CTE: the table
    assert "FROM Factor AS f" in sql  # outside: the CTE
    assert "JOIN {{ ref('VW_CUSTOMER_PROFILE_FIELDS') }} AS p" in sql


def _dbt_available() -> bool:
    return importlib.util.find_spec("dbt") is not None and importlib.util.find_spec("dbt.adapters.duckdb") is not None


def test_dbt_builds_the_same_rows_as_semview(exported, tmp_path: Path) -> None:
    if not _dbt_available():
        reason = 'dbt-core and dbt-duckdb are not installed (pip install "dbt-core>=1.11,<1.12" dbt-duckdb)'
        if os.environ.get("SEMVIEW_REQUIRE_ENGINES") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    out, views = exported
    database = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(database))
    create_sample_database(con, customers=300)
    con.close()

    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "profiles.yml").write_text(
        "semview:\n  target: test\n  outputs:\n    test:\n      type: duckdb\n"
        f"      path: {database}\n      schema: dbt_views\n      threads: 1\n")
    env = {**os.environ, "DBT_PROFILES_DIR": str(profiles), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
           "DBT_USE_COLORS": "false"}
    proc = subprocess.run(
        [sys.executable, "-c", "from dbt.cli.main import cli; cli()", "build", "--project-dir", str(out),
         "--vars", "{semview_source_schema: main}", "--target-path", str(tmp_path / "target"),
         "--log-path", str(tmp_path / "logs")],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " ERROR=0 " in proc.stdout and "PASS=" in proc.stdout
    assert not (out / "target").exists() and not (out / "logs").exists()  # dbt wrote only into tmp_path

    applied = CliRunner().invoke(main, ["apply", str(REPO), "--url", f"duckdb:///{database}", "--as-of", AS_OF])
    assert applied.exit_code == 0, applied.output

    con = duckdb.connect(str(database), read_only=True)
    try:
        compared = 0
        for view in views:
            ours = con.execute(f'SELECT * FROM main."{view.name}"')
            our_columns, our_rows = [d[0] for d in ours.description], ours.fetchall()
            theirs = con.execute(f'SELECT * FROM dbt_views."{view.name}"')
            assert [d[0] for d in theirs.description] == our_columns, view.name
            assert Counter(theirs.fetchall()) == Counter(our_rows), view.name
            compared += bool(our_rows)
        assert compared >= len(views) - 2  # the sample data reaches (nearly) every view
    finally:
        con.close()
