"""`semview_deployments`: what semview applied to a schema, so a later run can tell what changed.

One row per view, written by `semview apply` in the same transaction as the view itself
(where the engine has transactional DDL):

- `sql_hash`: SHA-256 of the statements semview ran; a different hash now means the
  catalog (or the compile options) changed since.
- `engine_definition_hash`: SHA-256 of the definition the engine stored, read back right
  after the view was created; a different definition now means someone changed the view
  in the database (a manual CREATE OR REPLACE).
- `column_types`: JSON `[[name, catalog type, engine type], ...]`, for a column-level
  account of either change.
"""
from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import Sequence

from sqlglot import exp

from . import __version__
from .generator.compile import CompiledView
from .livedb import LiveDatabase

TABLE = "semview_deployments"
_COLUMNS = (
    ("view_name", "VARCHAR(255)"),
    ("sql_hash", "VARCHAR(64)"),
    ("engine_definition_hash", "VARCHAR(64)"),
    ("column_types", "TEXT"),
    ("semview_version", "VARCHAR(32)"),
    ("applied_at", "VARCHAR(32)"),  # ISO 8601, UTC: the same text on every engine
)


@dataclass(frozen=True, slots=True)
class DeployedColumn:
    name: str
    type: str | None  # the catalog's portable type (integer, decimal(18,2), ...)
    engine_type: str  # as the engine reports it


@dataclass(frozen=True, slots=True)
class Deployment:
    view_name: str
    sql_hash: str
    engine_definition_hash: str
    columns: tuple[DeployedColumn, ...]
    semview_version: str
    applied_at: str


def sql_hash(view: CompiledView) -> str:
    return _sha256("\n".join(view.statements))


def definition_hash(definition: str | None) -> str:
    return _sha256(definition or "")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(db: LiveDatabase, schema: str) -> dict[str, Deployment]:
    """The rows of the schema's registry, by view name; empty when there is none yet."""
    if not db.table_exists(schema, TABLE):
        return {}
    query = exp.select(*(exp.column(name) for name, _ in _COLUMNS)).from_(db.table(schema, TABLE))
    out = {}
    for name, sql, engine, columns, version, applied in db.query(db.sql(query)):
        out[name] = Deployment(name, sql, engine, tuple(DeployedColumn(*c) for c in json.loads(columns)),
                               version, applied)
    return out


def ensure_table(db: LiveDatabase, schema: str) -> None:
    def column(name: str, dtype: str) -> exp.ColumnDef:
        constraints = [exp.ColumnConstraint(kind=exp.NotNullColumnConstraint())]
        if name == "view_name":
            constraints.append(exp.ColumnConstraint(kind=exp.PrimaryKeyColumnConstraint()))
        return exp.ColumnDef(this=exp.to_identifier(name), kind=exp.DataType.build(dtype), constraints=constraints)

    schema_def = exp.Schema(this=db.table(schema, TABLE), expressions=[column(n, t) for n, t in _COLUMNS])
    db.execute(db.sql(exp.Create(this=schema_def, kind="TABLE", exists=True)))


def record(db: LiveDatabase, schema: str, view: CompiledView, definition: str | None,
           engine_columns: Sequence[tuple[str, str]]) -> None:
    """Replace the view's row (delete + insert: the same two statements on every engine)."""
    types = {c.name: c.type for c in view.columns}
    columns = [[name, types.get(name), engine_type] for name, engine_type in engine_columns]
    applied = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    values = (view.name, sql_hash(view), definition_hash(definition), json.dumps(columns, ensure_ascii=False),
              __version__, applied)
    forget(db, schema, view.name)
    insert = exp.insert(exp.values([tuple(exp.Literal.string(v) for v in values)]), db.table(schema, TABLE),
                        columns=[name for name, _ in _COLUMNS])
    db.execute(db.sql(insert))


def forget(db: LiveDatabase, schema: str, name: str) -> None:
    where = exp.EQ(this=exp.column("view_name"), expression=exp.Literal.string(name))
    db.execute(db.sql(exp.delete(db.table(schema, TABLE), where=where)))
