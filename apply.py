"""`semview apply`: create or replace every view of the catalog in a live database.

Views are applied in dependency order. Where DDL is transactional (PostgreSQL, DuckDB,
SQLite) the whole apply is one transaction: if one view fails, it is rolled back and no
view changes. MySQL/MariaDB commit each CREATE VIEW on its own, so there the apply stops
at the first failure and says which views were already applied.

Each view is reported as created, replaced or unchanged. Unchanged means the view exists,
`semview_deployments` (see `deployments.py`) records the same statements for it, and
the definition the engine stores now is the one it stored right after that apply: such a
view is not touched. Every created or replaced view is read once (`SELECT * ... LIMIT 0`)
before it counts as applied, so an error the engine only finds when it binds the view
(SQLite checks tables late) fails the apply too.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Mapping, Sequence

from sqlglot import exp

from . import deployments
from .dburl import DatabaseURL, usage_error
from .generator.compile import CompiledView
from .generator.diagnostics import CompileError, Diagnostic, SourceSpan
from .livedb import LiveDatabase, ShapeChanged, open_database

CREATED, REPLACED, UNCHANGED = "created", "replaced", "unchanged"


@dataclass(frozen=True, slots=True)
class ViewChange:
    name: str
    status: str  # created, replaced or unchanged
    reason: str | None = None  # why a view is replaced


@dataclass(frozen=True, slots=True)
class ApplyReport:
    target: str  # the URL, password masked
    engine: str
    schema: str
    transactional: bool
    dry_run: bool
    changes: tuple[ViewChange, ...]

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)


def target_schema(db: LiveDatabase, schema: str | None) -> str:
    """The schema the views go to: `--schema`, else the connection's default; it must exist."""
    name = schema or db.default_schema()
    if not db.schema_exists(name):
        raise usage_error(f"schema '{name}' does not exist in {db.url.shown}", db.schema_hint)
    return name


def plan_changes(db: LiveDatabase, schema: str, views: Sequence[CompiledView]) -> list[ViewChange]:
    """What applying `views` would do to each, without changing anything."""
    deployed = db.views(schema)
    registry = deployments.read(db, schema)
    changes = []
    for view in views:
        row = registry.get(view.name)
        if view.name not in deployed:
            changes.append(ViewChange(view.name, CREATED))
        elif row is None:
            changes.append(ViewChange(view.name, REPLACED, "not applied by semview before"))
        elif row.sql_hash != deployments.sql_hash(view):
            changes.append(ViewChange(view.name, REPLACED, "the catalog changed"))
        elif row.engine_definition_hash != deployments.definition_hash(deployed[view.name]):
            changes.append(ViewChange(view.name, REPLACED, "changed in the database since semview applied it"))
        else:
            changes.append(ViewChange(view.name, UNCHANGED))
    return changes


def apply_views(url: DatabaseURL, views: Sequence[CompiledView], spans: Mapping[str, SourceSpan],
                schema: str | None = None, dry_run: bool = False) -> ApplyReport:
    """Create or replace `views` (in dependency order) in the database at `url`.

    Raises `CompileError`: exit 2 for a bad URL, connection or schema; exit 1 naming the
    view that failed and the engine's message.
    """
    with open_database(url) as db:
        with db.reading_views():
            name = target_schema(db, schema)
            changes = plan_changes(db, name, views)
        if not dry_run:
            changes = _apply(db, name, views, changes, spans)
        return ApplyReport(url.shown, db.title, name, db.transactional_ddl, dry_run, tuple(changes))


