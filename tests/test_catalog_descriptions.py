"""Every column of every shipped view says what it holds (the docs show these)."""
from __future__ import annotations

from pathlib import Path

import semview

REPO = Path(__file__).resolve().parents[1]


def test_every_column_of_every_view_has_a_description() -> None:
    views = semview.compile_project(REPO, dialect="duckdb")
    missing = [(v.name, c.name) for v in views for c in v.columns if not (c.description or "").strip()]
    assert not missing
    assert all((v.description or "").strip() for v in views)
