"""`semview apply` and `semview diff` against real databases: DuckDB and SQLite files, a
PostgreSQL server and a MariaDB server.

What is checked, on each engine: the created/replaced/unchanged report; a failure half
way (all or nothing where DDL is transactional, stop-and-report on MariaDB); drift after
a manual change to a deployed view; a clean diff after apply; passwords never printed.
The database is read back with the driver directly, not through semview's own code.
"""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, urlsplit

import duckdb
import pytest
import sqlglot
from click.testing import CliRunner
from sqlglot import exp

from semview.cli import main
from semview.dburl import parse_url
from semview.generator.compile import load_catalog

from .harness import reference_tables

ENGINES = ["duckdb", "sqlite", "postgres", "mysql"]
TRANSACTIONAL = {"duckdb", "sqlite", "postgres"}
REGISTRY = "semview_deployments"

# A new view, declared first in path order, and a view reading a table the database
# does not have, declared last: applied together, the new view is created before the
# broken one fails.
NEW_VIEW = """\
views:
  - name: VW_NEW_CHANNELS
    description: The sales channels (a view the first apply did not have).
    from: SalesChannel
    columns:
      - column: SCID
      - column: SCName
"""
BROKEN_VIEW = """\
sources:
  - name: FactorArchive
    description: Archived invoices; the test databases have no such table.
    columns:
      FactorID: bigint
      Amount: decimal(18,2)
views:
  - name: VW_ARCHIVE
    description: Reads a table that does not exist.
    from: FactorArchive
    columns:
      - column: FactorID
      - column: Amount
"""
# The engine's own words for "no such table", as each reports it.
NO_TABLE = {"duckdb": "FactorArchive does not exist", "sqlite": "no such table",
            "postgres": 'relation "factorarchive" does not exist', "mysql": "doesn't exist"}


@dataclass
class Target:
    """A database to apply to, with the driver's own connection for checking it."""

    name: str
    url: str
    schema: str
    connect: Callable[[], Any]

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        con = self.connect()
        try:
            cursor = con.cursor()
            cursor.execute(sql, params) if params else cursor.execute(sql)
            return [tuple(r) for r in cursor.fetchall()] if cursor.description else []
        finally:
            if self.name != "duckdb":  # DuckDB's connection commits each statement itself
                con.commit()
            con.close()

    def script(self, sql: str) -> None:
        """Statements written for DuckDB, run here in this engine's spelling."""
        for statement in sqlglot.transpile(sql, read="duckdb", write=self.name):
            self.query(statement)

    def views(self) -> dict[str, str]:
        queries = {
            "duckdb": ("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND schema_name = ?",
                       (self.schema,)),
            "sqlite": ("SELECT name, sql FROM sqlite_master WHERE type = 'view'", ()),
            "postgres": ("SELECT viewname, definition FROM pg_views WHERE schemaname = %s", (self.schema,)),
            "mysql": ("SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = %s",
                      (self.schema,)),
        }
        sql, params = queries[self.name]
        return dict(self.query(sql, params))

    def registry(self) -> list[tuple]:
        return sorted(self.query(f"SELECT view_name, sql_hash, engine_definition_hash FROM {REGISTRY}"))

    def quoted(self, name: str) -> str:
        return exp.to_identifier(name, quoted=True).sql(dialect=self.name)


@pytest.fixture
def target(engine, tmp_path: Path) -> Target:
    """The reference schema, empty, in a fresh database (file) or namespace (server)."""
    if engine.name in ("duckdb", "sqlite"):
        path = tmp_path / f"warehouse.{engine.name}"
        con = duckdb.connect(str(path)) if engine.name == "duckdb" else sqlite3.connect(path)
        for table in reference_tables().values():
            con.execute(table.ddl)
        con.commit()
        con.close()
        connect = (lambda: duckdb.connect(str(path))) if engine.name == "duckdb" else (lambda: sqlite3.connect(path))
        return Target(engine.name, f"{engine.name}:///{path}", "main", connect)
    engine.load({})
    args = dict(engine._server.connect_args)
    if engine.name == "postgres":
        import psycopg

        # The views go to the namespace, and read the tables there: both through the search_path.
        url = (f"postgresql://{args['user']}@{args['host']}:{args['port']}/{args['dbname']}"
               f"?options=-csearch_path%3D{engine.namespace}")
        return Target("postgres", url, engine.namespace,
                      lambda: psycopg.connect(**args, options=f"-csearch_path={engine.namespace}"))
    import pymysql

    url = f"mysql://{args['user']}@{args['host']}:{args['port']}/{engine.namespace}"
    return Target("mysql", url, engine.namespace, lambda: pymysql.connect(**args, database=engine.namespace))


