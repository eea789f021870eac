"""`semview mappings import --from-db` against a live PostgreSQL server."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

import semview
from semview.cli import main

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_import_from_live_postgres(engine, tmp_path: Path, monkeypatch) -> None:
    for folder in ("metrics", "views"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    engine.load({"CUSTOMER_PROFILE_FIELDS": [
        {"FIELD_NAME": f, "ALIAS_FIELD_NAME": a, "FIELD_TYPE": t, "DESCRIPTION": d} for f, a, t, d in [
            ("FIELD5", "ECOM_NUMBER_OF_ORDERS", "number", None),
            ("FIELD1", "ECOM_TOTAL_GROSS_SALES_AMOUNT", "number", "Gross sales, all time"),
            ("STR3", "PREFERRED_CHANNEL", "string", None),
            ("FIELD4", "ECOM_NUMBER_OF_ORDER_DAYS", "number", None),
            ("FIELD2", "ECOM_TOTAL_NET_SALES_AMOUNT", "number", None),
            ("FIELD3", "ECOM_TOTAL_REFUND_AMOUNT", "number", None),
            ("FIELD10", "ORDER_DAYS_LAST_MONTH", "number", None),
            ("STR1", "COUNTRY", "string", None),
        ]]})
    args = engine.connect_args
    url = f"postgresql://{quote(args['user'])}@{args['host']}:{args['port']}/{args['dbname']}"
    table = f"{engine.namespace}.CUSTOMER_PROFILE_FIELDS"  # created unquoted: PostgreSQL folds it
    result = CliRunner().invoke(main, ["mappings", "import", "--from-db", url, "--table", table])
    assert result.exit_code == 0, result.output
    assert "renamed: FIELD10: ECOM_NUMBER_OF_ORDER_DAYS_1M -> ORDER_DAYS_LAST_MONTH" in result.output
    assert "removed: FIELD153 (LIFETIME_VALUE)" in result.output
    real = {v.name: v for v in semview.compile_project(tmp_path, "postgres")}["VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES"]
    assert [(c.name, c.ref) for c in real.columns][2:] == [
        ("COUNTRY", "STR1"), ("PREFERRED_CHANNEL", "STR3"), ("ECOM_TOTAL_GROSS_SALES_AMOUNT", "FIELD1"),
        ("ECOM_TOTAL_NET_SALES_AMOUNT", "FIELD2"), ("ECOM_TOTAL_REFUND_AMOUNT", "FIELD3"),
        ("ECOM_NUMBER_OF_ORDER_DAYS", "FIELD4"), ("ECOM_NUMBER_OF_ORDERS", "FIELD5"),
        ("ORDER_DAYS_LAST_MONTH", "FIELD10")]
    assert {c.name: c.description for c in real.columns}["ECOM_TOTAL_GROSS_SALES_AMOUNT"] == "Gross sales, all time"
