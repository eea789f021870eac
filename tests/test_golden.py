"""Golden SQL for every dialect: reviewed in diffs, regenerated, never edited by hand.

    SEMVIEW_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py   # rewrite tests/golden/

For the dialects with no engine here (Snowflake, BigQuery, SQL Server, Trino,
Redshift) this is the whole proof, so every statement must also parse back with
sqlglot in its dialect and call only functions of that engine's allow-list.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlglot

import semview
from semview.dialects import DIALECTS
from tests.dialects.allowlist import ALLOWED, functions_used

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SEMVIEW_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_golden_sql(dialect: str) -> None:
    views = semview.compile_project(REPO, dialect=dialect, as_of="2024-06-30")
    folder = GOLDEN / dialect
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.sql"):
            stale.unlink()
        for view in views:
            (folder / f"{view.name}.sql").write_text(view.sql)
    expected = {p.stem: p.read_text() for p in folder.glob("*.sql")}
    assert sorted(expected) == sorted(v.name for v in views), "run with SEMVIEW_UPDATE_GOLDEN=1 and review the diff"
    for view in views:
        assert view.sql == expected[view.name], f"{dialect}/{view.name}.sql changed: regenerate and review"


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_statements_parse_back_and_use_only_allowed_functions(dialect: str) -> None:
    read = DIALECTS[dialect].sqlglot_name
    for view in semview.compile_project(REPO, dialect=dialect):  # default as-of: the current date
        for statement in view.statements:
            parsed = sqlglot.parse(statement, read=read)
            assert len(parsed) == 1
            leaked = functions_used(statement, dialect) - set(ALLOWED[dialect])
            assert not leaked, f"{view.name} on {dialect} calls functions not in its allow-list: {sorted(leaked)}"
