"""Real engines for the tests: load the reference schema, run scripts, query back.

Six engines, named by semview's dialect names, all behind one small API::

    eng = get_engine("postgres")            # starts the server once per process
    eng.load({"Factor": [{"FactorID": 1, "CustID": 7, ...}]})
    eng.execute_script("DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT CustID FROM Factor;")
    eng.query("SELECT * FROM v")            # (['custid'], [(7,)])

DuckDB, SQLite and ClickHouse (chdb) run in-process; PostgreSQL and MariaDB run
as real servers on loopback, at free ports, in temporary directories; Spark is
one local SparkSession for the whole process. ``shutdown_all()`` stops all of
them; it is registered with ``atexit`` and called by the pytest fixture.

``query`` returns column names exactly as the engine reports them (PostgreSQL
folds unquoted aliases to lower case) and values as plain Python: ``int``,
``float``, ``str``, ``datetime.date``, naive ``datetime.datetime``, ``None``.
DECIMAL/NUMERIC come back as ``decimal.Decimal`` on every engine but SQLite,
which has no decimal type: there they are ``float`` (``int`` when whole).
SQLite has no date type either: ISO text comes back as ``TextDate`` (a ``date``
that also equals its text), see ``IsoText``.
"""

from __future__ import annotations

import atexit
import datetime as dt
import importlib
import itertools
import json
import os
import pwd
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

Result = tuple[list[str], list[tuple[Any, ...]]]

ENGINE_NAMES = ("duckdb", "sqlite", "postgres", "mysql", "spark", "clickhouse")

#: Seconds a server may take to accept connections before we give up.
STARTUP_TIMEOUT = float(os.environ.get("SEMVIEW_ENGINE_STARTUP_TIMEOUT", "90"))

#: Wall-clock seconds each engine took to start, and its last ``load`` (for the
#: test summary).
START_SECONDS: dict[str, float] = {}
LOAD_SECONDS: dict[str, float] = {}

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAMESPACE_IDS = itertools.count(1)


class EngineUnavailable(RuntimeError):
    """The engine's package or binary is not installed here."""


class EngineError(RuntimeError):
    """A statement failed on an engine; the driver's exception is the ``__cause__``."""

    def __init__(self, engine: str, statement: str, error: BaseException) -> None:
        super().__init__(f"{engine}: {type(error).__name__}: {error}\n--- statement ---\n{statement}")
        self.engine = engine
        self.statement = statement


# --------------------------------------------------------------------------
# The reference schema
# --------------------------------------------------------------------------


def reference_schema_path() -> Path:
    """``../shared/spec/reference-schema.sql`` beside the repository, else ``$SEMVIEW_REFERENCE_SCHEMA``."""
    beside_repo = Path(__file__).resolve().parents[2].parent / "shared/spec/reference-schema.sql"
    if beside_repo.is_file():
        return beside_repo
    from_env = os.environ.get("SEMVIEW_REFERENCE_SCHEMA")
    if from_env and Path(from_env).is_file():
        return Path(from_env)
    raise FileNotFoundError(
        f"reference schema not found at {beside_repo} and SEMVIEW_REFERENCE_SCHEMA "
        f"({from_env!r}) does not name a file"
    )


@dataclass(frozen=True)
class Column:
    """One column of the reference schema; ``default`` is its DDL DEFAULT as a Python value."""

    name: str
    type: exp.DataType
    nullable: bool
    default: Any = None


