"""Aliases are data: spaces, quotes, case and non-ASCII letters come through verbatim on
every engine, and an alias that looks like SQL is a column name, never a statement."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from sqlglot import exp

import semview
from tests.engines.compare import assert_same_rows

REPO = Path(__file__).resolve().parents[2]
ALIASES = {
    "STR1": 'x"; DROP TABLE Factor; --',
    "STR2": "Lifecycle stage",
    "STR3": "it's `quoted` [sic]",
    "STR12": "Kundenstufe_ÄÖÜ_مشتری",
    "FIELD1": "Revenue",
    "FIELD2": "revenue_net",
    "FIELD3": "REVENUE_NET_",
}


def _project(tmp: Path) -> Path:
    # The whole catalog (some sources read its views), less the views built on the real names.
    shutil.copytree(REPO / "metrics", tmp / "metrics")
    shutil.copytree(REPO / "views", tmp / "views")
    (tmp / "views" / "customer_360.yml").unlink()
    fields = "\n".join(f"      - {{field: {f}, alias: {_yaml(a)}, type: {'string' if f.startswith('STR') else 'number'}}}"
                       for f, a in ALIASES.items())
    (tmp / "metrics" / "customer_profile_fields.yml").write_text(
        "mappings:\n  - name: p\n    source: CUSTOMER_PROFILES\n    keys: [PROFILE_DATE, CLIENT_CUSTOMER_ID]\n"
        "    view: REAL_NAMES\n    fields:\n" + fields + "\n")
    return tmp


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_awkward_aliases_round_trip(engine, tmp_path) -> None:
    views = [v for v in semview.compile_project(_project(tmp_path), engine.name) if v.name == "REAL_NAMES"]
    engine.load({"CUSTOMER_PROFILES": [
        {"PROFILE_DATE": datetime.date(2024, 6, 30), "CLIENT_CUSTOMER_ID": "C0001", "STR1": "IR", "STR2": "active",
         "STR3": "SMS", "STR12": "gold", "FIELD1": 10.5, "FIELD2": 9.5, "FIELD3": 1.0},
    ], "Factor": []})
    for view in views:
        engine.execute_script(view.sql)
    name = exp.to_identifier("REAL_NAMES", quoted=True).sql(dialect=engine.sqlglot_dialect)
    actual = engine.query(f"SELECT * FROM {name}")
    expected = (["PROFILE_DATE", "CLIENT_CUSTOMER_ID", *ALIASES.values()],
                [(datetime.date(2024, 6, 30), "C0001", "IR", "active", "SMS", "gold", 10.5, 9.5, 1.0)])
    assert_same_rows(actual, expected, ["CLIENT_CUSTOMER_ID"])
    assert engine.query("SELECT COUNT(*) FROM Factor")[1] == [(0,)]  # still there


def test_aliases_differing_only_in_case_are_refused(tmp_path) -> None:
    project = _project(tmp_path)
    path = project / "metrics" / "customer_profile_fields.yml"
    path.write_text(path.read_text().replace('"REVENUE_NET_"', '"REVENUE_NET"'))
    with pytest.raises(semview.CompileError) as info:
        semview.compile_project(project, "duckdb")
    assert [d.code for d in info.value.diagnostics] == ["SV140"]
