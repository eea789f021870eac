"""On the real engines, fuzzed names create exactly the views written, and nothing else runs.

The catalogs of `tests/test_fuzz_names.py` (names with quotes, brackets, semicolons,
comment markers, reserved words, mixed case, non-ASCII letters), compiled for the engine
and run there. Each example must:

- be refused at compile time with SV303 exactly when a name breaks the engine's rules
  (then nothing runs), or
- create its four views, each reporting exactly the column names of the YAML, the CDP
  fields view returning the YAML's aliases and description as values, while a canary
  table keeps its row and the namespace holds nothing but the reference tables, the
  canary and those views (no injected statement created or dropped anything).

A fixed, modest number of examples per engine (derandomized) keeps CI stable and fast.
Names at each engine's length limit are run too: the longest accepted name works, one
more character is SV303.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from sqlglot import exp

from semview.dialects import get_dialect
from semview.generator.compile import compile_catalog, load_catalog
from semview.generator.diagnostics import CompileError
from tests.test_fuzz_names import FAST, NASTY, Names, descriptions, expected_columns, fuzz_names, \
    refused_names, write_catalog

from .harness import Engine, reference_tables

CANARY = "semview_canary"
# Spark needs ~1 s per example even without running the aggregations; the others ~0.2 s.
EXAMPLES = {"duckdb": 12, "sqlite": 12, "postgres": 12, "mysql": 12, "clickhouse": 12, "spark": 4}
ROWS = {
    "Factor": [
        {"FactorID": 1, "CustID": 1, "SCID": 2, "FactorDate": "2024/06/01", "Amount": 10.25, "Status": "final"},
        {"FactorID": 2, "CustID": 1, "SCID": 2, "FactorDate": "2024/06/02", "Amount": 5.25, "Status": "final"},
    ],
    "CUSTOMER_PROFILES": [
        {"PROFILE_DATE": datetime.date(2024, 6, 1), "CLIENT_CUSTOMER_ID": "C-1", "STR1": "gold", "FIELD1": 1.5},
    ],
}
# What lists the relations of the current namespace, per engine.
RELATIONS = {
    "duckdb": "SELECT table_name FROM information_schema.tables",
    "sqlite": "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')",
    "postgres": "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
    "mysql": "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
    "spark": "SHOW TABLES",
    "clickhouse": "SELECT name FROM system.tables WHERE database = currentDatabase()",
}
TABLE_SUFFIX = {"spark": " USING parquet", "clickhouse": " ENGINE = Memory"}

plain = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,11}", fullmatch=True)


@st.composite
def engine_names(draw: st.DrawFn, spark: bool) -> Names:
    """Fuzzed names; view names are plain identifiers half of the time (always on Spark,
    whose catalog takes no other), so every engine runs views, not only refusals."""
    n = draw(fuzz_names)
    if spark or draw(st.booleans()):
        taken = {c.lower() for c in n.columns}
        views = draw(st.lists(plain.filter(lambda v: v.lower() not in taken), min_size=4, max_size=4,
                              unique_by=str.lower))
        n = Names(*views, *(getattr(n, f) for f in Names.__dataclass_fields__ if f not in
                            ("view", "mapped_view", "fields_view", "rows_view")))
    return n


def _relations(engine: Engine) -> set[str]:
    names, rows = engine.query(RELATIONS[engine.name])
    column = names.index("tableName") if engine.name == "spark" else 0
    return {_folded(engine, r[column]) for r in rows}


def _folded(engine: Engine, name: str) -> str:
    return name.lower() if engine.name == "spark" else name  # Spark's catalog keeps names in lower case


def _quoted_table(engine: Engine, name: str) -> str:
    return exp.Table(this=exp.to_identifier(name, quoted=True)).sql(dialect=engine.sqlglot_dialect)


def _drop_view(engine: Engine, name: str) -> str:
    return exp.Drop(tables=[exp.Table(this=exp.to_identifier(name, quoted=True))], kind="VIEW",
                    exists=True).sql(dialect=engine.sqlglot_dialect)


def _prepare(engine: Engine) -> set[str]:
    """A fresh namespace with the reference tables and the canary; returns the relations."""
    engine.load(ROWS)
    engine.execute_script(f"CREATE TABLE {CANARY} (x INT){TABLE_SUFFIX.get(engine.name, '')};\n"
                          f"INSERT INTO {CANARY} VALUES (1)")
    base = _relations(engine)
    # Unquoted CREATE TABLE names are folded by some engines (PostgreSQL: lower case).
    assert {t.lower() for t in reference_tables()} | {CANARY} <= {b.lower() for b in base}
    return base


def _run_example(engine: Engine, base: set[str], root: Path, n: Names, description: str) -> None:
    try:
        views = compile_catalog(load_catalog(root), get_dialect(engine.name))
    except CompileError as exc:
        assert refused_names(engine.name, n), f"{engine.name} refused names it holds:\n{exc}"
        assert {d.code for d in exc.diagnostics} == {"SV303"}, str(exc)
        return
    assert not refused_names(engine.name, n), f"accepted {refused_names(engine.name, n)}"
    columns = expected_columns(n)
    try:
        for view in views:
            engine.execute_script(view.sql)
        for view in views:
            # Spark takes seconds to run an aggregation; LIMIT 0 is planned (names) but never run.
            limit = " LIMIT 0" if engine.name == "spark" and view.name != n.fields_view else ""
            names, rows = engine.query(f"SELECT * FROM {_quoted_table(engine, view.name)}{limit}")
            assert names == columns[view.name], (engine.name, view.name)
            if view.name == n.fields_view:  # the YAML's strings, as values
                assert sorted(rows, key=lambda r: r[0]) == [("FIELD1", n.alias_number, "number", None),
                                                            ("STR1", n.alias_text, "string", description)]
            elif view.name == n.view and not limit:
                assert [r[:3] for r in rows] == [(1, 2, 2)]  # customer, channel, count
        assert engine.query(f"SELECT x FROM {CANARY}")[1] == [(1,)]
        assert _relations(engine) == base | {_folded(engine, v.name) for v in views}
    finally:
        for view in reversed(views):
            engine.execute_script(_drop_view(engine, view.name))
    assert _relations(engine) == base


def test_fuzzed_names_create_exactly_the_views_written(engine: Engine, tmp_path_factory) -> None:
    base = _prepare(engine)
    reserved = {t.lower() for t in reference_tables()} | {CANARY}

    @settings(max_examples=EXAMPLES[engine.name], **FAST)
    @example(n=NASTY, description="'; DROP TABLE semview_canary; --\n\\")
    @given(n=engine_names(spark=engine.name == "spark"), description=descriptions)
    def run(n: Names, description: str) -> None:
        assume(not {v.lower() for v in n.relations} & reserved)
        root = write_catalog(tmp_path_factory.mktemp(f"fuzz-{engine.name}"), n, description)
        _run_example(engine, base, root, n, description)

    run()


# The longest name each engine holds, by the engine's own count (MySQL: characters;
# PostgreSQL: bytes of UTF-8; ClickHouse: a view name escaped as a file name).
LONGEST = {
    "postgres": ("é" * 31 + "x", "column", "63"),  # 63 bytes
    "mysql": ("é" * 64, "column", "64"),
    "clickhouse": ("ü" * 28 + "abcd", "view", "172"),  # 28 * 6 + 4 = 172 escaped characters
}


# Only the engines with a limit semview checks (DuckDB, SQLite and Spark set none).
@pytest.mark.parametrize("engine", sorted(LONGEST), indirect=True)
@pytest.mark.parametrize("longer", [False, True], ids=["at-limit", "over-limit"])
def test_names_at_the_engine_limit(engine: Engine, tmp_path: Path, longer: bool) -> None:
    name, where, limit = LONGEST[engine.name]
    name += "y" if longer else ""
    base = _prepare(engine)
    n = Names("V1", "V2", "V3", "V4", *(f"c{i}" for i in range(11)))
    n = Names(**{**n.__dict__, ("view" if where == "view" else "total_shown"): name})
    root = write_catalog(tmp_path / "p", n)
    if longer:
        with pytest.raises(CompileError) as caught:
            compile_catalog(load_catalog(root), get_dialect(engine.name))
        for diagnostic in caught.value.diagnostics:  # where it is defined, and where a view reads it
            assert diagnostic.code == "SV303" and limit in diagnostic.message
            assert engine.name in f"{diagnostic.message} {diagnostic.hint}"
            assert "views.yml" in diagnostic.span.path
        return
    _run_example(engine, base, root, n, "a field")
