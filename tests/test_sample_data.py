"""The demo's sample database: schema copy, determinism, speed and sanity.

``sample_data`` is loaded from its file, so these tests run whether or not
the semview package is installed.
"""

from __future__ import annotations

import ast
import datetime
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sample_data"
SPEC_SCHEMA = ROOT.parent / "shared" / "spec" / "reference-schema.sql"

END = datetime.date(2024, 12, 31)
DAYS = 730
START = END - datetime.timedelta(days=DAYS - 1)


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("semview_sample_data_under_test", PACKAGE / "__init__.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


sample_data = _load()


@pytest.fixture(scope="module")
def db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    started = time.perf_counter()
    counts = sample_data.create_sample_database(con)
    con.execute("CREATE TEMP TABLE elapsed AS SELECT ?::DOUBLE AS seconds", [time.perf_counter() - started])
    con.execute("CREATE TEMP TABLE returned_counts (name VARCHAR, n BIGINT)")
    con.executemany("INSERT INTO returned_counts VALUES (?, ?)", list(counts.items()))
    return con


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


def _checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    # Order-independent: the physical row order may differ between runs.
    return {
        table: con.execute(f'SELECT count(*), sum(hash(t)::HUGEINT) FROM "{table}" t').fetchone()
        for table in sample_data.TABLES
    }


@pytest.mark.skipif(not SPEC_SCHEMA.exists(), reason="the shared spec is not next to the repo")
def test_schema_copy_equals_the_spec() -> None:
    assert (PACKAGE / "reference-schema.sql").read_bytes() == SPEC_SCHEMA.read_bytes()


def test_module_imports_only_stdlib_and_duckdb() -> None:
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports"
            roots.add((node.module or "").split(".")[0])
    assert roots - {"duckdb", "__future__"} <= set(sys.stdlib_module_names)


def test_fills_every_table_of_the_schema_quickly(db: duckdb.DuckDBPyConnection) -> None:
    tables = {n for (n,) in db.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()}
    assert tables == set(sample_data.TABLES)
    returned = dict(db.execute("SELECT name, n FROM returned_counts").fetchall())
    assert returned == {t: _one(db, f'SELECT count(*) FROM "{t}"') for t in sample_data.TABLES}
    assert all(n > 0 for n in returned.values())
    assert returned["Customer"] == 5000
    assert 10 * 5000 <= returned["Factor"] <= 30 * 5000
    assert _one(db, "SELECT seconds FROM elapsed") < 5.0


def test_leaves_no_helpers_behind(db: duckdb.DuckDBPyConnection) -> None:
    temp = {n for (n,) in db.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()}
    assert temp == {"elapsed", "returned_counts"}
    assert _one(db, "SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'sv\\_%' ESCAPE '\\'") == 0


def test_same_call_gives_identical_data(db: duckdb.DuckDBPyConnection) -> None:
    # A single-threaded second run: the data must not depend on scheduling.
    other = duckdb.connect(config={"threads": 1})
    sample_data.create_sample_database(other)
    assert _checksums(other) == _checksums(db)


def test_other_arguments_give_other_data(db: duckdb.DuckDBPyConnection) -> None:
    other = duckdb.connect()
    counts = sample_data.create_sample_database(
        other, customers=200, end_date=datetime.date(2023, 6, 30), days=120
    )
    assert counts["Customer"] == 200
    low, high = other.execute(
        "SELECT min(strptime(FactorDate, '%Y/%m/%d')), max(strptime(FactorDate, '%Y/%m/%d')) FROM Factor"
    ).fetchone()
    assert datetime.date(2023, 3, 3) <= low.date() and high.date() <= datetime.date(2023, 6, 30)
    assert _checksums(other)["Factor"] != _checksums(db)["Factor"]


# Every ERP date column, with the range its values must fall in (None: unbounded).
DATE_COLUMNS = (
    ("Customer", "CreatedDate", None, END),
    ("CustAssignToSeller", "AssignDate", None, END),
    ("Factor", "FactorDate", START, END),
    ("CustomerVisit", "VisitDate", START, END),
    ("SellerVisitPath", "PathDate", START, END),
    ("Collection", "DueDate", START, END + datetime.timedelta(days=60)),
    ("Collection", "PayDate", START, END),
    ("ReturnFactor", "ReturnDate", START, END),
    ("Delivery", "PlannedDate", START, END + datetime.timedelta(days=3)),
    ("Delivery", "DeliveredDate", START, END),
)


@pytest.mark.parametrize(("table", "column", "low", "high"), DATE_COLUMNS)
def test_dates_are_valid_strings_in_range(
    db: duckdb.DuckDBPyConnection, table: str, column: str, low: datetime.date | None, high: datetime.date
) -> None:
    bad = _one(
        db,
        f"""SELECT count(*) FROM "{table}" WHERE "{column}" IS NOT NULL AND (
                NOT regexp_full_match("{column}", '\\d{{4}}/\\d{{2}}/\\d{{2}}')
                OR try_strptime("{column}", '%Y/%m/%d') IS NULL)""",
    )
    assert bad == 0
    first, last = db.execute(
        f"""SELECT min(strptime("{column}", '%Y/%m/%d'))::DATE, max(strptime("{column}", '%Y/%m/%d'))::DATE
            FROM "{table}" """
    ).fetchone()
    assert (low is None or first >= low) and last <= high


# (child table, child column, parent table, parent column)
FOREIGN_KEYS = (
    ("Customer", "GrpID", "CustomerGroup", "GrpID"),
    ("Customer", "SCID", "SalesChannel", "SCID"),
    ("Seller", "SCID", "SalesChannel", "SCID"),
    ("CustAssignToSeller", "CustID", "Customer", "CustID"),
    ("CustAssignToSeller", "SellerID", "Seller", "SellerID"),
    ("Factor", "CustID", "Customer", "CustID"),
    ("Factor", "SCID", "SalesChannel", "SCID"),
    ("Factor", "SellerID", "Seller", "SellerID"),
    ("FactorDetail", "FactorID", "Factor", "FactorID"),
    ("CustomerVisit", "CustID", "Customer", "CustID"),
    ("CustomerVisit", "SellerID", "Seller", "SellerID"),
    ("CustomerVisit", "SCID", "SalesChannel", "SCID"),
    ("CustomerVisit", "FactorID", "Factor", "FactorID"),
    ("SellerVisitPath", "CustID", "Customer", "CustID"),
    ("SellerVisitPath", "SellerID", "Seller", "SellerID"),
    ("Collection", "FactorID", "Factor", "FactorID"),
    ("ReturnFactor", "FactorID", "Factor", "FactorID"),
    ("Delivery", "FactorID", "Factor", "FactorID"),
)


@pytest.mark.parametrize(("child", "column", "parent", "key"), FOREIGN_KEYS)
def test_foreign_keys_hold(db: duckdb.DuckDBPyConnection, child: str, column: str, parent: str, key: str) -> None:
    orphans = _one(
        db,
        f'SELECT count(*) FROM "{child}" c WHERE c."{column}" IS NOT NULL '
        f'AND NOT EXISTS (SELECT 1 FROM "{parent}" p WHERE p."{key}" = c."{column}")',
    )
    assert orphans == 0


def test_related_rows_agree(db: duckdb.DuckDBPyConnection) -> None:
    # Invoice-bound rows name the invoice's customer; sellers work the row's channel.
    for table in ("Collection", "ReturnFactor"):
        sql = f'SELECT count(*) FROM "{table}" x JOIN Factor f USING (FactorID) WHERE x.CustID <> f.CustID'
        assert _one(db, sql) == 0
    assert _one(
        db,
        """SELECT count(*) FROM CustomerVisit v JOIN Factor f USING (FactorID)
           WHERE v.CustID <> f.CustID OR v.SCID <> f.SCID OR v.VisitDate <> f.FactorDate""",
    ) == 0
    for table in ("Factor", "CustomerVisit", "SellerVisitPath", "CustAssignToSeller"):
        sql = f'SELECT count(*) FROM "{table}" x JOIN Seller s USING (SellerID) WHERE x.SCID <> s.SCID'
        assert _one(db, sql) == 0
    # Amount is the lines' total less the discount, and is collected in full.
    assert _one(
        db,
        """SELECT count(*) FROM Factor f
           JOIN (SELECT FactorID, sum(Qty * UnitPrice) AS gross FROM FactorDetail GROUP BY FactorID) d
           USING (FactorID)
           WHERE abs(f.Amount + f.Discount - d.gross) > 0.005""",
    ) == 0
    assert _one(
        db,
        """SELECT count(*) FROM Factor f
           JOIN (SELECT FactorID, sum(Amount) AS paid FROM Collection GROUP BY FactorID) c USING (FactorID)
           WHERE c.paid <> f.Amount""",
    ) == 0
    canceled_collections = "SELECT count(*) FROM Collection JOIN Factor f USING (FactorID) WHERE f.Status = 'canceled'"
    assert _one(db, canceled_collections) == 0


def test_distributions_look_like_a_distributor(db: duckdb.DuckDBPyConnection) -> None:
    per_customer = db.execute(
        "SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM Factor GROUP BY CustID)"
    ).fetchone()
    assert per_customer == (10, 30)
    assert db.execute("SELECT min(LineNo), max(LineNo) FROM FactorDetail").fetchone() == (1, 8)
    assert _one(
        db,
        "SELECT count(*) FROM (SELECT FactorID, LineNo FROM FactorDetail GROUP BY ALL HAVING count(*) > 1)",
    ) == 0
    without_lines = _one(
        db,
        "SELECT avg((NOT EXISTS (SELECT 1 FROM FactorDetail d WHERE d.FactorID = f.FactorID))::INT) FROM Factor f",
    )
    assert 0.005 < without_lines < 0.05
    assert 0.02 < _one(db, "SELECT avg((Status = 'canceled')::INT) FROM Factor") < 0.04
    assert {s for (s,) in db.execute("SELECT DISTINCT Status FROM Factor").fetchall()} == {"final", "canceled"}
    assert 0.01 < _one(db, "SELECT avg((Cost IS NULL)::INT) FROM Factor") < 0.1
    assert _one(db, "SELECT min(Amount) FROM Factor") > 0
    visits = dict(db.execute("SELECT HasOrder, count(*) FROM CustomerVisit GROUP BY ALL").fetchall())
    assert set(visits) == {0, 1} and min(visits.values()) > 1000
    reasons = db.execute(
        """SELECT count(DISTINCT NoOrderReason), count(*) FILTER (WHERE NoOrderReason IS NULL)
           FROM CustomerVisit WHERE HasOrder = 0"""
    ).fetchone()
    assert reasons[0] >= 5 and reasons[1] > 0
    assert _one(db, "SELECT count(*) FROM CustomerVisit WHERE HasOrder = 1 AND NoOrderReason IS NOT NULL") == 0
    assert _one(db, "SELECT count(DISTINCT SCID) FROM Factor") == 4
    multi_channel = "SELECT count(*) FROM (SELECT CustID FROM Factor GROUP BY CustID HAVING count(DISTINCT SCID) > 1)"
    assert _one(db, multi_channel) > 0
    statuses = {s for (s,) in db.execute("SELECT DISTINCT Status FROM Delivery").fetchall()}
    assert statuses == {"delivered", "partial", "failed", "pending"}


def test_cdp_tables_are_coherent(db: duckdb.DuckDBPyConnection) -> None:
    assert _one(db, "SELECT count(*) FROM CUSTOMER_PROFILE_FIELDS") == 16
    assert _one(
        db, "SELECT count(*) - count(DISTINCT (CLIENT_CUSTOMER_ID, PROFILE_DATE)) FROM CUSTOMER_PROFILES"
    ) == 0
    assert _one(db, "SELECT count(*) - count(DISTINCT (PLAN_ID, PLAN_DETAIL_ID)) FROM SCHEDULED_CAMPAIGNS") == 0
    # Targeted rows point at a scheduled campaign and a profile of that day;
    # control-group rows have no plan detail.
    assert _one(
        db,
        """SELECT count(*) FROM TARGETED_AND_EXCLUDED_CUSTOMERS t WHERE PLAN_DETAIL_ID IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM SCHEDULED_CAMPAIGNS s
               WHERE s.PLAN_ID = t.PLAN_ID AND s.PLAN_DETAIL_ID = t.PLAN_DETAIL_ID)""",
    ) == 0
    assert _one(
        db,
        """SELECT count(*) FROM TARGETED_AND_EXCLUDED_CUSTOMERS t WHERE NOT EXISTS (
               SELECT 1 FROM CUSTOMER_PROFILES p
               WHERE p.CLIENT_CUSTOMER_ID = t.CLIENT_CUSTOMER_ID AND p.PROFILE_DATE = t.EXECUTION_DATE)""",
    ) == 0
    assert _one(db, "SELECT count(*) FROM TARGETED_AND_EXCLUDED_CUSTOMERS WHERE PLAN_DETAIL_ID IS NULL") > 0
    # the profile's lifetime order count is the ERP's count of final invoices up to that day
    assert _one(
        db,
        """SELECT count(*) FROM CUSTOMER_PROFILES p WHERE p.FIELD5 <> (
               SELECT count(*) FROM Factor f
               WHERE 'C' || lpad(f.CustID::VARCHAR, 5, '0') = p.CLIENT_CUSTOMER_ID AND f.Status <> 'canceled'
                 AND strptime(f.FactorDate, '%Y/%m/%d')::DATE <= p.PROFILE_DATE)""",
    ) == 0


def test_rejects_nonsense_arguments() -> None:
    with pytest.raises(ValueError, match="customers"):
        sample_data.create_sample_database(duckdb.connect(), customers=0)
    with pytest.raises(ValueError, match="days"):
        sample_data.create_sample_database(duckdb.connect(), days=0)