@dataclass(frozen=True)
class TableDef:
    """One CREATE TABLE of the reference schema."""

    name: str
    columns: tuple[Column, ...]
    ddl: str  # the statement exactly as written in the reference file

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def row_tuples(self, rows: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
        """Rows as tuples in column order; a missing key takes the DDL default (else NULL).

        DECIMAL values are made ``Decimal`` and DOUBLE PRECISION ``float`` so every
        engine receives the same thing; NOT NULL is checked here because Spark and
        ClickHouse would not.
        """
        known = set(self.column_names)
        coerce = [_COERCE.get(c.type.this) for c in self.columns]
        out = []
        for i, row in enumerate(rows):
            unknown = row.keys() - known
            if unknown:
                raise KeyError(
                    f"{self.name} row {i}: unknown column(s) {sorted(unknown)}; columns are {self.column_names}"
                )
            values = []
            for column, convert in zip(self.columns, coerce):
                value = row.get(column.name, column.default)
                if value is None:
                    if not column.nullable:
                        raise ValueError(f"{self.name} row {i}: {column.name} is NOT NULL but has no value")
                elif convert is not None:
                    value = convert(value)
                values.append(value)
            out.append(tuple(values))
        return out


def _to_decimal(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _to_float(value: Any) -> Any:
    return float(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else value


_COERCE: dict[exp.DataType.Type, Callable[[Any], Any]] = {
    exp.DataType.Type.DECIMAL: _to_decimal,
    exp.DataType.Type.DOUBLE: _to_float,
}

# The types the reference schema uses; a new one must get a translation below.
_KNOWN_TYPES = {
    exp.DataType.Type.INT,
    exp.DataType.Type.BIGINT,
    exp.DataType.Type.VARCHAR,
    exp.DataType.Type.DECIMAL,
    exp.DataType.Type.DOUBLE,
    exp.DataType.Type.DATE,
    exp.DataType.Type.TIMESTAMP,
}


@cache
def reference_tables() -> dict[str, TableDef]:
    """Every table of the reference schema, by name, in file order."""
    text = reference_schema_path().read_text(encoding="utf-8")
    tables: dict[str, TableDef] = {}
    for statement in split_statements(text, "postgres"):
        create = sqlglot.parse_one(statement, read="postgres")
        if not isinstance(create, exp.Create) or create.kind != "TABLE":
            raise ValueError(f"reference schema: expected only CREATE TABLE, got: {statement[:80]}")
        columns = []
        for coldef in create.this.expressions:
            kinds = [c.args["kind"] for c in coldef.constraints]
            dtype = coldef.args["kind"]
            if dtype.this not in _KNOWN_TYPES:
                raise NotImplementedError(
                    f"reference schema: {coldef.name} has type {dtype.sql()}, unknown to the harness"
                )
            default = next((k.this for k in kinds if isinstance(k, exp.DefaultColumnConstraint)), None)
            not_null = (exp.NotNullColumnConstraint, exp.PrimaryKeyColumnConstraint)
            nullable = not any(isinstance(k, not_null) for k in kinds)
            columns.append(Column(coldef.name, dtype, nullable, _literal_value(default, dtype)))
        name = create.this.this.name
        tables[name] = TableDef(name, tuple(columns), statement)
    return tables


def _literal_value(literal: exp.Expression | None, dtype: exp.DataType) -> Any:
    if literal is None or isinstance(literal, exp.Null):
        return None
    if not isinstance(literal, exp.Literal):
        raise NotImplementedError(f"reference schema: DEFAULT {literal.sql()} is not a literal")
    if literal.is_string:
        return literal.this
    if dtype.this is exp.DataType.Type.DECIMAL:
        return Decimal(literal.this)
    if dtype.this is exp.DataType.Type.DOUBLE:
        return float(literal.this)
    return int(literal.this)


def _translated_ddl(
    table: TableDef, dialect: str, column_type: Callable[[Column], exp.DataType], storage: exp.Property
) -> str:
    """CREATE TABLE for an engine that cannot run the reference DDL as written: same names and case."""
    schema = exp.Schema(
        this=exp.to_table(table.name),
        expressions=[exp.ColumnDef(this=exp.to_identifier(c.name), kind=column_type(c)) for c in table.columns],
    )
    create = exp.Create(this=schema, kind="TABLE", properties=exp.Properties(expressions=[storage]))
    return create.sql(dialect=dialect, identify=True)


# Spark: STRING rather than VARCHAR(n) (which adds length checks), and TIMESTAMP_NTZ
# because the reference TIMESTAMP has no time zone while Spark's TIMESTAMP is
# session-local: https://spark.apache.org/docs/latest/sql-ref-datatypes.html
_SPARK_TYPES = {
    exp.DataType.Type.VARCHAR: exp.DataType.Type.TEXT,
    exp.DataType.Type.TIMESTAMP: exp.DataType.Type.TIMESTAMPNTZ,
}


def spark_ddl(table: TableDef) -> str:
    """``CREATE TABLE ... USING parquet`` without PRIMARY KEY/NOT NULL/DEFAULT, which Spark refuses."""

    def column_type(column: Column) -> exp.DataType:
        mapped = _SPARK_TYPES.get(column.type.this)
        return exp.DataType.build(mapped) if mapped else column.type.copy()

    return _translated_ddl(table, "spark", column_type, exp.FileFormatProperty(this=exp.var("parquet")))


def clickhouse_ddl(table: TableDef) -> str:
    """``CREATE TABLE ... ENGINE=Memory`` with Nullable(...) exactly where the reference allows NULL."""

    def column_type(column: Column) -> exp.DataType:
        dtype = column.type.copy()
        dtype.set("nullable", column.nullable)  # sqlglot's ClickHouse generator wraps Nullable(...)
        return dtype

    return _translated_ddl(table, "clickhouse", column_type, exp.EngineProperty(this=exp.var("Memory")))


# --------------------------------------------------------------------------
# Scripts
# --------------------------------------------------------------------------


def split_statements(sql: str, dialect: str) -> list[str]:
    """Split a script at its semicolons, using the dialect's tokenizer so that a
    ``;`` inside a string literal, quoted identifier or comment does not count.

    >>> split_statements("SELECT 'a;b'; -- c;\\nSELECT 2;", "duckdb")
    ["SELECT 'a;b'", '-- c;\\nSELECT 2']
    """
    statements = []
    begin, has_tokens = 0, False
    for token in sqlglot.Dialect.get_or_raise(dialect).tokenize(sql):
        if token.token_type is TokenType.SEMICOLON:
            if has_tokens:
                statements.append(sql[begin : token.start].strip())
            begin, has_tokens = token.end + 1, False
        else:
            has_tokens = True
    if has_tokens:
        statements.append(sql[begin:].strip())
    return statements


# --------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------


def to_python(value: Any) -> Any:
    """The driver-independent part of result normalisation."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return bytes(value)
    return value


class IsoText:
    """A date or timestamp that SQLite returned as ISO text, such as '2024-06-30'.

    SQLite has no DATE type, so such text may mean a date or just text; the value
    is both: ``TextDate`` equals ``date(2024, 6, 30)`` and ``'2024-06-30'``.
    """

    text: str

    @classmethod
    def parse(cls, text: str) -> Any:
        value = cls.fromisoformat(text)  # type: ignore[attr-defined]
        value.text = text
        return value

    def __eq__(self, other: object) -> Any:
        if isinstance(other, str):
            return other == self.text
        if isinstance(other, dt.date) and isinstance(other, dt.datetime) != isinstance(self, dt.datetime):
            return False  # a date never equals a timestamp
        return super().__eq__(other)

    def __ne__(self, other: object) -> Any:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return super().__hash__()


class TextDate(IsoText, dt.date):
    """See ``IsoText``."""


class TextDateTime(IsoText, dt.datetime):
    """See ``IsoText``."""


def _described(cursor: Any) -> tuple[list[str], list[Any]]:
    """(column names, rows) of a DB-API cursor that has run a statement."""
    if cursor.description is None:  # not a query
        return [], []
    return [d[0] for d in cursor.description], cursor.fetchall()


def _iso_text(value: Any) -> Any:
    """Dates and timestamps as ISO text, for SQLite, which stores them as TEXT."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------
# Engines
# --------------------------------------------------------------------------


class Engine(ABC):
    """One real engine. ``load`` starts a fresh namespace; views and queries run in it."""

    name: ClassVar[str]
    sqlglot_dialect: ClassVar[str]

    def __init__(self) -> None:
        self.namespace: str | None = None  # schema/database the views go to, after load()
        self._schemas: tuple[str, ...] = ()  # extra schemas created by the last load()

    # ---- public API

    def load(self, tables: Mapping[str, Sequence[Mapping[str, Any]]], schema: str | None = None) -> None:
        """Create every reference table in a fresh namespace (or in ``schema``) and insert ``tables``' rows."""
        started = time.perf_counter()
        reference = reference_tables()
        unknown = sorted(set(tables) - reference.keys())
        if unknown:
            raise KeyError(f"not tables of the reference schema: {unknown}; tables are {list(reference)}")
        if schema is not None:
            _check_identifier(schema)
        prepared = {t.name: t.row_tuples(tables.get(t.name, ())) for t in reference.values()}
        self._discard()
        self.namespace = self._open_namespace(f"semview_t{next(_NAMESPACE_IDS)}")
        self._schemas = (schema,) if schema else ()
        with self._tables_in(schema):
            for table in reference.values():
                self._run(self._table_ddl(table), self._execute)
                rows = prepared[table.name]
                if rows:
                    try:
                        self._insert(table, rows)
                    except Exception as exc:
                        raise EngineError(self.name, f"(insert of {len(rows)} rows into {table.name})", exc) from exc
        LOAD_SECONDS[self.name] = time.perf_counter() - started

    def execute_script(self, sql: str) -> None:
        """Run every statement of ``sql`` in order in the current namespace."""
        self._require_namespace()
        for statement in split_statements(sql, self.sqlglot_dialect):
            self._run(statement, self._execute)

    def query(self, sql: str) -> Result:
        """Run one query: (column names as the engine reports them, normalised rows)."""
        self._require_namespace()
        statements = split_statements(sql, self.sqlglot_dialect)
        if len(statements) != 1:
            raise ValueError(f"query() takes exactly one statement, got {len(statements)}")
        columns, rows = self._run(statements[0], self._fetch)
        return list(columns), [tuple(self._to_python(v) for v in row) for row in rows]

    def quote(self, identifier: str) -> str:
        """``identifier`` quoted for this dialect, e.g. ``"CustID"`` or ```CustID```."""
        return exp.to_identifier(identifier, quoted=True).sql(dialect=self.sqlglot_dialect)

    def close(self) -> None:
        """Drop the namespace and disconnect; the server keeps running, ``load`` reconnects."""
        try:
            self._discard()
        finally:
            self._disconnect()

    # ---- what each engine provides

    def _table_ddl(self, table: TableDef) -> str:
        """The reference DDL as written; engines that refuse it translate it."""
        return table.ddl

    @abstractmethod
    def _open_namespace(self, name: str) -> str:
        """Create a fresh namespace, make it current, return its name."""

    @abstractmethod
    def _drop_namespace(self) -> None:
        """Drop ``self.namespace`` and ``self._schemas``."""

    @abstractmethod
    @contextmanager
    def _tables_in(self, schema: str | None) -> Iterator[None]:
        """Let the tables' DDL and ``_insert`` target ``schema`` (None: the namespace)."""

    @abstractmethod
    def _execute(self, statement: str) -> None: ...

    @abstractmethod
    def _fetch(self, statement: str) -> tuple[Sequence[str], Iterable[Sequence[Any]]]: ...

    @abstractmethod
    def _insert(self, table: TableDef, rows: list[tuple[Any, ...]]) -> None: ...

    @abstractmethod
    def _disconnect(self) -> None: ...

    def _to_python(self, value: Any) -> Any:
        return to_python(value)

    # ---- helpers

    def _run(self, statement: str, action: Callable[[str], Any]) -> Any:
        try:
            return action(statement)
        except Exception as exc:
            raise EngineError(self.name, statement, exc) from exc

    def _discard(self) -> None:
        if self.namespace is None:
            return
        try:
            self._drop_namespace()
        finally:
            self.namespace, self._schemas = None, ()

    def _require_namespace(self) -> None:
        if self.namespace is None:
            raise RuntimeError(f"{self.name}: call load() first")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} namespace={self.namespace!r}>"


class _SchemaEngine(Engine):
    """An engine whose namespaces are schemas (or databases) of one long-lived connection."""

    _CREATE: ClassVar[str]  # format strings taking a checked, unquoted identifier
    _USE: ClassVar[str]
    _DROP: ClassVar[str]

    def _open_namespace(self, name: str) -> str:
        self._connect()
        self._execute(self._CREATE.format(name))
        self._execute(self._USE.format(name))
        return name

    def _drop_namespace(self) -> None:
        for name in (self.namespace, *self._schemas):
            self._execute(self._DROP.format(name))

    @contextmanager
    def _tables_in(self, schema: str | None) -> Iterator[None]:
        if schema is None:
            yield
            return
        self._execute(self._DROP.format(schema))
        self._execute(self._CREATE.format(schema))
        self._execute(self._USE.format(schema))
        try:
            yield
        finally:
            self._execute(self._USE.format(self.namespace))

    def _connect(self) -> None:
        """(Re)connect if ``close()`` disconnected."""


class _InMemoryEngine(Engine):
    """An in-process engine whose namespace is a new in-memory database per ``load``."""

    _conn: Any = None

    @abstractmethod
    def _new_connection(self) -> Any: ...

    def _open_namespace(self, name: str) -> str:
        self._disconnect()
        self._conn = self._new_connection()
        return "main"

    def _drop_namespace(self) -> None:
        self._disconnect()

    def _execute(self, statement: str) -> None:
        self._conn.execute(statement)

    def _fetch(self, statement: str) -> tuple[Sequence[str], Iterable[Sequence[Any]]]:
        return _described(self._conn.execute(statement))

    def _disconnect(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class DuckDBEngine(_InMemoryEngine):
    """DuckDB in-process."""

    name = "duckdb"
    sqlglot_dialect = "duckdb"
    _ROWS_PER_INSERT = 500  # executemany is ~10x slower than multi-row VALUES here

    def __init__(self) -> None:
        super().__init__()
        self._duckdb = _import("duckdb")

    def _new_connection(self) -> Any:
        return self._duckdb.connect(":memory:")

    @contextmanager
    def _tables_in(self, schema: str | None) -> Iterator[None]:
        if schema is None:
            yield
            return
        self._execute(f"CREATE SCHEMA {schema}")
        self._execute(f"USE {schema}")
        try:
            yield
        finally:
            self._execute("USE memory.main")

    def _insert(self, table: TableDef, rows: list[tuple[Any, ...]]) -> None:
        insert = f"INSERT INTO {table.name} ({', '.join(table.column_names)}) VALUES "
        row_marks = "(" + ", ".join("?" * len(table.columns)) + ")"
        for start in range(0, len(rows), self._ROWS_PER_INSERT):
            chunk = rows[start : start + self._ROWS_PER_INSERT]
            self._conn.execute(insert + ", ".join([row_marks] * len(chunk)), [v for row in chunk for v in row])


class SqliteEngine(_InMemoryEngine):
    """SQLite (stdlib) in-process.

    SQLite has no DECIMAL or DATE type: DECIMAL columns get NUMERIC affinity, so a
    whole amount such as 100.00 is stored as INTEGER 100 (and ``Amount / 3``
    divides integers), others as REAL; DATE/TIMESTAMP values are stored as ISO
    text, and ``query`` returns ISO text as ``TextDate``/``TextDateTime``, which
    equal both the date and the text (https://www.sqlite.org/datatype3.html).
    A ``schema`` is an attached database; a view in ``main`` may not reference it
    ("view v cannot reference objects in database sales"), only a TEMP view may.
    """

    name = "sqlite"
    sqlglot_dialect = "sqlite"
    _ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
    _ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?")

    def _new_connection(self) -> Any:
        # uri=True so that ATTACH accepts the shared-cache URI of a schema.
        return sqlite3.connect("file::memory:", uri=True, isolation_level=None)

    @contextmanager
    def _tables_in(self, schema: str | None) -> Iterator[None]:
        if schema is None:
            yield
            return
        # The DDL as written always creates in "main", so build the schema as the
        # main database of a second, shared in-memory connection and attach it.
        uri = f"file:semview_{schema}_{uuid.uuid4().hex}?mode=memory&cache=shared"
        home = self._conn
        self._conn = loader = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            yield
            home.execute(f"ATTACH DATABASE ? AS {schema}", (uri,))
        finally:
            self._conn = home
            loader.close()  # the attachment keeps the shared database alive

    def _insert(self, table: TableDef, rows: list[tuple[Any, ...]]) -> None:
        # sqlite3 cannot bind Decimal; a float lands in the same NUMERIC affinity.
        values = [tuple(float(v) if isinstance(v, Decimal) else _iso_text(v) for v in row) for row in rows]
        marks = ", ".join("?" * len(table.columns))
        self._conn.execute("BEGIN")
        self._conn.executemany(f"INSERT INTO {table.name} ({', '.join(table.column_names)}) VALUES ({marks})", values)
        self._conn.execute("COMMIT")

    def _to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                if self._ISO_DATE.fullmatch(value):
                    return TextDate.parse(value)
                if self._ISO_DATETIME.fullmatch(value):
                    return TextDateTime.parse(value)
            except ValueError:  # e.g. 2024-02-30: not a date, keep the text
                pass
        return to_python(value)


class PostgresEngine(_SchemaEngine):
    """PostgreSQL server; a namespace is a schema on the ``search_path``."""

    name = "postgres"
    sqlglot_dialect = "postgres"
    _CREATE = "CREATE SCHEMA {}"
    _USE = "SET search_path TO {}"
    _DROP = "DROP SCHEMA IF EXISTS {} CASCADE"

    def __init__(self) -> None:
        super().__init__()
        self._psycopg = _import("psycopg", pip_name="psycopg[binary]")
        self._server = _backend("postgres", _start_postgres)
        self._conn: Any = None
        self._connect()

    @property
    def connect_args(self) -> dict[str, Any]:
        """``host``, ``port``, ``user``, ``dbname`` of the server, for tools that connect on their own."""
        return dict(self._server.connect_args)

    def _connect(self) -> None:
        if self._conn is None or self._conn.closed:
            self._conn = self._psycopg.connect(**self._server.connect_args, autocommit=True)

    def _execute(self, statement: str) -> None:
        self._conn.execute(statement)

    def _fetch(self, statement: str) -> tuple[Sequence[str], Iterable[Sequence[Any]]]:
        return _described(self._conn.execute(statement))

    def _insert(self, table: TableDef, rows: list[tuple[Any, ...]]) -> None:
        with self._conn.cursor() as cursor:
            with cursor.copy(f"COPY {table.name} ({', '.join(table.column_names)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _disconnect(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class MySQLEngine(_SchemaEngine):
    """MariaDB server (semview's ``mysql`` dialect); a namespace is a database.

    MariaDB reports ``SUM`` of integers as DECIMAL, so such columns come back as
    ``Decimal`` with no fraction.
    """

    name = "mysql"
    sqlglot_dialect = "mysql"
    _CREATE = "CREATE DATABASE {}"
    _USE = "USE {}"
    _DROP = "DROP DATABASE IF EXISTS {}"

    def __init__(self) -> None:
        super().__init__()
        self._pymysql = _import("pymysql")
        self._server = _backend("mysql", _start_mariadb)
        self._conn: Any = None
        self._connect()

    @property
    def connect_args(self) -> dict[str, Any]:
        """``host``, ``port``, ``user``, ``password`` of the server, for tools that connect on their own."""
        return dict(self._server.connect_args)

    def _connect(self) -> None:
        if self._conn is None or not self._conn.open:
            self._conn = self._pymysql.connect(**self._server.connect_args, autocommit=True, charset="utf8mb4")

    def _execute(self, statement: str) -> None:
        with self._conn.cursor() as cursor:
            cursor.execute(statement)  # no args: pymysql leaves % alone

    def _fetch(self, statement: str) -> tuple[Sequence[str], Iterable[Sequence[Any]]]:
        with self._conn.cursor() as cursor:
            cursor.execute(statement)
            return _described(cursor)

    def _insert(self, table: TableDef, rows: list[tuple[Any, ...]]) -> None:
        marks = ", ".join(["%s"] * len(table.columns))
        with self._conn.cursor() as cursor:
            # pymysql turns an INSERT ... VALUES executemany into multi-row statements.
            cursor.executemany(f"INSERT INTO {table.name} ({', '.join(table.column_names)}) VALUES ({marks})", rows)

    def _disconnect(self) -> None:
        if self._conn is not None:
            if self._conn.open:
                self._conn.close()
            self._conn = None


class SparkEngine(_SchemaEngine):
    """Spark SQL on the process-wide local SparkSession; a namespace is a database."""

    name = "spark"
    sqlglot_dialect = "spark"
    _CREATE = "CREATE DATABASE {}"
    _USE = "USE {}"
    _DROP = "DROP DATABASE IF EXISTS {} CASCADE"

    def __init__(self) -> None:
        super().__init__()
        self._spark = _backend("spark", _start_spark)

    def _table_ddl(self, table: TableDef) -> str:
        return spark_ddl(table)

    def _execute(self, statement: str) -> None:
        self._spark.sql(statement).collect()  # collect: surface errors of lazy statements too

    def _fetch(self, statement: str) -> tuple[Sequence[str], Iterable[Sequence[Any]]]:
        frame = self._spark.sql(statement)
        return frame.columns, frame.collect()

    def _insert(self, table: TableDef, rows: list[tuple[Any, ...]]) -> None:
        target = self._spark.table(table.name)  # in the current database
        self._spark.createDataFrame(rows, schema=target.schema).write.insertInto(table.name)

    def _disconnect(self) -> None:
        """The session lives until ``shutdown_all``."""


class ClickHouseEngine(_SchemaEngine):
    """ClickHouse via chdb in-process; a namespace is a database of the one chdb session."""

    name = "clickhouse"
    sqlglot_dialect = "clickhouse"
    _CREATE = "CREATE DATABASE {}"
    _USE = "USE {}"
    _DROP = "DROP DATABASE IF EXISTS {}"

    def __init__(self) -> None:
        super().__init__()
        self._session = _backend("clickhouse", _start_chdb)

    def _table_ddl(self, table: TableDef) -> str:
        return clickhouse_ddl(table)

    def _execute(self, statement: str) -> None:
        self._session.query(statement)

    def _fetch(self, statement: str) -> tuple[Sequence[str], Iterable[Sequence[Any]]]:
        # JSONCompact carries each column's ClickHouse type, which Arrow output
        # loses (DateTime comes out as uint32).
        raw = self._session.query(statement, "JSONCompact").bytes()
        if not raw.strip():
            return [], []
        result = json.loads(raw)
        converters = [_clickhouse_converter(m["type"]) for m in result["meta"]]
        rows = [tuple(None if v is None else f(v) for f, v in zip(converters, row)) for row in result["data"]]
        return [m["name"] for m in result["meta"]], rows

    def _insert(self, table: TableDef, rows: list[tuple[Any, ...]]) -> None:
        values = ",".join("(" + ",".join(map(_clickhouse_literal, row)) + ")" for row in rows)
        columns = ", ".join(self.quote(c) for c in table.column_names)
        self._session.query(f"INSERT INTO {self.quote(table.name)} ({columns}) VALUES {values}")

    def _disconnect(self) -> None:
        """The chdb session lives until ``shutdown_all``."""


def _clickhouse_converter(type_name: str) -> Callable[[Any], Any]:
    base = re.sub(r"^(?:Nullable|LowCardinality)\((.*)\)$", r"\1", type_name)
    base = re.sub(r"^(?:Nullable|LowCardinality)\((.*)\)$", r"\1", base)  # LowCardinality(Nullable(..))
    if base.startswith("Decimal"):
        return lambda v: Decimal(str(v))
    if base.startswith(("Float", "BFloat")):
        return float  # also "nan"/"inf", quoted by output_format_json_quote_denormals
    if base.startswith(("Int", "UInt")):
        return int
    if base.startswith("DateTime"):
        return dt.datetime.fromisoformat
    if base.startswith("Date"):
        return dt.date.fromisoformat
    return lambda v: v


def _clickhouse_literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        value = _iso_text(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


_ENGINE_CLASSES: dict[str, type[Engine]] = {
    cls.name: cls for cls in (DuckDBEngine, SqliteEngine, PostgresEngine, MySQLEngine, SparkEngine, ClickHouseEngine)
}


# --------------------------------------------------------------------------
# Backends: servers, the SparkSession, the chdb session — once per process
# --------------------------------------------------------------------------

_BACKENDS: dict[str, Any] = {}
_CLEANUPS: list[Callable[[], None]] = []
_ENGINES: dict[str, Engine] = {}
_FAILURES: dict[str, BaseException] = {}


def get_engine(name: str) -> Engine:
    """The process-wide engine ``name``; starts its server on first use.

    Raises ``EngineUnavailable`` when its package or binary is missing, and
    re-raises a failed start at once on later calls instead of retrying.
    """
    if name in _ENGINES:
        return _ENGINES[name]
    if name in _FAILURES:
        raise _FAILURES[name]
    if name not in _ENGINE_CLASSES:
        raise ValueError(f"unknown engine {name!r}; engines are {ENGINE_NAMES}")
    started = time.perf_counter()
    try:
        engine = _ENGINE_CLASSES[name]()
    except Exception as exc:
        _FAILURES[name] = exc
        raise
    START_SECONDS[name] = time.perf_counter() - started
    _ENGINES[name] = engine
    return engine


def shutdown_all() -> None:
    """Close every engine and stop everything started here; safe to call twice."""
    while _ENGINES:
        _quietly(_ENGINES.popitem()[1].close)
    while _CLEANUPS:
        _quietly(_CLEANUPS.pop())
    _BACKENDS.clear()
    _FAILURES.clear()


atexit.register(shutdown_all)


def _backend(key: str, start: Callable[[], tuple[Any, Callable[[], None]]]) -> Any:
    """Start a backend once per process; ``start`` returns it and its cleanup."""
    if key not in _BACKENDS:
        _stop_on_sigterm()
        backend, cleanup = start()
        _CLEANUPS.append(cleanup)
        _BACKENDS[key] = backend
    return _BACKENDS[key]


def _stop_on_sigterm() -> None:
    # atexit does not run on SIGTERM (e.g. a CI timeout); turn it into the same
    # KeyboardInterrupt as Ctrl-C so pytest tears down and the servers stop.
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _quietly(action: Callable[[], None]) -> None:
    try:
        action()
    except Exception as exc:  # a cleanup failing must not stop the other cleanups
        print(f"semview test harness: cleanup failed: {exc!r}", file=sys.stderr)


def _import(module: str, pip_name: str | None = None) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise EngineUnavailable(f"Python package {pip_name or module!r} is not installed ({exc})") from exc


def _check_identifier(name: str) -> None:
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"schema name must be a plain identifier, got {name!r}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _find_binary(candidates: Sequence[str], extra_dirs: Sequence[str] = ()) -> str | None:
    for candidate in candidates:
        found = shutil.which(candidate) or next(
            (str(Path(d) / candidate) for d in extra_dirs if os.access(Path(d) / candidate, os.X_OK)), None
        )
        if found:
            return found
    return None


def _run_as(user: str) -> dict[str, Any]:
    """Popen arguments that run a server as ``user`` when we are root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return {}
    try:
        account = pwd.getpwnam(user)
    except KeyError:
        raise EngineUnavailable(f"running as root, but there is no user {user!r} to run the server as") from None
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _private_tempdir(prefix: str, run_as: Mapping[str, Any]) -> Path:
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    if run_as:
        os.chown(directory, run_as["user"], run_as["group"])
    return directory


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(no log: {exc})"


@dataclass
class _Server:
    """A server process we started, with its temporary directory."""

    what: str
    process: subprocess.Popen[bytes]
    directory: Path
    log: Path
    connect_args: dict[str, Any]
    stop_signal: int

    def stop(self) -> None:
        try:
            if self.process.poll() is None:
                self.process.send_signal(self.stop_signal)
                try:
                    self.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=10)
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)


def _start_server(
    what: str,
    directory: Path,
    log: Path,
    argv: Callable[[int], list[str]],
    connect_args: Callable[[int], dict[str, Any]],
    ready: Callable[[dict[str, Any]], object],
    run_as: Mapping[str, Any],
    stop_signal: int,
) -> _Server:
    """Start ``argv(port)`` at a free port and wait until ``ready`` connects; retry a lost port race."""
    for attempt in range(3):
        port = _free_port()
        with open(log, "ab") as log_file:
            if run_as:  # the server may open the same file itself (MariaDB's --log-error)
                os.chown(log, run_as["user"], run_as["group"])
            # Own session: a Ctrl-C in the terminal reaches pytest, which then stops the
            # server in order, rather than killing the server under a running test.
            process = subprocess.Popen(
                argv(port), stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True, **run_as,
            )
        server = _Server(what, process, directory, log, connect_args(port), stop_signal)
        try:
            if _wait_until_ready(server, ready, retry_port=attempt < 2):
                return server
        except BaseException:  # also Ctrl-C while waiting: never leave the process behind
            server.stop()
            raise
    raise AssertionError("unreachable")


def _wait_until_ready(server: _Server, ready: Callable[[dict[str, Any]], object], retry_port: bool) -> bool:
    """True once ``ready`` connects; False if the port was taken meanwhile and ``retry_port``."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if server.process.poll() is not None:
            log_text = _tail(server.log)
            if retry_port and "already in use" in log_text:
                return False  # someone took the port between _free_port() and bind()
            raise RuntimeError(
                f"{server.what} exited with code {server.process.returncode} while starting; its log:\n{log_text}"
            )
        try:
            ready(server.connect_args)
            return True
        except Exception:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"{server.what} not ready after {STARTUP_TIMEOUT:.0f}s; its log:\n{_tail(server.log)}"
                ) from None
            time.sleep(0.05)


def _initialise(what: str, argv: list[str], run_as: Mapping[str, Any], directory: Path) -> None:
    """Run a data-directory initialiser (initdb, mariadb-install-db); on any failure remove ``directory``."""
    try:
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=directory, **run_as)
        if result.returncode != 0:
            raise RuntimeError(
                f"{what} failed ({result.returncode}): {' '.join(argv)}\n{result.stdout}\n{result.stderr}"
            )
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise


def _start_postgres() -> tuple[_Server, Callable[[], None]]:
    psycopg = _import("psycopg", pip_name="psycopg[binary]")
    # Debian keeps the server binaries off PATH, one directory per major version: newest first.
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name.zfill(4), reverse=True)
    initdb = _find_binary(["initdb"], [str(d) for d in versions])
    if initdb is None:
        raise EngineUnavailable("PostgreSQL is not installed (initdb not found; apt-get install postgresql)")
    postgres = str(Path(initdb).resolve().parent / "postgres")
    run_as = _run_as("postgres")
    directory = _private_tempdir("semview-pg-", run_as)
    data = directory / "data"
    _initialise(
        "initdb",
        [initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"],
        run_as, directory,
    )

    def argv(port: int) -> list[str]:
        # Durability off: a throw-away test server.
        settings = ["listen_addresses=127.0.0.1", "fsync=off", "synchronous_commit=off", "full_page_writes=off"]
        options = [arg for setting in settings for arg in ("-c", setting)]
        return [postgres, "-D", str(data), "-p", str(port), "-k", str(directory), *options]

    def connect_args(port: int) -> dict[str, Any]:
        return {"host": "127.0.0.1", "port": port, "user": "postgres", "dbname": "postgres"}

    def ready(args: dict[str, Any]) -> None:
        psycopg.connect(**args, connect_timeout=2).close()

    # SIGINT is PostgreSQL's "fast" shutdown.
    server = _start_server(
        "PostgreSQL", directory, directory / "server.log", argv, connect_args, ready, run_as, signal.SIGINT
    )
    return server, server.stop


def _start_mariadb() -> tuple[_Server, Callable[[], None]]:
    pymysql = _import("pymysql")
    mariadbd = _find_binary(["mariadbd", "mysqld"], ["/usr/sbin", "/usr/libexec"])
    install_db = _find_binary(["mariadb-install-db", "mysql_install_db"])
    if mariadbd is None or install_db is None:
        raise EngineUnavailable(
            "MariaDB is not installed (mariadbd/mariadb-install-db not found; apt-get install mariadb-server)"
        )
    run_as = _run_as("mysql")
    directory = _private_tempdir("semview-mariadb-", run_as)
    data = directory / "data"
    # --no-defaults: ignore /etc/mysql, so a developer's own configuration changes nothing.
    _initialise(
        "mariadb-install-db",
        [
            install_db, "--no-defaults", f"--datadir={data}",
            "--auth-root-authentication-method=normal", "--skip-test-db",
        ],
        run_as, directory,
    )

    def argv(port: int) -> list[str]:
        return [
            mariadbd, "--no-defaults", f"--datadir={data}", f"--socket={directory / 'mysqld.sock'}",
            f"--port={port}", "--bind-address=127.0.0.1", f"--pid-file={directory / 'mysqld.pid'}",
            f"--log-error={directory / 'error.log'}", "--skip-log-bin",
            "--innodb-buffer-pool-size=64M", "--innodb-flush-log-at-trx-commit=0",
            # What Debian's packaged /etc/mysql/mariadb.conf.d/50-server.cnf sets; the built-in default is latin1.
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
        ]

    def connect_args(port: int) -> dict[str, Any]:
        return {"host": "127.0.0.1", "port": port, "user": "root", "password": ""}

    def ready(args: dict[str, Any]) -> None:
        pymysql.connect(**args, connect_timeout=2).close()

    server = _start_server(
        "MariaDB", directory, directory / "error.log", argv, connect_args, ready, run_as, signal.SIGTERM
    )
    return server, server.stop


def _start_spark() -> tuple[Any, Callable[[], None]]:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineUnavailable(f"Python package 'pyspark' is not installed ({exc})") from exc
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and Path(java_home, "bin", "java").exists()) and shutil.which("java") is None:
        raise EngineUnavailable("Spark needs a Java runtime: no java on PATH and no JAVA_HOME")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers must match the driver's Python
    directory = Path(tempfile.mkdtemp(prefix="semview-spark-"))
    try:
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("semview-tests")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "768m")
            # Short runs on tiny data: the C1 compiler alone and one GC thread leave the 2 cores
            # to the tests (about a quarter less wall time here); results are unaffected.
            .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.catalogImplementation", "in-memory")  # no Derby metastore_db/ in the cwd
            .config("spark.sql.warehouse.dir", str(directory / "warehouse"))
            .config("spark.local.dir", str(directory / "local"))
            .config("spark.sql.session.timeZone", "UTC")  # current_date() etc. independent of the machine
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise

    def stop() -> None:
        from pyspark import SparkContext

        try:
            spark.stop()
            # spark.stop() leaves the JVM running until Python exits; end it now.
            gateway, SparkContext._gateway, SparkContext._jvm = SparkContext._gateway, None, None
            if gateway is not None:
                gateway.shutdown()
                process = getattr(gateway, "proc", None)
                if process is not None:
                    process.terminate()
                    process.wait(timeout=30)
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    return spark, stop


def _start_chdb() -> tuple[Any, Callable[[], None]]:
    chdb_session = _import("chdb.session", pip_name="chdb")
    directory = Path(tempfile.mkdtemp(prefix="semview-chdb-"))
    try:
        session = chdb_session.Session(str(directory / "data"))
        # Output-format settings only: exact decimals and NaN/inf in the JSON we parse.
        session.query("SET output_format_json_quote_decimals = 1")
        session.query("SET output_format_json_quote_denormals = 1")
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise

    def stop() -> None:
        try:
            session.close()
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    return session, stop


# pytest imports this file as "engines.harness" (tests/ has no __init__.py) while test
# modules may import "tests.engines.harness": make every name share the first copy,
# so that there is one set of servers per process (the import system returns
# whatever sys.modules holds once the module body has run).
_first_copy = sys.modules.setdefault("_semview_engine_harness", sys.modules[__name__])
if _first_copy is not sys.modules[__name__]:
    atexit.unregister(shutdown_all)
    sys.modules[__name__] = _first_copy
