"""The `sortable_text` opt-in changes how a view filters, never what it returns.

Every view of the shipped catalog is built twice for the engine's dialect: as shipped, whose
year-first text dates are declared `sortable_text: true` (windows and as-of cuts compare
the stored text, min/max read it), and with every such declaration removed. Both run on the same random
data, whose edge cases put dates on both sides of every window edge, after the as-of date
and NULL, and must return the same rows: with a fixed --as-of (literal text bounds) and
with the default current date (bounds through the dialect's format_date).
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from semview.dialects import get_dialect
from semview.generator.compile import compile_catalog, load_catalog
from semview.generator.diagnostics import CompileError
from tests.datagen import random_tables
from tests.engines.compare import assert_same_rows

REPO = Path(__file__).resolve().parents[2]
FIXED = datetime.date(2024, 6, 30)
_OPT_IN = re.compile(r",\s*sortable_text:\s*true\b")


def opted_out(project: Path = REPO) -> dict[Path, str]:
    """The catalog's files with every `sortable_text: true` removed."""
    out = {}
    for path in sorted(project.glob("metrics/**/*.yml")):
        text = path.read_text(encoding="utf-8")
        new = _OPT_IN.sub("", text)
        if new != text:
            out[path.resolve()] = new
    return out


def test_the_opt_in_reaches_the_sql() -> None:
    plain = {v.name: v.sql for v in compile_catalog(load_catalog(REPO, overrides=opted_out()), get_dialect("postgres"),
                                                    FIXED)}
    opted = {v.name: v.sql for v in compile_catalog(load_catalog(REPO), get_dialect("postgres"), FIXED)}
    cpav_plain, cpav = plain["CustomerPotentialAnalyticsView"], opted["CustomerPotentialAnalyticsView"]
    assert "TO_DATE(\"src\".FactorDate" in cpav_plain
    assert "\"s\".\"FactorDate\" BETWEEN '2024/04/02' AND '2024/06/30'" in cpav  # the stored text, literal bounds
    assert "MAX(\"s\".\"VisitDate\")" in cpav  # min/max of the text, parsed once per group
    # an as_text max of the text is the stored text: neither parsed nor formatted back
    assert "TO_" not in opted["CustAssignToSellerView"] and "TO_CHAR" in plain["CustAssignToSellerView"]
    assert sum(plain[name] != opted[name] for name in plain) >= 5


@pytest.mark.parametrize("seed, as_of", [(1, FIXED), (2, None)], ids=["fixed-as-of", "current-date"])
def test_same_rows_with_and_without_sortable_text(engine, as_of, seed) -> None:
    tables = random_tables(seed, as_of=as_of or datetime.date.today())
    results = []
    for overrides in (opted_out(), None):
        views = compile_catalog(load_catalog(REPO, overrides=overrides), get_dialect(engine.name), as_of)
        engine.load(tables)  # a fresh namespace: both builds create the same view names
        engine.execute_script("\n".join(v.sql for v in views))
        results.append({v.name: engine.query(f"SELECT * FROM {engine.quote(v.name)}") for v in views})
    plain, opted = results
    assert plain.keys() == opted.keys()
    for name, expected in plain.items():
        try:
            assert_same_rows(opted[name], expected, keys=[])
        except AssertionError as exc:
            raise AssertionError(f"{name} differs with sortable_text on {engine.name}:\n{exc}") from None


@pytest.mark.parametrize("column, code, message", [
    ("{type: date, format: DD/MM/YYYY, sortable_text: true}", "SV110", "does not sort like a date"),
    ("{type: date, format: MM/DD/YYYY, sortable_text: true}", "SV110", "does not sort like a date"),
    ("{type: date, sortable_text: true}", "SV110", "does not sort like a date"),
    ("{type: date, format: YYYY/MM/DD, sortable_text: yes}", "SV103", "sortable_text must be true or false"),
])
def test_sortable_text_needs_a_year_first_format(column: str, code: str, message: str) -> None:
    sources = (REPO / "metrics" / "sources.yml").resolve()
    text = sources.read_text(encoding="utf-8")
    shipped = "VisitDate: {type: date, format: YYYY/MM/DD, sortable_text: true}"
    assert shipped in text
    edited = text.replace(shipped, f"VisitDate: {column}", 1)
    with pytest.raises(CompileError) as err:
        load_catalog(REPO, overrides={sources: edited})
    found = [d for d in err.value.diagnostics if d.code == code]
    assert found and message in found[0].message, [str(d) for d in err.value.diagnostics]
    assert found[0].span.path.endswith("sources.yml") and found[0].span.line == \
        edited[:edited.index(f"VisitDate: {column}")].count("\n") + 1
