"""The plain-Python reference against hand-computed rows, and its properties on random data.

The reference (tests/reference/customer_potential.py) is the ground truth of
the engine tests, so it is itself checked here against rows computed by hand
(tests/fixtures/customer_potential_cases.py) and against direct recounts on
the random tables of tests/datagen.py, whose built-in edge cases are checked
at the same time.
"""

from __future__ import annotations

import datetime
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import datagen  # noqa: E402
from tests.fixtures import customer_potential_cases as cases  # noqa: E402
from tests.reference.customer_potential import COLUMNS, customer_potential, parse_erp_date  # noqa: E402

SCHEMA = ROOT / "sample_data" / "reference-schema.sql"
AS_OF = datetime.date(2024, 6, 30)
SEEDS = (0, 1, 2, 3, 4)


def _days(n: int) -> str:
    return datagen.erp_date(AS_OF + datetime.timedelta(days=n))


# --- the hand-computed fixture ------------------------------------------------


def test_reference_reproduces_hand_computed_rows() -> None:
    columns, rows = customer_potential(cases.TABLES, cases.AS_OF, cases.WINDOW_DAYS)
    assert columns == cases.COLUMNS == list(COLUMNS)
    assert rows == cases.EXPECTED_ROWS


def test_reference_types_on_fixture() -> None:
    _, rows = customer_potential(cases.TABLES, cases.AS_OF, cases.WINDOW_DAYS)
    by_key = {(r[0], r[1]): dict(zip(COLUMNS, r)) for r in rows}
    full = by_key[(1, 1)]
    assert [type(full[c]) for c in ("MinAmount", "MaxAmount", "AvgAmount")] == [Decimal] * 3
    assert [type(full[c]) for c in ("CountFactor", "CountNotOrder", "MinSKU", "MaxSKU")] == [int] * 4
    assert [type(full[c]) for c in ("AveFactorFerq", "AvgSKU", "Lat", "Lng")] == [float] * 4
    assert full["LastVisitDate"] == "2024/06/29" and full["LastFacktorDate"] == "2024/06/30"


def test_fixture_loads_into_the_reference_schema() -> None:
    # Engine tests load TABLES through the DDL, so it must satisfy it.
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for table, rows in cases.TABLES.items():
        if rows:
            columns = list(rows[0])
            _insert(con, table, columns, [[row[c] for c in columns] for row in rows])
    assert con.execute("SELECT count(*) FROM Factor").fetchone()[0] == len(cases.TABLES["Factor"])


def test_window_length_is_a_parameter() -> None:
    # With a 91-day window 2024/04/01 is inside: invoice 101 (500.00, 2 lines)
    # and visit 5 (no order) join pair (1, 1); customer 5's visit gives a row.
    _, rows = customer_potential(cases.TABLES, cases.AS_OF, 91)
    by_key = {(r[0], r[1]): dict(zip(COLUMNS, r)) for r in rows}
    pair = by_key[(1, 1)]
    assert pair["CountFactor"] == 4
    assert pair["MaxAmount"] == Decimal("500.00")
    assert pair["AvgAmount"] == Decimal("900.50") / 4
    assert pair["AveFactorFerq"] == 90 / 3
    assert pair["CountNotOrder"] == 3
    assert by_key[(2, 5)]["CountNotOrder"] == 1
    assert by_key[(2, 5)]["LastFacktorDate"] == "2024/03/01"


def test_empty_tables_give_no_rows() -> None:
    assert customer_potential({}, AS_OF) == (list(COLUMNS), [])


# --- properties on random data ------------------------------------------------


def _direct_counts(tables: dict[str, list[dict]], window_days: int = 90) -> tuple[dict, dict, set]:
    """Per pair: final invoices and no-order visits in the window, and the active pairs."""
    start = AS_OF - datetime.timedelta(days=window_days - 1)
    invoices: dict[tuple[int, int], int] = defaultdict(int)
    no_order: dict[tuple[int, int], int] = defaultdict(int)
    active: set[tuple[int, int]] = set()
    for f in tables["Factor"]:
        key = (f["SCID"], f["CustID"])
        if f["Status"] != "canceled" and start <= parse_erp_date(f["FactorDate"]) <= AS_OF:
            invoices[key] += 1
            active.add(key)
    for v in tables["CustomerVisit"]:
        key = (v["SCID"], v["CustID"])
        if start <= parse_erp_date(v["VisitDate"]) <= AS_OF:
            active.add(key)
            no_order[key] += v["HasOrder"] == 0
    return invoices, no_order, active


