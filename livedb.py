"""A live database behind one small API: transactions, statements, and its catalog of views.

One class per engine holds only what differs there: the driver, how to read the stored
definition and columns of a view, and whether DDL is transactional. `open_database`
connects from a `DatabaseURL`; every message leaving here has its password masked.

    with open_database(parse_url("duckdb:///warehouse.duckdb")) as db:
        db.views("main")          # {'CustomerPotentialAnalyticsView': 'CREATE VIEW ...'}
"""
from __future__ import annotations

import contextlib
import sqlite3
from abc import ABC, abstractmethod
from typing import Any, ClassVar, Iterator, Sequence
from urllib.parse import quote

from sqlglot import exp

from .dburl import DatabaseURL, usage_error


class ShapeChanged(Exception):
    """CREATE OR REPLACE VIEW refused a view whose columns change; it must be dropped first."""


class LiveDatabase(ABC):
    """One open connection. Statements run in autocommit unless `begin()` was called."""

    title: ClassVar[str]  # the engine's name for messages
    sqlglot_dialect: ClassVar[str]
    transactional_ddl: ClassVar[bool] = True  # CREATE/DROP VIEW can be rolled back
    schema_hint: ClassVar[str] = "create it first, or pass an existing --schema"
    errors: tuple[type[BaseException], ...] = ()  # the driver's errors (anything else is a bug)

    def __init__(self, url: DatabaseURL, read_only: bool = False) -> None:
        self.url = url
        self.read_only = read_only  # file engines open the file read-only (no write lock)
        self._conn: Any = None

    # -- connection and transactions -------------------------------------------------

    @abstractmethod
    def connect(self) -> None: ...

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def begin(self) -> None:
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def execute(self, sql: str) -> None:
        self._conn.execute(sql)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(row) for row in self._conn.execute(sql, tuple(params)).fetchall()]

    def message(self, exc: BaseException) -> str:
        """The engine's own message, on one line, without the password."""
        lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
        return self.url.redact(lines[0] if lines else type(exc).__name__)

    @contextlib.contextmanager
    def reading_views(self) -> Iterator[None]:
        """A driver error while reading what is deployed becomes one clear usage error."""
        try:
            yield
        except self.errors as exc:
            raise usage_error(f"cannot read the views of {self.url.shown}: {self.message(exc)}",
                              "check the privileges of the database user") from None

    # -- the catalog ----------------------------------------------------------------

    @abstractmethod
    def default_schema(self) -> str:
        """Where an unqualified CREATE VIEW goes."""

    @abstractmethod
    def schema_exists(self, schema: str) -> bool: ...

    @abstractmethod
    def views(self, schema: str) -> dict[str, str]:
        """Every view of `schema` and its definition as the engine stores it."""

    @abstractmethod
    def columns(self, schema: str, name: str) -> tuple[tuple[str, str], ...]:
        """(name, type) of each column of a table or view, in order."""

    @abstractmethod
    def table_exists(self, schema: str, name: str) -> bool: ...

    def create_view(self, statements: Sequence[str]) -> None:
        """Run the statements that (re)create one view."""
        for statement in statements:
            self.execute(statement)

    def table(self, schema: str, name: str) -> exp.Table:
        return exp.Table(this=exp.to_identifier(name, quoted=True), db=exp.to_identifier(schema, quoted=True))

    def sql(self, expression: exp.Expression) -> str:
        return expression.sql(dialect=self.sqlglot_dialect)


class DuckDBDatabase(LiveDatabase):
    title = "DuckDB"
    sqlglot_dialect = "duckdb"
    schema_hint = "create it first (CREATE SCHEMA name), or pass an existing --schema"

    def connect(self) -> None:
        import duckdb

        self.errors = (duckdb.Error,)
        _require_file(self.url)
        self._conn = duckdb.connect(str(self.url.path), read_only=self.read_only)

    def default_schema(self) -> str:
        return self.query("SELECT current_schema()")[0][0]

    def schema_exists(self, schema: str) -> bool:
        return bool(self.query("SELECT 1 FROM duckdb_schemas() WHERE database_name = current_database() "
                               "AND schema_name = ?", (schema,)))

    def views(self, schema: str) -> dict[str, str]:
        return dict(self.query("SELECT view_name, sql FROM duckdb_views() WHERE database_name = current_database() "
                               "AND schema_name = ? AND NOT internal ORDER BY view_name", (schema,)))

    def columns(self, schema: str, name: str) -> tuple[tuple[str, str], ...]:
        return tuple(self.query("SELECT column_name, data_type FROM information_schema.columns WHERE "
                                "table_catalog = current_database() AND table_schema = ? AND table_name = ? "
                                "ORDER BY ordinal_position", (schema, name)))

    def table_exists(self, schema: str, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() "
                               "AND schema_name = ? AND table_name = ?", (schema, name)))


