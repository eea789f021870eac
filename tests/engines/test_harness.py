"""Self-tests of the real-engine harness: every engine loads, runs scripts and
reports names and values the way the engine tests rely on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlglot

from .compare import assert_same_rows, values_equal
from .harness import (
    Engine,
    EngineError,
    TextDate,
    TextDateTime,
    clickhouse_ddl,
    reference_tables,
    spark_ddl,
    split_statements,
)

FACTORS = [
    {"FactorID": 1, "CustID": 10, "SCID": 1, "SellerID": 100, "FactorDate": "2024/06/30",
     "Amount": Decimal("1234.50"), "Discount": Decimal("34.50"), "Cost": Decimal("1000.25"), "Status": "final"},
    # No Discount: the DDL's DEFAULT 0 applies. NULL SellerID and Cost.
    {"FactorID": 2, "CustID": 10, "SCID": 1, "SellerID": None, "FactorDate": "2024/07/01",
     "Amount": Decimal("99.99"), "Cost": None, "Status": "canceled"},
    {"FactorID": 3, "CustID": 11, "SCID": 2, "SellerID": 101, "FactorDate": "2023/12/31",
     "Amount": Decimal("0.01"), "Discount": Decimal("0.00"), "Cost": Decimal("0.00"), "Status": "final"},
]
CUSTOMERS = [
    {"CustID": 10, "CustName": "Ava's Market; \"Branch\" 2", "GrpID": 1, "SCID": 1,
     "Lat": 35.6892, "Lng": 51.389, "CreatedDate": "2020/01/15"},
    {"CustID": 11, "CustName": "Café Öz", "GrpID": None, "SCID": None, "Lat": None, "Lng": None, "CreatedDate": None},
]
VISITS = [
    {"VisitID": 1, "CustID": 10, "SellerID": 100, "SCID": 1, "VisitDate": "2024/06/30",
     "HasOrder": 1, "NoOrderReason": None, "FactorID": 1},
    {"VisitID": 2, "CustID": 11, "SellerID": 101, "SCID": 2, "VisitDate": "2024/07/02",
     "HasOrder": 0, "NoOrderReason": "Shop closed", "FactorID": None},
]
PROFILES = [
    {"PROFILE_DATE": dt.date(2024, 6, 30), "CLIENT_CUSTOMER_ID": "C-10", "STR1": "gold",
     "FIELD153": 3.0, "FIELD1": -0.5},
]
TARGETED = [
    {"EXECUTION_DATE": dt.date(2024, 7, 1), "CLIENT_CUSTOMER_ID": "C-10", "PLAN_ID": 7, "PLAN_DETAIL_ID": None,
     "LAST_UPDATED_TIME": dt.datetime(2024, 7, 1, 8, 30, 15)},
]
ROWS = {
    "Factor": FACTORS,
    "Customer": CUSTOMERS,
    "CustomerVisit": VISITS,
    "CUSTOMER_PROFILES": PROFILES,
    "TARGETED_AND_EXCLUDED_CUSTOMERS": TARGETED,
}


def sql(engine: Engine, text: str) -> str:
    """Test SQL written once in DuckDB syntax, spelled in the engine's dialect.

    Unquoted names stay unquoted, so each engine resolves them its own way.
    """
    return ";\n".join(sqlglot.transpile(text, read="duckdb", write=engine.sqlglot_dialect))


def select_all(engine: Engine, table: str, columns: list[str]) -> tuple[list[str], list[tuple]]:
    """``SELECT c AS "c", ...`` so that every engine reports the schema's spelling."""
    aliased = ", ".join(f'{c} AS "{c}"' for c in columns)
    return engine.query(sql(engine, f"SELECT {aliased} FROM {table}"))


def expected_rows(table: str, rows: list[dict]) -> tuple[list[str], list[tuple]]:
    columns = reference_tables()[table].column_names
    return columns, reference_tables()[table].row_tuples(rows)


# ---------------------------------------------------------------- on every engine


def test_rows_come_back_as_loaded(engine: Engine) -> None:
    engine.load(ROWS)
    for table, rows in ROWS.items():
        columns = reference_tables()[table].column_names
        actual = select_all(engine, table, columns)
        assert_same_rows(actual, expected_rows(table, rows), keys=columns[:2])


