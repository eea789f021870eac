"""CDP field mappings: bad mappings, and `semview mappings import` from CSV and databases."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import semview
from semview.cli import main

MAPPING = "metrics/customer_profile_fields.yml"


def _edit(project: Path, old: str, new: str, at: str, offset: int = 0) -> tuple[str, int, int]:
    path = project / MAPPING
    text = path.read_text()
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text)
    index = text.index(at) + offset
    return f"proj/{MAPPING}", text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


BAD = [
    ("alias-twice-ignoring-case", "alias: PREFERRED_CHANNEL", "alias: country", "SV140", "country"),
    ("generic-column-twice", "{field: STR3,", "{field: STR2,", "SV141", "STR2, alias: country"),
    ("unknown-generic-column", "{field: STR12,", "{field: STR99,", "SV142", "STR99"),
    ("alias-is-a-key", "alias: CUSTOMER_TIER", "alias: profile_date", "SV143", "profile_date"),
    ("bad-field-type", "alias: LIFETIME_VALUE, type: number", "alias: LIFETIME_VALUE, type: money", "SV144",
     "money"),
    ("type-does-not-fit-column", "alias: CUSTOMER_TIER, type: string", "alias: CUSTOMER_TIER, type: number",
     "SV145", "STR12"),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_mapping(project: Path, case) -> None:
    _, old, new, code, at = case
    if case[0] == "generic-column-twice":  # two edits: STR3 -> STR2 keeps its own alias
        old, new, at = "{field: STR3,", "{field: STR2,", "STR2, alias: PREFERRED_CHANNEL"
    where, line, col = _edit(project, old, new, at)
    result = CliRunner().invoke(main, ["validate", "proj"])
    assert result.exit_code == 1
    assert f"{where}:{line}:{col}: error[{code}]" in result.output, result.output
    assert "hint:" in result.output


def _csv(path: Path, rows: list[tuple]) -> Path:
    lines = ["FIELD_NAME,ALIAS_FIELD_NAME,FIELD_TYPE,DESCRIPTION"]
    lines += [",".join(f'"{v}"' if v and ("," in v or '"' in v) else (v or "") for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


FIELDS = [("FIELD153", "LIFETIME_VALUE", "number", None), ("STR1", "COUNTRY_CODE", "string", "ISO 3166 code"),
          ("FIELD1", "ECOM_TOTAL_GROSS_SALES_AMOUNT", "number", None), ("FIELD2", "ECOM_TOTAL_NET_SALES_AMOUNT", "number", ""),
          ("FIELD3", "ECOM_TOTAL_REFUND_AMOUNT", "number", None), ("FIELD4", "ECOM_NUMBER_OF_ORDER_DAYS", "number", None),
          ("FIELD5", "ECOM_NUMBER_OF_ORDERS", "number", None), ("FIELD6", "NUMBEROFCAMPAIGNS_1M", "number", None)]


def test_import_from_csv_keeps_order_descriptions_and_reports_changes(project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["mappings", "import", "proj", "--from-csv", str(_csv(tmp_path / "f.csv", FIELDS))])
    assert result.exit_code == 0, result.output
    assert "renamed: STR1: COUNTRY -> COUNTRY_CODE" in result.output
    assert "removed: STR12 (CUSTOMER_TIER)" in result.output and "added:" not in result.output
    views = {v.name: v for v in semview.compile_project(project, "duckdb")}
    real = views["VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES"]
    assert [c.name for c in real.columns] == ["PROFILE_DATE", "CLIENT_CUSTOMER_ID", *(f[1] for f in FIELDS)]
    descriptions = {c.name: c.description for c in real.columns}
    assert descriptions["COUNTRY_CODE"] == "ISO 3166 code"  # from the CSV
    assert descriptions["LIFETIME_VALUE"] == "Predicted lifetime value of the customer."  # kept from the YAML


def test_import_refuses_what_the_catalog_would_refuse(project: Path, tmp_path: Path) -> None:
    before = (project / MAPPING).read_bytes()
    bad = _csv(tmp_path / "bad.csv", [("STR1", "COUNTRY", "string", None), ("STR2", "Country", "string", None)])
    result = CliRunner().invoke(main, ["mappings", "import", "proj", "--from-csv", str(bad)])
    assert result.exit_code == 1 and "bad.csv:3:1: error[SV140]" in result.output
    # dropping fields that other views use breaks the catalog: refused, nothing written
    few = _csv(tmp_path / "few.csv", [("STR1", "COUNTRY", "string", None)])
    result = CliRunner().invoke(main, ["mappings", "import", "proj", "--from-csv", str(few)])
    assert result.exit_code == 1 and "VW_CUSTOMER_MARKETING_IMPACT" in result.output
    assert (project / MAPPING).read_bytes() == before


def _field_table(con, table: str = "CUSTOMER_PROFILE_FIELDS") -> None:
    con.execute(f"CREATE TABLE {table} (FIELD_NAME VARCHAR(64), ALIAS_FIELD_NAME VARCHAR(128), "
                "FIELD_TYPE VARCHAR(16), DESCRIPTION VARCHAR(500))")


TABLE_ROWS = [("FIELD6", "NUMBEROFCAMPAIGNS_1M", "number", None), ("FIELD1", "ECOM_TOTAL_GROSS_SALES_AMOUNT", "number", None),
              ("STR12", "TIER", "string", "Loyalty tier"), ("FIELD5", "ECOM_NUMBER_OF_ORDERS", "number", None),
              ("STR2", "LIFECYCLE_STAGE", "string", None), ("FIELD2", "ECOM_TOTAL_NET_SALES_AMOUNT", "number", None),
              ("FIELD3", "ECOM_TOTAL_REFUND_AMOUNT", "number", None), ("FIELD4", "ECOM_NUMBER_OF_ORDER_DAYS", "number", None),
              ("FIELD11", "ECOM_NUMBER_OF_ORDERS_1M", "number", None)]
TABLE_ORDER = ["TIER" if a == "TIER" else a for a in
               ["LIFECYCLE_STAGE", "TIER", "ECOM_TOTAL_GROSS_SALES_AMOUNT", "ECOM_TOTAL_NET_SALES_AMOUNT",
                "ECOM_TOTAL_REFUND_AMOUNT", "ECOM_NUMBER_OF_ORDER_DAYS", "ECOM_NUMBER_OF_ORDERS",
                "NUMBEROFCAMPAIGNS_1M", "ECOM_NUMBER_OF_ORDERS_1M"]]  # STR by number, then FIELD by number


@pytest.mark.parametrize("kind", ["duckdb", "sqlite"])
def test_import_from_database_file_orders_str_then_field(project: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"cdp.{kind}"
    con = duckdb.connect(str(path)) if kind == "duckdb" else sqlite3.connect(path)
    _field_table(con)
    con.executemany("INSERT INTO CUSTOMER_PROFILE_FIELDS VALUES (?, ?, ?, ?)", TABLE_ROWS)
    con.commit() if kind == "sqlite" else None
    con.close()
    result = CliRunner().invoke(main, ["mappings", "import", "proj", "--from-db", f"{kind}:///{path}"])
    assert result.exit_code == 0, result.output
    assert "renamed: STR12: CUSTOMER_TIER -> TIER" in result.output
    real = {v.name: v for v in semview.compile_project(project, "duckdb")}["VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES"]
    assert [c.name for c in real.columns][2:] == TABLE_ORDER


def test_import_errors_are_clear(project: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["mappings", "import", "proj", "--from-db", f"sqlite:///{tmp_path}/none.db"])
    assert result.exit_code == 2 and "error[SV202]" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["mappings", "import", "proj", "--from-db", "oracle://x/y"])
    assert result.exit_code == 2 and "unsupported database URL scheme" in result.output
    assert runner.invoke(main, ["mappings", "import", "proj"]).exit_code == 2
