"""`semview validate --execute`: build every view on an in-memory DuckDB and read it once.

This catches what only an engine sees: a type that does not fit, a date stored as text
that does not parse, a view another view cannot bind. The tables are made from the
source declarations (every source, in its schema, with its declared column types; a
date stored as text is VARCHAR, as in the real database). They are empty unless the
project has a `fixtures/` folder: `fixtures/<Source>.csv`, named after the source (its
`name:` in the catalog), with a header row naming some or all of its columns, fills that
source's table (an empty field is NULL). Each view is then created and read in full, in
dependency order; a failing view is reported with the engine's message, and the views
reading it are not run.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import duckdb
from sqlglot import exp

from .dialects import get_dialect
from .generator.compile import compile_catalog
from .generator.diagnostics import CompileError, Diagnostic, SourceSpan, did_you_mean
from .generator.load import display_path
from .generator.model import DataType, Source
from .generator.resolve import Catalog

FIXTURES = "fixtures"
DIALECT = "duckdb"


@dataclass(frozen=True, slots=True)
class ExecuteSummary:
    views: int  # views created and read
    fixtures: tuple[str, ...]  # sources filled from fixtures/<Source>.csv
    rows: dict[str, int]  # rows each view returned


def execute_catalog(catalog: Catalog, project: Path, as_of: datetime.date | None = None) -> ExecuteSummary:
    """Run every view of `catalog` once on DuckDB; raises `CompileError` naming each failure."""
    dialect = get_dialect(DIALECT)
    views = compile_catalog(catalog, dialect, as_of)
    con = duckdb.connect(":memory:")
    try:
        _create_tables(con, catalog)
        loaded = _load_fixtures(con, catalog, project / FIXTURES)
        problems, rows, failed = [], {}, {}
        for view in views:
            blocked = [d for d in view.dependencies if d in failed]
            if blocked:
                failed[view.name] = failed[blocked[0]]  # the view that failed first
                continue
            try:
                for statement in view.statements:
                    con.execute(statement)
                read = exp.select("*").from_(exp.Table(this=exp.to_identifier(view.name, quoted=True)))
                rows[view.name] = len(con.execute(dialect.generate(read)).fetchall())
            except duckdb.Error as exc:
                failed[view.name] = view.name
                problems.append((view.name, _first_line(exc)))
        if problems:
            raise CompileError(tuple(_view_problem(catalog, name, message, failed) for name, message in problems))
        return ExecuteSummary(len(views), loaded, rows)
    finally:
        con.close()


def _create_tables(con: duckdb.DuckDBPyConnection, catalog: Catalog) -> None:
    """One table per (schema, table), with the columns of every source that reads it."""
    dialect = get_dialect(DIALECT)
    tables: dict[tuple[str | None, str], tuple[Source, dict[str, exp.DataType]]] = {}
    for source in catalog.project.sources:
        if getattr(source, "view", None):  # a source over a catalog view reads the view, not a table
            continue
        _, columns = tables.setdefault((source.schema, source.table), (source, {}))
        for column in source.columns:
            # A date stored as text is text in the database; the views convert it.
            dtype = DataType("string") if column.date_format else column.type
            columns.setdefault(column.name, dialect.data_type(dtype))
    for (schema, table), (source, columns) in tables.items():
        ident = lambda name: dialect.source_identifier(name, source.quoted)  # noqa: E731
        if schema:
            con.execute(dialect.generate(exp.Create(this=exp.Table(this=ident(schema)), kind="SCHEMA", exists=True)))
        target = exp.Table(this=ident(table), db=ident(schema) if schema else None)
        defs = [exp.ColumnDef(this=ident(name), kind=dtype) for name, dtype in columns.items()]
        con.execute(dialect.generate(exp.Create(this=exp.Schema(this=target, expressions=defs), kind="TABLE")))


def _load_fixtures(con: duckdb.DuckDBPyConnection, catalog: Catalog, folder: Path) -> tuple[str, ...]:
    if not folder.is_dir():
        return ()
    problems, loaded = [], []
    for path in sorted(folder.glob("*.csv")):
        span = SourceSpan(display_path(path.resolve()))
        source = catalog.sources.get(path.stem)
        if source is None:
            hint = did_you_mean(path.stem, catalog.sources) or "name each CSV file after a source: <Source>.csv"
            problems.append(Diagnostic("SV402", f"fixture '{path.name}' names no source", span, hint))
            continue
        dialect = get_dialect(DIALECT)
        table = exp.Table(this=dialect.source_identifier(source.table, source.quoted),
                          db=dialect.source_identifier(source.schema, source.quoted) if source.schema else None)
        try:
            # BY NAME: the header picks the columns; every field is read as text and cast
            # to the declared type by the insert, so a bad value names its column.
            con.execute(f"INSERT INTO {dialect.generate(table)} BY NAME "
                        "SELECT * FROM read_csv(?, header = true, all_varchar = true)", [str(path)])
        except duckdb.Error as exc:
            problems.append(Diagnostic("SV402", f"fixture '{path.name}' does not load into source "
                                       f"'{source.name}': {_first_line(exc)}", span,
                                       "a header row naming declared columns, values of their declared types"))
            continue
        loaded.append(source.name)
    if problems:
        raise CompileError(tuple(problems))
    return tuple(loaded)


def _view_problem(catalog: Catalog, name: str, message: str, failed: dict[str, str]) -> Diagnostic:
    blocked = [v for v, cause in failed.items() if cause == name and v != name]
    hint = f"check the column types declared for its sources, and the rows of {FIXTURES}/ if any"
    if blocked:
        hint += f"; views reading it were not run: {', '.join(blocked)}"
    span = catalog.views[name].span if name in catalog.views else None
    return Diagnostic("SV401", f"view '{name}' fails on DuckDB: {message}", span, hint)


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