class SQLiteDatabase(LiveDatabase):
    title = "SQLite"
    sqlglot_dialect = "sqlite"
    schema_hint = "a SQLite file is one schema, 'main': leave out --schema, or point the URL at another file"
    errors = (sqlite3.Error,)

    def connect(self) -> None:
        _require_file(self.url)
        # mode=rw: never create an empty database file by mistake.
        uri = f"file:{quote(self.url.path.resolve().as_posix())}?mode={'ro' if self.read_only else 'rw'}"
        self._conn = sqlite3.connect(uri, uri=True, isolation_level=None)

    def default_schema(self) -> str:
        return "main"

    def schema_exists(self, schema: str) -> bool:
        return schema == "main"  # attached databases cannot hold views that read `main`

    def views(self, schema: str) -> dict[str, str]:
        return dict(self.query("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name"))

    def columns(self, schema: str, name: str) -> tuple[tuple[str, str], ...]:
        return tuple(self.query("SELECT name, type FROM pragma_table_info(?) ORDER BY cid", (name,)))

    def table_exists(self, schema: str, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))


class PostgresDatabase(LiveDatabase):
    title = "PostgreSQL"
    sqlglot_dialect = "postgres"
    schema_hint = "create it first (CREATE SCHEMA name), or pass an existing --schema"

    def connect(self) -> None:
        import psycopg

        self.errors = (psycopg.Error,)
        self._psycopg = psycopg
        u = self.url
        args = {k: v for k, v in (("host", u.host), ("port", u.port), ("user", u.user), ("password", u.password),
                                  ("dbname", u.database)) if v is not None}
        self._conn = psycopg.connect(**args, **dict(u.params), autocommit=True)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return [tuple(row) for row in self._conn.execute(sql, tuple(params) or None).fetchall()]

    def message(self, exc: BaseException) -> str:
        diag = getattr(exc, "diag", None)
        if diag is None or not diag.message_primary:
            return super().message(exc)
        detail = f" ({diag.message_detail})" if diag.message_detail else ""
        return self.url.redact(f"{diag.message_primary}{detail}")

    def default_schema(self) -> str:
        schema = self.query("SELECT current_schema()")[0][0]
        if schema is None:
            raise usage_error(f"no schema of the search_path exists in {self.url.shown}",
                              "pass --schema, or set the search_path (?options=-csearch_path%3Dname)")
        return schema

    def schema_exists(self, schema: str) -> bool:
        return bool(self.query("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)))

    def views(self, schema: str) -> dict[str, str]:
        # pg_get_viewdef qualifies each name not visible on the search_path: read it with the
        # search_path pinned, so the text is the same whichever search_path a session has.
        # https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-INFO-CATALOG
        saved = self.query("SELECT current_setting('search_path')")[0][0]
        self.query("SELECT set_config('search_path', 'pg_catalog', false)")
        try:
            return dict(self.query("SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c JOIN pg_namespace n "
                                   "ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'v' "
                                   "ORDER BY c.relname", (schema,)))
        finally:
            self.query("SELECT set_config('search_path', %s, false)", (saved,))

    def columns(self, schema: str, name: str) -> tuple[tuple[str, str], ...]:
        return tuple(self.query("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                                "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                                "WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped "
                                "ORDER BY a.attnum", (schema, name)))

    def table_exists(self, schema: str, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE n.nspname = %s AND c.relname = %s AND c.relkind IN ('r', 'p')", (schema, name)))

    def create_view(self, statements: Sequence[str]) -> None:
        # CREATE OR REPLACE VIEW may only add columns at the end; dropping, renaming or
        # retyping one needs DROP VIEW first. A savepoint keeps the transaction usable.
        # https://www.postgresql.org/docs/current/sql-createview.html
        errors = self._psycopg.errors
        self.execute("SAVEPOINT semview_view")
        try:
            super().create_view(statements)
        except (errors.InvalidTableDefinition, errors.DatatypeMismatch) as exc:
            self.execute("ROLLBACK TO SAVEPOINT semview_view")
            raise ShapeChanged(self.message(exc)) from exc
        self.execute("RELEASE SAVEPOINT semview_view")


class MySQLDatabase(LiveDatabase):
    title = "MySQL/MariaDB"
    sqlglot_dialect = "mysql"
    # Every CREATE/DROP VIEW commits on its own: there is no all-or-nothing apply here.
    # https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/
    transactional_ddl = False
    schema_hint = "create the database first (CREATE DATABASE name), or pass an existing --schema"
    _PARAMS = ("charset", "unix_socket", "connect_timeout")

    def connect(self) -> None:
        import pymysql

        self.errors = (pymysql.Error,)
        u = self.url
        unknown = [k for k, _ in u.params if k not in self._PARAMS]
        if unknown:
            raise usage_error(f"unknown parameter '{unknown[0]}' in {u.shown}",
                              f"mysql:// URLs take {', '.join(self._PARAMS)}")
        params: dict[str, Any] = {"charset": "utf8mb4", **dict(u.params)}
        if "connect_timeout" in params:
            if not str(params["connect_timeout"]).isdigit():
                raise usage_error(f"connect_timeout must be a number of seconds in {u.shown}",
                                  "mysql://user@host:3306/db?connect_timeout=10")
            params["connect_timeout"] = int(params["connect_timeout"])
        self._conn = pymysql.connect(host=u.host or "localhost", port=u.port or 3306, user=u.user or "",
                                     password=u.password or "", database=u.database, autocommit=True, **params)

    def execute(self, sql: str) -> None:
        with self._conn.cursor() as cursor:
            cursor.execute(sql)  # no arguments: pymysql leaves % alone

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._conn.cursor() as cursor:
            cursor.execute(sql, tuple(params) or None)
            return [tuple(row) for row in cursor.fetchall()]

    def message(self, exc: BaseException) -> str:
        args = getattr(exc, "args", ())
        if len(args) == 2 and isinstance(args[0], int):
            return self.url.redact(f"{args[1]} (error {args[0]})")
        return super().message(exc)

    def begin(self) -> None:
        """Nothing to begin: DDL commits itself (see `transactional_ddl`)."""

    def commit(self) -> None:
        """Each statement was committed as it ran."""

    def rollback(self) -> None:
        """What ran stays: MySQL/MariaDB cannot roll back DDL."""

    def default_schema(self) -> str:
        schema = self.query("SELECT DATABASE()")[0][0]
        if schema is None:
            raise usage_error(f"{self.url.shown} names no database", "mysql://user@host:3306/dbname, or --schema")
        return schema

    def schema_exists(self, schema: str) -> bool:
        return bool(self.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s", (schema,)))

    def views(self, schema: str) -> dict[str, str]:
        return dict(self.query("SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS "
                               "WHERE TABLE_SCHEMA = %s ORDER BY TABLE_NAME", (schema,)))

    def columns(self, schema: str, name: str) -> tuple[tuple[str, str], ...]:
        return tuple(self.query("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS "
                                "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s ORDER BY ORDINAL_POSITION",
                                (schema, name)))

    def table_exists(self, schema: str, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s "
                               "AND TABLE_NAME = %s AND TABLE_TYPE = 'BASE TABLE'", (schema, name)))


DATABASES: dict[str, type[LiveDatabase]] = {
    "duckdb": DuckDBDatabase, "sqlite": SQLiteDatabase, "postgres": PostgresDatabase, "mysql": MySQLDatabase,
}
DRIVERS = {"duckdb": "duckdb", "sqlite": "sqlite3", "postgres": "psycopg[binary]", "mysql": "pymysql"}


@contextlib.contextmanager
def open_database(url: DatabaseURL, read_only: bool = False) -> Iterator[LiveDatabase]:
    """Connect; a missing driver or a refused connection is a usage error (exit 2)."""
    db = DATABASES[url.engine](url, read_only)
    try:
        db.connect()
    except ImportError as exc:
        raise usage_error(f"the driver for {db.title} is not installed ({exc.name})",
                          f"pip install {DRIVERS[url.engine]}") from None
    except Exception as exc:  # noqa: BLE001 - driver errors only; re-raised when not one
        if not isinstance(exc, db.errors):
            raise
        raise usage_error(f"cannot connect to {url.shown}: {db.message(exc)}",
                          "check the URL, the server and the credentials (PGPASSWORD, MYSQL_PWD or "
                          "SEMVIEW_DB_PASSWORD)") from None
    try:
        yield db
    finally:
        with contextlib.suppress(Exception):  # a connection already broken needs no closing
            db.close()


def _require_file(url: DatabaseURL) -> None:
    if not url.path.is_file():
        raise usage_error(f"no database file at '{url.path}' ({url.shown})",
                          "three slashes for a relative path (duckdb:///dir/file.duckdb), four for an "
                          "absolute one (duckdb:////tmp/file.duckdb)")