def _apply(db: LiveDatabase, schema: str, views: Sequence[CompiledView], planned: list[ViewChange],
           spans: Mapping[str, SourceSpan]) -> list[ViewChange]:
    by_name = {v.name: v for v in views}
    changes = {c.name: c for c in planned}
    existing = {c.name for c in planned if c.status != CREATED}
    readers = _readers(views)
    done: list[str] = []
    rebuilt: set[str] = set()
    current = None
    db.begin()
    try:
        deployments.ensure_table(db, schema)
        for view in views:
            if changes[view.name].status == UNCHANGED and view.name not in rebuilt:
                continue
            current = view.name
            try:
                db.create_view(view.statements)
            except ShapeChanged as shape:
                # Drop the view and the catalog views reading it (readers first), then create
                # them again in order; a view outside the catalog reading it stops the drop.
                again = [v.name for v in views if v.name in _closure(view.name, readers) and v.name in existing]
                for name in reversed(again):
                    db.execute(db.sql(exp.Drop(tables=[db.table(schema, name)], kind="VIEW", exists=True)))
                rebuilt.update(again)
                for name in again:
                    if name != view.name and changes[name].status == UNCHANGED:
                        changes[name] = ViewChange(name, REPLACED, f"re-created: it reads '{view.name}' ({shape})")
                db.create_view(view.statements)
            db.execute(db.sql(exp.select("*").from_(db.table(schema, view.name)).limit(0)))
            deployments.record(db, schema, view, db.views(schema).get(view.name), db.columns(schema, view.name))
            done.append(view.name)
        db.commit()
    except db.errors as exc:
        with contextlib.suppress(Exception):  # a lost connection rolls back on its own
            db.rollback()
        raise _failure(db, schema, current, db.message(exc), [changes[n] for n in done],
                       [n for n in by_name if n not in done and changes[n].status != UNCHANGED], spans) from None
    return [changes[v.name] for v in views]


def _readers(views: Sequence[CompiledView]) -> dict[str, set[str]]:
    names = {v.name for v in views}
    readers: dict[str, set[str]] = {n: set() for n in names}
    for view in views:
        for dep in view.dependencies:
            if dep in names:
                readers[dep].add(view.name)
    return readers


def _closure(name: str, readers: Mapping[str, set[str]]) -> set[str]:
    """`name` and every view that reads it, directly or through other views."""
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(readers.get(current, ()))
    return seen


def _failure(db: LiveDatabase, schema: str, view: str | None, message: str, applied: list[ViewChange],
             pending: list[str], spans: Mapping[str, SourceSpan]) -> CompileError:
    where = f"view '{view}'" if view else f"the registry table {schema}.{deployments.TABLE}"
    if db.transactional_ddl:
        hint = f"rolled back: no view was changed in {db.url.shown}"
    else:
        done = ", ".join(f"{c.name} ({c.status})" for c in applied) or "none"
        hint = (f"{db.title} cannot roll back DDL, so views are applied one by one: already applied: {done}; "
                f"not applied: {', '.join(pending) or 'none'}")
    return CompileError((Diagnostic("SV410", f"{where} failed on {db.title}: {message}",
                                    spans.get(view) if view else None, hint),))



def format_report(report: ApplyReport) -> str:
    """What `semview apply` prints: one line per view, then the counts."""
    mode = ("in one transaction" if report.transactional else
            f"one view at a time ({report.engine} cannot roll back DDL: a failure stops there)")
    verb = "dry run: would apply" if report.dry_run else "applied"
    lines = [f"semview: {verb} {len(report.changes)} view(s) to {report.target} "
             f"({report.engine}, schema {report.schema}) {mode}"]
    width = max((len(c.name) for c in report.changes), default=0)
    for change in report.changes:
        status = f"would be {change.status}" if report.dry_run and change.status != UNCHANGED else change.status
        reason = f"  ({change.reason})" if change.reason else ""
        lines.append(f"  {status:<{20 if report.dry_run else 10}} {change.name:<{width}}{reason}".rstrip())
    counts = ", ".join(f"{report.count(s)} {s}" for s in (CREATED, REPLACED, UNCHANGED))
    lines.append(f"semview: {'would be: ' if report.dry_run else ''}{counts}")
    return "\n".join(lines) + "\n"
