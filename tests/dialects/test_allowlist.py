"""`functions_used` finds the functions of a statement; no primitive leaves its dialect's allowlist."""
from __future__ import annotations

import pytest

from semview.dialects import DIALECTS

from .allowlist import ALLOWED, functions_used
from .primitives import PRIMITIVES, generated


@pytest.mark.parametrize(("sql", "dialect", "expected"), [
    ("SELECT CAST(STRPTIME(d, '%Y/%m/%d') AS DATE) FROM t", "duckdb", {"CAST", "STRPTIME"}),
    ("SELECT CURRENT_DATE, AVG(x), COUNT(*) FROM t", "duckdb", {"CURRENT_DATE", "AVG", "COUNT"}),
    ("SELECT formatDateTime(d, '%Y'), nullIf(a, 0) FROM t", "clickhouse", {"formatDateTime", "nullIf"}),
    ("SELECT CAST(STR_TO_DATE(d, '%Y') AS Nullable(DATE)) FROM t", "clickhouse", {"CAST", "STR_TO_DATE"}),
    ("SELECT DATE(a, '-89 DAY') FROM t", "sqlite", {"DATE"}),
    ("SELECT CASE WHEN a > 0 THEN my_udf(a) END FROM t", "postgres", {"my_udf"}),
    ("SELECT a - INTERVAL '89 DAY', a + 1 FROM t", "postgres", set()),
    ("DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT DATE(d) AS x FROM t", "sqlite", {"DATE"}),
])
def test_functions_used(sql: str, dialect: str, expected: set[str]) -> None:
    assert functions_used(sql, dialect) == expected


def test_every_dialect_has_an_allowlist() -> None:
    assert set(ALLOWED) == set(DIALECTS)
    assert all(url.startswith("https://") for names in ALLOWED.values() for url in names.values())


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_primitives_use_only_allowed_functions(dialect: str) -> None:
    sqlglot_name = DIALECTS[dialect].sqlglot_name
    used = {p: functions_used(generated(dialect, p), sqlglot_name) for p in PRIMITIVES}
    leaks = {p: names - set(ALLOWED[dialect]) for p, names in used.items() if names - set(ALLOWED[dialect])}
    assert not leaks
    assert set().union(*used.values())  # the helper sees the primitives' functions at all


@pytest.mark.parametrize(("dialect", "foreign"), [
    ("sqlite", "STR_TO_DATE"), ("sqlite", "DATE_SUB"), ("tsql", "STR_TO_DATE"), ("tsql", "DATE_SUB"),
    ("postgres", "DATE_DIFF"), ("tsql", "CURRENT_DATE"),
])
def test_known_leaks_are_not_allowed(dialect: str, foreign: str) -> None:
    assert foreign not in ALLOWED[dialect]