def test_value_types(engine: Engine) -> None:
    engine.load(ROWS)
    _, rows = engine.query(
        sql(engine, "SELECT FactorID, Amount, Discount, Cost, FactorDate FROM Factor ORDER BY FactorID")
    )
    factor_id, amount, discount, cost, factor_date = rows[1]
    assert (factor_id, cost, factor_date) == (2, None, "2024/07/01")
    assert type(factor_id) is int and type(factor_date) is str
    if engine.name == "sqlite":  # no DECIMAL type: REAL, or INTEGER when whole (NUMERIC affinity)
        assert (amount, discount) == (99.99, 0) and type(amount) is float and type(discount) is int
    else:
        assert (amount, discount) == (Decimal("99.99"), Decimal("0")) and type(amount) is Decimal

    _, [(lat, lng)] = engine.query(sql(engine, "SELECT Lat, Lng FROM Customer WHERE CustID = 10"))
    assert (lat, lng) == (35.6892, 51.389) and type(lat) is float

    _, [(day, stamp, detail)] = engine.query(
        sql(engine, "SELECT EXECUTION_DATE, LAST_UPDATED_TIME, PLAN_DETAIL_ID FROM TARGETED_AND_EXCLUDED_CUSTOMERS")
    )
    assert (day, stamp, detail) == (dt.date(2024, 7, 1), dt.datetime(2024, 7, 1, 8, 30, 15), None)
    assert isinstance(day, dt.date) and not isinstance(day, dt.datetime) and isinstance(stamp, dt.datetime)
    if engine.name == "sqlite":  # ISO text, which equals both the date and the text
        assert (day, stamp) == ("2024-07-01", "2024-07-01 08:30:15") and type(day) is TextDate

    _, [(text,)] = engine.query(sql(engine, "SELECT CustName FROM Customer WHERE CustID = 10"))
    assert text == "Ava's Market; \"Branch\" 2"
    _, [(text,)] = engine.query(sql(engine, "SELECT CustName FROM Customer WHERE CustID = 11"))
    assert text == "Café Öz"


def test_unquoted_source_names_resolve(engine: Engine) -> None:
    engine.load(ROWS)
    columns, rows = engine.query(
        sql(engine, "SELECT CustID, SUM(Amount) AS Total, COUNT(*) AS Invoices FROM Factor GROUP BY CustID")
    )
    # Unquoted names: PostgreSQL folds them to lower case, the others keep them as written.
    as_written = ["CustID", "Total", "Invoices"]
    assert columns == ([c.lower() for c in as_written] if engine.name == "postgres" else as_written)
    expected = [(10, Decimal("1334.49"), 2), (11, Decimal("0.01"), 1)]
    assert_same_rows((columns, rows), (columns, expected), keys=[columns[0]])


def test_quoted_mixed_case_alias_keeps_its_case(engine: Engine) -> None:
    engine.load(ROWS)
    cust_id, name = engine.quote("CustID"), engine.quote("custName")
    engine.execute_script(f"CREATE VIEW v_case AS SELECT CustID AS {cust_id}, CustName AS {name} FROM Customer;")
    columns, rows = engine.query("SELECT * FROM v_case")
    assert columns == ["CustID", "custName"]
    assert sorted(rows) == [(10, "Ava's Market; \"Branch\" 2"), (11, "Café Öz")]


def test_script_creates_then_replaces_a_view(engine: Engine) -> None:
    engine.load(ROWS)
    # Semicolons and a doubled quote inside a literal must not split the script.
    script = """
        DROP VIEW IF EXISTS v_replace;  -- the first run has nothing to drop; a ';' here is a comment
        CREATE VIEW v_replace AS SELECT 'one; two' AS "Note", COUNT(*) AS "N" FROM Factor WHERE Status = '{status}';
    """
    engine.execute_script(sql(engine, script.format(status="final")))
    assert engine.query("SELECT * FROM v_replace") == (["Note", "N"], [("one; two", 2)])
    engine.execute_script(sql(engine, script.format(status="canceled")))
    assert engine.query("SELECT * FROM v_replace") == (["Note", "N"], [("one; two", 1)])


def test_failing_statement_names_itself(engine: Engine) -> None:
    engine.load(ROWS)
    with pytest.raises(EngineError, match="no_such_table"):
        engine.execute_script("CREATE VIEW v_ok AS SELECT 1 AS x; SELECT * FROM no_such_table;")
    assert engine.query("SELECT * FROM v_ok") == (["x"], [(1,)])  # statements before the failure did run


def test_missing_tables_are_created_empty(engine: Engine) -> None:
    engine.load({"Factor": FACTORS[:1]})
    assert engine.query("SELECT SellerID, SellerName, SCID FROM Seller")[1] == []
    assert engine.query("SELECT COUNT(*) FROM Customer")[1] == [(0,)]
    assert engine.query("SELECT COUNT(*) FROM Factor")[1] == [(1,)]