def cli(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def ok(*args: str):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result


def statuses(output: str) -> dict[str, str]:
    """{view: created|replaced|unchanged} from apply's report lines."""
    out = {}
    for line in output.splitlines():
        parts = line.split()
        if line.startswith("  ") and len(parts) >= 2 and parts[0] in ("created", "replaced", "unchanged"):
            out[parts[1]] = parts[0]
    return out


def catalog_views(project: Path, *vars_: str) -> list[str]:
    variables = dict(v.split("=", 1) for v in vars_)
    return list(load_catalog(project, variables).view_order)


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_apply_then_unchanged_then_clean_diff(target: Target, project: Path) -> None:
    names = catalog_views(project)
    first = cli("apply", str(project), "--url", target.url, "--as-of", "2024-06-30")
    assert first.exit_code == 0, first.output
    assert statuses(first.stdout) == {n: "created" for n in names}
    assert set(names) <= set(target.views())
    for name in names:  # every view reads on the engine
        target.query(f"SELECT COUNT(*) FROM {target.quoted(name)}")
    assert [row[0] for row in target.registry()] == sorted(names)

    second = cli("apply", str(project), "--url", target.url, "--as-of", "2024-06-30")
    assert second.exit_code == 0, second.output
    assert statuses(second.stdout) == {n: "unchanged" for n in names}
    assert f"0 created, 0 replaced, {len(names)} unchanged" in second.stdout

    clean = cli("diff", str(project), "--url", target.url, "--as-of", "2024-06-30")
    assert clean.exit_code == 0, clean.output
    assert "no drift" in clean.stdout

    # Other compile options are another definition: replaced, and drift until applied.
    drift = cli("diff", str(project), "--url", target.url, "--as-of", "2024-06-30", "--var", "window_days=30")
    assert drift.exit_code == 1, drift.output
    assert "changed  CustomerPotentialAnalyticsView" in drift.stdout
    assert "the catalog generates a different definition" in drift.stdout
    third = cli("apply", str(project), "--url", target.url, "--as-of", "2024-06-30", "--var", "window_days=30")
    assert statuses(third.stdout)["CustomerPotentialAnalyticsView"] == "replaced"
    assert "(the catalog changed)" in third.stdout


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_missing_and_extra_views(target: Target, project: Path) -> None:
    (project / "metrics" / "00_new.yml").write_text(NEW_VIEW)
    before = cli("diff", str(project), "--url", target.url)
    assert before.exit_code == 1
    assert "missing  VW_NEW_CHANNELS" in before.stdout

    ok("apply", str(project), "--url", target.url)
    (project / "metrics" / "00_new.yml").unlink()
    after = cli("diff", str(project), "--url", target.url)
    assert after.exit_code == 1, after.output
    assert "extra    VW_NEW_CHANNELS" in after.stdout
    assert "no longer in the catalog" in after.stdout
    assert after.stdout.rstrip().endswith("semview: drift: 1 extra")


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_dry_run_changes_nothing(target: Target, project: Path) -> None:
    result = cli("apply", str(project), "--url", target.url, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "dry run" in result.stdout and "would be created" in result.stdout
    assert target.views() == {}
    tables = {"sqlite": ("SELECT name FROM sqlite_master", ()),
              "duckdb": ("SELECT table_name FROM information_schema.tables", ()),
              "postgres": ("SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                           (target.schema,)),
              "mysql": ("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s", (target.schema,))}
    names = [row[0] for row in target.query(*tables[target.name])]
    assert "Factor" in names or "factor" in names  # the query sees the schema's tables
    assert REGISTRY not in names


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_failure_half_way(target: Target, project: Path) -> None:
    ok("apply", str(project), "--url", target.url, "--as-of", "2024-06-30")
    views_before, registry_before = target.views(), target.registry()

    (project / "metrics" / "00_new.yml").write_text(NEW_VIEW)
    (project / "views" / "zz_broken.yml").write_text(BROKEN_VIEW)
    order = catalog_views(project)
    # The new view and a replaced one come before the failing one, so there is something to undo.
    assert order.index("VW_NEW_CHANNELS") < order.index("CustomerPotentialAnalyticsView") < order.index("VW_ARCHIVE")
    failed = cli("apply", str(project), "--url", target.url, "--as-of", "2024-06-30", "--var", "window_days=30")
    assert failed.exit_code == 1, failed.output
    assert "error[SV410]: view 'VW_ARCHIVE' failed on" in failed.stderr
    assert NO_TABLE[target.name] in failed.stderr
    assert "views/zz_broken.yml:" in failed.stderr  # where the view is declared

    after = target.views()
    if target.name in TRANSACTIONAL:
        assert "rolled back: no view was changed" in failed.stderr
        assert after == views_before  # previously applied definitions intact, new views absent
        assert target.registry() == registry_before
    else:
        assert "cannot roll back DDL" in failed.stderr
        assert "already applied: " in failed.stderr and "VW_NEW_CHANNELS (created)" in failed.stderr
        assert "CustomerPotentialAnalyticsView (replaced)" in failed.stderr
        assert "not applied: VW_ARCHIVE" in failed.stderr
        assert "VW_NEW_CHANNELS" in after and "VW_ARCHIVE" not in after
        assert after["CustomerPotentialAnalyticsView"] != views_before["CustomerPotentialAnalyticsView"]


MANUAL_CHANGE = """
DROP VIEW "VW_SENT_CAMPAIGNS";
CREATE VIEW "VW_SENT_CAMPAIGNS" AS
SELECT EXECUTION_DATE AS "EXECUTION_DATE", CAST(PLAN_ID AS VARCHAR(20)) AS "PLAN_ID", 1 AS "Added"
FROM TARGETED_AND_EXCLUDED_CUSTOMERS
"""


@pytest.mark.parametrize("engine", ENGINES, indirect=True)
def test_manual_change_is_drift_until_applied_again(target: Target, project: Path) -> None:
    ok("apply", str(project), "--url", target.url)
    target.script(MANUAL_CHANGE)

    drift = cli("diff", str(project), "--url", target.url)
    assert drift.exit_code == 1, drift.output
    out = drift.stdout
    assert "changed  VW_SENT_CAMPAIGNS" in out
    assert "changed in the database since semview applied it" in out
    assert "removed CLIENT_CUSTOMER_ID" in out and "removed TAG_NAMES" in out
    assert "added Added" in out
    if target.name != "sqlite":  # SQLite gives a view column of an expression no type
        assert "retyped PLAN_ID:" in out
    assert out.rstrip().endswith("semview: drift: 1 changed")

    again = cli("apply", str(project), "--url", target.url)
    assert again.exit_code == 0, again.output
    assert statuses(again.stdout)["VW_SENT_CAMPAIGNS"] == "replaced"
    assert "changed in the database since semview applied it" in again.stdout
    assert cli("diff", str(project), "--url", target.url).exit_code == 0


@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_postgres_view_outside_the_catalog_blocks_a_column_change(target: Target, project: Path) -> None:
    """PostgreSQL must drop a view to change its columns; a foreign reader stops that, and
    the apply rolls back with the engine's reason."""
    ok("apply", str(project), "--url", target.url)
    target.script(MANUAL_CHANGE)
    target.query(f'CREATE VIEW {target.schema}.report AS SELECT * FROM {target.schema}."VW_SENT_CAMPAIGNS"')
    before = target.views()
    failed = cli("apply", str(project), "--url", target.url)
    assert failed.exit_code == 1
    assert "view 'VW_SENT_CAMPAIGNS' failed on PostgreSQL" in failed.stderr
    assert "other objects depend on it" in failed.stderr and "view report depends on" in failed.stderr
    assert target.views() == before


@pytest.mark.parametrize("engine", ["postgres", "mysql"], indirect=True)
def test_passwords_are_never_printed(target: Target, project: Path, tmp_path: Path) -> None:
    secret = "Sv-s3cret:p@ss/word"
    user = "semview_app"
    if target.name == "mysql":
        for host in ("%", "localhost", "127.0.0.1"):
            target.query(f"CREATE USER IF NOT EXISTS '{user}'@'{host}' IDENTIFIED BY '{secret}'")
            target.query(f"GRANT ALL ON {target.schema}.* TO '{user}'@'{host}'")
    else:  # the test server trusts every local connection: the password is sent, not checked
        target.query(f"CREATE ROLE {user} LOGIN SUPERUSER PASSWORD '{secret}'")
    base = urlsplit(target.url)
    with_password = target.url.replace(f"//{base.username}@", f"//{user}:{quote(secret, safe='')}@")
    without_password = target.url.replace(f"//{base.username}@", f"//{user}@")

    runs = [
        run("apply", str(project), "--url", with_password, cwd=tmp_path),
        run("diff", str(project), "--url", with_password, cwd=tmp_path),
        run("apply", str(project), "--url", without_password, "--dry-run", cwd=tmp_path,
            env={"SEMVIEW_DB_PASSWORD": secret}),
        run("apply", str(project), "--url", without_password, "--dry-run", cwd=tmp_path,
            env={"PGPASSWORD" if target.name == "postgres" else "MYSQL_PWD": secret}),
    ]
    for proc in runs:
        assert proc.returncode == 0, proc.stderr
    assert f"{user}:***@" in runs[0].stdout

    # Failures: a view that fails, a wrong password, a refused connection.
    (project / "views" / "zz_broken.yml").write_text(BROKEN_VIEW)
    failures = [run("apply", str(project), "--url", with_password, cwd=tmp_path)]
    if target.name == "mysql":  # the server checks passwords: the environment's must have been used
        wrong = run("apply", str(project), "--url", without_password, cwd=tmp_path,
                    env={"SEMVIEW_DB_PASSWORD": secret + "-wrong"})
        assert wrong.returncode == 2 and "Access denied" in wrong.stderr
        failures.append(wrong)
    refused = with_password.replace(f":{base.port}/", ":1/")
    failures.append(run("diff", str(project), "--url", refused, cwd=tmp_path))
    failures.append(run("apply", str(project), "--url", "oracle://x:" + quote(secret, safe="") + "@h/db",
                        cwd=tmp_path))
    for proc in failures:
        assert proc.returncode in (1, 2), proc.stderr
        assert "error[" in proc.stderr and "Traceback" not in proc.stderr
    for proc in runs + failures:
        for form in (secret, quote(secret, safe=""), quote(secret)):
            assert form not in proc.stdout + proc.stderr


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("PGPASSWORD", "MYSQL_PWD", "SEMVIEW_DB_PASSWORD")}
    return subprocess.run([sys.executable, "-m", "semview.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**clean, **(env or {})}, timeout=300)


def test_urls_are_masked_and_parsed() -> None:
    url = parse_url("postgresql://app:p%40ss%3Aw0rd@db.example:5433/dw?options=-csearch_path%3Dsales",
                    environ={})
    assert (url.engine, url.host, url.port, url.user, url.password, url.database) == \
        ("postgres", "db.example", 5433, "app", "p@ss:w0rd", "dw")
    assert url.shown == "postgresql://app:***@db.example:5433/dw?options=-csearch_path%3Dsales"
    assert url.params == (("options", "-csearch_path=sales"),)
    assert url.redact("FATAL: password p@ss:w0rd or p%40ss%3Aw0rd rejected") == "FATAL: password *** or *** rejected"

    from_env = parse_url("mysql://app@db/dw", environ={"MYSQL_PWD": "envsecret", "SEMVIEW_DB_PASSWORD": ""})
    assert from_env.password == "envsecret" and from_env.shown == "mysql://app@db/dw"
    assert from_env.redact("oops envsecret") == "oops ***"
    preferred = parse_url("mysql://app@db/dw", environ={"MYSQL_PWD": "a-one", "SEMVIEW_DB_PASSWORD": "b-two"})
    assert preferred.password == "b-two"

    assert parse_url("duckdb:///rel/w.duckdb", environ={}).path == Path("rel/w.duckdb")
    assert parse_url("sqlite:////abs/w.db", environ={}).path == Path("/abs/w.db")
    assert parse_url("mariadb://u@h:3307/d", environ={}).engine == "mysql"