@pytest.mark.parametrize("seed", SEEDS)
def test_counts_match_a_direct_recount(seed: int) -> None:
    tables = datagen.random_tables(seed, as_of=AS_OF)
    _, rows = customer_potential(tables, AS_OF)
    invoices, no_order, active = _direct_counts(tables)
    keys = [(r[0], r[1]) for r in rows]
    assert keys == sorted(active), "rows are exactly the pairs with activity in the window, sorted"
    for r in rows:
        row = dict(zip(COLUMNS, r))
        key = (row["SCID"], row["CustID"])
        assert row["CountFactor"] == invoices.get(key, 0)
        assert row["CountNotOrder"] == no_order.get(key, 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_row_invariants(seed: int) -> None:
    tables = datagen.random_tables(seed, as_of=AS_OF, customers=60)
    _, rows = customer_potential(tables, AS_OF)
    assert rows
    for r in rows:
        row = dict(zip(COLUMNS, r))
        if row["CountFactor"] == 0:
            assert row["MinAmount"] is row["MaxAmount"] is row["AvgAmount"] is None
            assert row["MinSKU"] is row["MaxSKU"] is row["AvgSKU"] is row["AveFactorFerq"] is None
        else:
            assert row["MinAmount"] <= row["AvgAmount"] <= row["MaxAmount"]
            assert row["MinSKU"] <= row["AvgSKU"] <= row["MaxSKU"]
            assert row["LastFacktorDate"] is not None
            assert parse_erp_date(row["LastFacktorDate"]) >= AS_OF - datetime.timedelta(days=89)
            assert (row["AveFactorFerq"] is None) == (row["CountFactor"] < 2)
        for column in ("LastVisitDate", "LastFacktorDate"):
            if row[column] is not None:
                assert parse_erp_date(row[column]) <= AS_OF


@pytest.mark.parametrize("seed", SEEDS)
def test_edge_cases_exist_in_every_seed(seed: int) -> None:
    tables = datagen.random_tables(seed, as_of=AS_OF)
    _, rows = customer_potential(tables, AS_OF)
    by_key = {(r[0], r[1]): dict(zip(COLUMNS, r)) for r in rows}
    customers = {cust for _, cust in by_key}
    e = datagen.EDGE_CUSTOMERS

    # invoices on -90 and +1 are out, -89, 0 and three on -30 are in
    edges = by_key[(1, e["window_edges"])]
    assert edges["CountFactor"] == 5
    assert edges["AveFactorFerq"] == 89 / 4
    assert edges["MinSKU"] == 0 and edges["MaxSKU"] >= 5
    assert edges["CountNotOrder"] == 1
    assert edges["LastVisitDate"] == _days(-89)
    assert edges["LastFacktorDate"] == _days(0)

    canceled = by_key[(1, e["canceled"])]
    assert canceled["CountFactor"] == 1
    assert canceled["LastFacktorDate"] == _days(-40)
    assert (2, e["canceled"]) not in by_key  # its only invoice is canceled

    visits = by_key[(2, e["visits_only"])]
    assert (visits["CountFactor"], visits["CountNotOrder"], visits["MinAmount"]) == (0, 1, None)
    assert (visits["LastVisitDate"], visits["LastFacktorDate"]) == (_days(-3), None)

    single = by_key[(3, e["single_invoice"])]
    assert (single["CountFactor"], single["AveFactorFerq"]) == (1, None)
    assert (single["MinSKU"], single["MaxSKU"], single["AvgSKU"]) == (0, 0, 0.0)

    assert {scid for scid, cust in by_key if cust == e["multi_channel"]} == {1, 2, 4}
    assert by_key[(1, e["multi_channel"])]["AveFactorFerq"] == 58.0
    assert by_key[(4, e["multi_channel"])]["CountFactor"] == 0

    assert e["old_only"] not in customers

    ties = by_key[(4, e["ties"])]
    assert (ties["MinAmount"], ties["MaxAmount"], ties["CountFactor"]) == (Decimal("99.90"), Decimal("250.00"), 3)
    assert ties["AvgAmount"] == Decimal("599.90") / 3

    orphan = by_key[(2, datagen.ORPHAN_OFFSET + 40)]
    assert (orphan["GrpID"], orphan["Lat"], orphan["Lng"]) == (None, None, None)
    assert (orphan["CountFactor"], orphan["AveFactorFerq"]) == (2, 1.0)
    assert by_key[(3, datagen.ORPHAN_OFFSET + 41)]["CountNotOrder"] == 1


# --- the random tables themselves ---------------------------------------------


def test_random_tables_are_deterministic() -> None:
    first = datagen.random_tables(7, as_of=AS_OF)
    assert first == datagen.random_tables(7, as_of=AS_OF)
    assert first["Factor"] != datagen.random_tables(8, as_of=AS_OF)["Factor"]


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], values: list[list]) -> None:
    # Multi-row VALUES in chunks: executemany binds one row per call and is
    # ten times slower.
    quoted = ", ".join(f'"{c}"' for c in columns)
    row = "(" + ", ".join("?" for _ in columns) + ")"
    for start in range(0, len(values), 200):
        chunk = values[start : start + 200]
        params = [v for r in chunk for v in r]
        con.execute(f'INSERT INTO "{table}" ({quoted}) VALUES ' + ", ".join([row] * len(chunk)), params)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_tables_load_into_the_reference_schema(seed: int) -> None:
    # Loading through the DDL checks column names, types, NOT NULL and primary keys.
    tables = datagen.random_tables(seed, as_of=AS_OF)
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    schema_columns: dict[str, list[str]] = defaultdict(list)
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns ORDER BY table_name, ordinal_position"
    ).fetchall():
        schema_columns[table].append(column)
    assert set(tables) == set(schema_columns)
    for table, rows in tables.items():
        assert rows, f"{table} is empty"
        columns = schema_columns[table]
        for row in rows:
            assert set(row) == set(columns), table
        _insert(con, table, columns, [[row[c] for c in columns] for row in rows])
        assert con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == len(rows)
    # the FactorDetail grain: one row per (FactorID, LineNo)
    assert con.execute(
        "SELECT count(*) FROM (SELECT FactorID, LineNo FROM FactorDetail GROUP BY ALL HAVING count(*) > 1)"
    ).fetchone()[0] == 0