def test_load_starts_a_fresh_namespace(engine: Engine) -> None:
    engine.load(ROWS)
    engine.execute_script("CREATE VIEW v_old AS SELECT CustID FROM Customer;")
    engine.load({"Customer": CUSTOMERS[:1]})
    assert engine.query("SELECT COUNT(*) FROM Customer")[1] == [(1,)]
    with pytest.raises(EngineError):
        engine.query("SELECT * FROM v_old")


def test_schema_qualified_sources(engine: Engine) -> None:
    engine.load(ROWS, schema="sales")
    assert engine.query("SELECT COUNT(*) FROM sales.Factor")[1] == [(3,)]
    if engine.name != "sqlite":  # SQLite also searches attached databases for an unqualified name
        with pytest.raises(EngineError):  # the tables are not in the views' namespace
            engine.query("SELECT COUNT(*) FROM Factor")
    # SQLite: only a TEMP view may read an attached database (https://www.sqlite.org/lang_createview.html).
    create = "CREATE TEMP VIEW" if engine.name == "sqlite" else "CREATE VIEW"
    view = f'{create} v_sales AS SELECT CustID AS "CustID", SUM(Amount) AS "Total" FROM sales.Factor GROUP BY CustID'
    engine.execute_script(sql(engine, view))
    assert_same_rows(
        engine.query("SELECT * FROM v_sales"),
        (["CustID", "Total"], [(10, Decimal("1334.49")), (11, Decimal("0.01"))]),
        keys=["CustID"],
    )


def test_bulk_load(engine: Engine) -> None:
    factors = [
        {"FactorID": i, "CustID": i % 97, "SCID": 1 + i % 4, "SellerID": None if i % 5 == 0 else i % 13,
         "FactorDate": f"2024/{1 + i % 12:02d}/{1 + i % 28:02d}", "Amount": Decimal(i) / 4, "Cost": None,
         "Status": "canceled" if i % 11 == 0 else "final"}
        for i in range(1, 3001)
    ]
    details = [
        {"FactorID": 1 + i // 2, "LineNo": i % 2, "ProductID": i % 50,
         "Qty": Decimal(i % 7) / 8, "UnitPrice": Decimal("9.99")}
        for i in range(3000)
    ]
    engine.load({"Factor": factors, "FactorDetail": details})
    assert_same_rows(
        engine.query(
            sql(engine, 'SELECT COUNT(*) AS "N", SUM(Amount) AS "Total", COUNT(SellerID) AS "Sellers" FROM Factor')
        ),
        (["N", "Total", "Sellers"], [(3000, sum(f["Amount"] for f in factors), 2400)]),
        keys=[],
    )
    assert_same_rows(
        engine.query(sql(engine, 'SELECT COUNT(*) AS "N", SUM(Qty) AS "Qty" FROM FactorDetail')),
        (["N", "Qty"], [(3000, sum(d["Qty"] for d in details))]),
        keys=[],
    )


# ---------------------------------------------------------------- without an engine


def test_split_statements_respects_quotes_and_comments() -> None:
    script = """
        SELECT 'a;b' AS "x;y";  -- trailing ; comment
        /* ; */ SELECT 'it''s';
        ;
        -- only a comment at the end;
    """
    assert split_statements(script, "duckdb") == [
        "SELECT 'a;b' AS \"x;y\"",
        "-- trailing ; comment\n        /* ; */ SELECT 'it''s'",
    ]
    mysql = "SELECT `a;b` FROM t; SELECT 'c\\';d'"
    assert split_statements(mysql, "mysql") == ["SELECT `a;b` FROM t", "SELECT 'c\\';d'"]


def test_reference_schema_is_read_as_written() -> None:
    tables = reference_tables()
    assert len(tables) == 16 and list(tables)[:3] == ["SalesChannel", "CustomerGroup", "Customer"]
    factor = tables["Factor"]
    assert factor.column_names[:2] == ["FactorID", "CustID"]
    assert factor.ddl.rstrip().endswith(")") and "CREATE TABLE Factor (" in factor.ddl
    by_name = {c.name: c for c in factor.columns}
    assert not by_name["FactorID"].nullable and by_name["Cost"].nullable
    assert by_name["Discount"].default == Decimal("0")


