"""Source tables where the schema's creator put them, views where the user wants them.

- `schema: sales` on every source and `--schema analytics` for the views, on every engine;
- a source created with quoted, case-sensitive names (`quoted: true`), which an
  unquoted reference could not find on PostgreSQL (it folds to lower case).
"""
from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import sqlglot
from sqlglot import exp

import semview
from tests.datagen import random_tables
from tests.engines.compare import assert_same_rows
from tests.reference.catalog import REFERENCES

REPO = Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2024, 6, 30)
SCHEMA_DDL = {"duckdb": "CREATE SCHEMA {}", "postgres": "CREATE SCHEMA {}", "mysql": "CREATE DATABASE {}",
              "spark": "CREATE DATABASE {}", "clickhouse": "CREATE DATABASE {}"}


def _qualified_catalog(tmp: Path, schema: str) -> Path:
    for folder in ("metrics", "views"):
        shutil.copytree(REPO / folder, tmp / folder)
    for name in ("sources.yml", "customer_360.yml"):
        path = tmp / "metrics" / name
        path.write_text(re.sub(r"^(  - name: \w+\n)", rf"\1    schema: {schema}\n", path.read_text(), flags=re.M))
    return tmp


def _name(engine, *parts: str) -> str:
    return exp.Table(this=exp.to_identifier(parts[-1], quoted=True),
                     db=exp.to_identifier(parts[0], quoted=True) if len(parts) > 1 else None
                     ).sql(dialect=engine.sqlglot_dialect)


def test_schema_qualified_sources_and_target_schema(engine, tmp_path) -> None:
    tables = random_tables(5, as_of=AS_OF)
    engine.load(tables, schema="sales")
    if engine.name == "sqlite":
        # A SQLite view may only read tables of its own database, so it lives beside them.
        target = "sales"
    else:
        target = f"analytics_{engine.namespace}"
        engine.execute_script(SCHEMA_DDL[engine.name].format(target))
    views = semview.compile_project(_qualified_catalog(tmp_path, "sales"), engine.name, as_of=AS_OF, schema=target)
    names = {v.name for v in views}
    assert all("sales" in v.sql for v in views if set(v.dependencies) - names)  # reads a source table
    for view in views:
        engine.execute_script(view.sql)
    for view in views:
        actual = engine.query(f"SELECT * FROM {_name(engine, target, view.name)}")
        keys = [c.name for c in view.columns if c.kind == "entity"] or [c.name for c in view.columns]
        assert_same_rows(actual, REFERENCES[view.name](tables, AS_OF, {}), keys)


QUOTED_CATALOG = """
sources:
  - name: Ledger
    table: LedgerEntries
    quoted: true
    time: BookedOn
    columns:
      CustKey: integer
      Amount: double
      BookedOn: {type: date, format: YYYY-MM-DD}
entities:
  - {name: customer, column: CustKey, type: integer, keys: {Ledger: CustKey}}
metrics:
  - {name: Entries, source: Ledger, agg: count, default: 0}
  - {name: Total, source: Ledger, agg: sum, expr: Amount}
  - {name: LastBooked, source: Ledger, agg: max, expr: BookedOn, as_text: true}
"""
QUOTED_VIEW = """
views:
  - name: LedgerSummary
    grain: [customer]
    columns: [{entity: customer}, {metric: Entries}, {metric: Total}, {metric: LastBooked}]
"""


def test_source_created_with_quoted_names(engine, tmp_path) -> None:
    (tmp_path / "metrics").mkdir()
    (tmp_path / "views").mkdir()
    (tmp_path / "metrics" / "ledger.yml").write_text(QUOTED_CATALOG)
    (tmp_path / "views" / "ledger.yml").write_text(QUOTED_VIEW)
    engine.load({})
    ddl = sqlglot.parse_one('CREATE TABLE "LedgerEntries" ("CustKey" INT, "Amount" DOUBLE, "BookedOn" VARCHAR(10))',
                            read="postgres").sql(dialect=engine.sqlglot_dialect)
    ddl += {"spark": " USING parquet", "clickhouse": " ENGINE = Memory"}.get(engine.name, "")
    rows = [(1, 10.5, "2024-06-01"), (1, 4.5, "2024-06-30"), (2, 1.0, "2024-05-02"), (2, 7.0, "2024-07-01")]
    insert = sqlglot.parse_one('INSERT INTO "LedgerEntries" ("CustKey", "Amount", "BookedOn") VALUES '
                               + ", ".join(f"({k}, {a}, '{d}')" for k, a, d in rows), read="postgres")
    engine.execute_script(ddl + ";\n" + insert.sql(dialect=engine.sqlglot_dialect))
    view = semview.compile_project(tmp_path, engine.name, as_of=AS_OF)[0]
    engine.execute_script(view.sql)
    actual = engine.query(f"SELECT * FROM {_name(engine, 'LedgerSummary')}")
    # the 2024-07-01 row is after the as-of date
    expected = (["CustKey", "Entries", "Total", "LastBooked"], [(1, 2, 15.0, "2024-06-30"), (2, 1, 1.0, "2024-05-02")])
    assert_same_rows(actual, expected, ["CustKey"])