@pytest.mark.parametrize("seed", SEEDS)
def test_random_tables_value_conventions(seed: int) -> None:
    tables = datagen.random_tables(seed, as_of=AS_OF)
    factor = tables["Factor"]
    days = [parse_erp_date(f["FactorDate"]) for f in factor]
    assert all(len(f["FactorDate"]) == 10 for f in factor)
    assert max(days) > AS_OF and (max(days) - min(days)).days >= 300
    assert {f["Status"] for f in factor} == {"final", "canceled"}
    assert any(f["Cost"] is None for f in factor)
    assert all(f["Amount"] == f["Amount"].quantize(Decimal("0.01")) for f in factor)
    amounts = [f["Amount"] for f in factor]
    assert len(set(amounts)) < len(amounts)
    with_lines = {d["FactorID"] for d in tables["FactorDetail"]}
    assert any(f["FactorID"] not in with_lines for f in factor)
    assert all(d["Qty"].as_tuple().exponent == -3 for d in tables["FactorDetail"])
    visits = tables["CustomerVisit"]
    assert {v["HasOrder"] for v in visits} == {0, 1}
    assert all(v["NoOrderReason"] is None for v in visits if v["HasOrder"] == 1)
    reasons = {v["NoOrderReason"] for v in visits if v["HasOrder"] == 0}
    assert None in reasons and len(reasons) > 2
    profiles = tables["CUSTOMER_PROFILES"]
    assert len({(p["CLIENT_CUSTOMER_ID"], p["PROFILE_DATE"]) for p in profiles}) == len(profiles)
    assert all(isinstance(p["PROFILE_DATE"], datetime.date) for p in profiles)
    stamps = [t["LAST_UPDATED_TIME"] for t in tables["TARGETED_AND_EXCLUDED_CUSTOMERS"]]
    assert all(isinstance(s, datetime.datetime) and s.microsecond == 0 for s in stamps)


def test_random_tables_need_room_for_the_edge_cases() -> None:
    with pytest.raises(ValueError, match="customers"):
        datagen.random_tables(0, as_of=AS_OF, customers=3)