def test_translated_ddl_keeps_names_and_nullability() -> None:
    factor = reference_tables()["Factor"]
    spark = spark_ddl(factor)
    assert spark.startswith("CREATE TABLE `Factor` (`FactorID` BIGINT, `CustID` INT,")
    assert "`FactorDate` STRING" in spark and "`Amount` DECIMAL(18, 2)" in spark and spark.endswith("USING PARQUET")
    assert not any(word in spark for word in ("PRIMARY", "NOT NULL", "DEFAULT"))
    clickhouse = clickhouse_ddl(factor)
    assert '"FactorID" Int64, "CustID" Int32' in clickhouse and '"Cost" Nullable(Decimal(18, 2))' in clickhouse
    assert clickhouse.endswith("ENGINE=Memory")
    stamp = clickhouse_ddl(reference_tables()["TARGETED_AND_EXCLUDED_CUSTOMERS"])
    assert '"LAST_UPDATED_TIME" Nullable(DateTime)' in stamp
    assert "TIMESTAMP_NTZ" in spark_ddl(reference_tables()["TARGETED_AND_EXCLUDED_CUSTOMERS"])


def test_row_tuples_check_names_and_not_null() -> None:
    factor = reference_tables()["Factor"]
    with pytest.raises(KeyError, match="custid"):
        factor.row_tuples([{**FACTORS[0], "custid": 1}])
    with pytest.raises(ValueError, match="Amount is NOT NULL"):
        factor.row_tuples([{**FACTORS[0], "Amount": None}])
    [row] = factor.row_tuples([{**FACTORS[1], "Amount": 5}])  # an int for a DECIMAL becomes Decimal
    assert row[5] == Decimal(5) and type(row[5]) is Decimal and row[6] == Decimal("0")


def test_values_equal_rules() -> None:
    assert values_equal(Decimal("3.00"), 3) and values_equal(3.0, 3) and values_equal(1, True)
    assert not values_equal(3.0000001, 3) and not values_equal(Decimal("3.5"), 3)
    assert values_equal(0.1 + 0.2, Decimal("0.3")) and values_equal(100, Decimal("100.00"))
    assert not values_equal(1.0001, Decimal("1"))
    assert values_equal(1e-12, 0.0) and values_equal(float("nan"), float("nan"))
    assert not values_equal(None, 0) and not values_equal("", None) and values_equal(None, None)
    assert not values_equal("1", 1) and not values_equal(dt.datetime(2024, 1, 1), dt.date(2024, 1, 1))
    assert values_equal(dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    assert not values_equal("2024-01-01", dt.date(2024, 1, 1))
    # SQLite's ISO text is both a date and text, never a timestamp.
    sqlite_day, sqlite_stamp = TextDate.parse("2024-01-01"), TextDateTime.parse("2024-01-01 10:00:00")
    assert values_equal(sqlite_day, dt.date(2024, 1, 1)) and values_equal(sqlite_day, "2024-01-01")
    assert not values_equal(sqlite_day, dt.datetime(2024, 1, 1)) and not values_equal(sqlite_day, "2024/01/01")
    assert values_equal(sqlite_stamp, dt.datetime(2024, 1, 1, 10)) and values_equal(sqlite_stamp, "2024-01-01 10:00:00")
    assert not values_equal(sqlite_stamp, dt.date(2024, 1, 1)) and sqlite_day != "2024-01-02"


def test_assert_same_rows_sorts_and_reports() -> None:
    expected = (["K", "V"], [(None, "n"), (1, Decimal("1.10")), (2, Decimal("2.20"))])
    assert_same_rows((["K", "V"], [(2, 2.2), (None, "n"), (1, 1.1)]), expected, keys=["K"])
    with pytest.raises(AssertionError, match=r"columns differ"):
        assert_same_rows((["k", "V"], []), (["K", "V"], []), keys=["K"])
    with pytest.raises(AssertionError) as failure:
        assert_same_rows((["K", "V"], [(1, 1.1), (2, 2.25), (None, "n")]), expected, keys=["K"])
    assert "1 of 3 paired rows differ" in str(failure.value) and "V: 2.25 != Decimal('2.20')" in str(failure.value)
    with pytest.raises(AssertionError) as failure:
        assert_same_rows((["K", "V"], [(1, 1.1), (None, "n")]), expected, keys=["K"])
    assert "row counts differ: actual 2, expected 3" in str(failure.value)
    assert "only in expected: [(2,)]" in str(failure.value)
    assert "paired rows differ" not in str(failure.value)  # rows are paired by key, not by position
    with pytest.raises(AssertionError) as failure:
        assert_same_rows((["K", "V"], [(1, 1.1), (3, "x")]), (["K", "V"], [(1, 1.2), (2, "y"), (3, "x")]), keys=["K"])
    assert "only in expected: [(2,)]" in str(failure.value) and "1 of 2 paired rows differ" in str(failure.value)
