"""`semview diff`: the views deployed in a database against what the catalog generates now.

Read-only. Against `semview_deployments` (written by `semview apply`, see
`deployments.py`) each catalog view is:

- **missing**: not in the database;
- **changed**: its stored definition differs from the one recorded right after semview
  applied it (someone replaced it by hand), or the catalog now generates different
  statements, or semview never applied it; with the columns added, removed or retyped;

and a view semview applied that the catalog no longer has is **extra**.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from . import deployments
from .apply import target_schema
from .dburl import DatabaseURL
from .generator.compile import CompiledView
from .livedb import LiveDatabase, open_database

MISSING, CHANGED, EXTRA = "missing", "changed", "extra"


@dataclass(frozen=True, slots=True)
class ColumnChange:
    kind: str  # added, removed, retyped
    name: str
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        if self.kind == "retyped":
            return f"retyped {self.name}: {self.old} -> {self.new}"
        shown = self.new if self.kind == "added" else self.old
        return f"{self.kind} {self.name}" + (f" ({shown})" if shown else "")


@dataclass(frozen=True, slots=True)
class Change:
    reason: str
    columns: tuple[ColumnChange, ...] = ()


@dataclass(frozen=True, slots=True)
class Drift:
    name: str
    state: str  # missing, changed, extra
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class DriftReport:
    target: str  # the URL, password masked
    engine: str
    schema: str
    views: int  # how many views the catalog has
    drifts: tuple[Drift, ...]

    @property
    def clean(self) -> bool:
        return not self.drifts

    def count(self, state: str) -> int:
        return sum(1 for d in self.drifts if d.state == state)


def compare_columns(old: Sequence[tuple[str, str | None]], new: Sequence[tuple[str, str | None]],
                    types: bool = True) -> tuple[ColumnChange, ...]:
    """Columns of `new` against `old`, matched by name: added, removed, retyped."""
    before, after = dict(old), dict(new)
    out = [ColumnChange("removed", n, before[n]) for n in before if n not in after]
    out += [ColumnChange("added", n, None, after[n]) for n in after if n not in before]
    if types:
        out += [ColumnChange("retyped", n, before[n], after[n]) for n in after
                if n in before and (before[n] or "").lower() != (after[n] or "").lower()]
    return tuple(out)


def diff_views(url: DatabaseURL, views: Sequence[CompiledView], schema: str | None = None) -> DriftReport:
    """Compare the database at `url` with `views` (compiled with the options `apply` used)."""
    with open_database(url, read_only=True) as db:
        with db.reading_views():
            name = target_schema(db, schema)
            drifts = _drifts(db, name, views)
        return DriftReport(url.shown, db.title, name, len(views), tuple(drifts))


def _drifts(db: LiveDatabase, schema: str, views: Sequence[CompiledView]) -> list[Drift]:
    deployed = db.views(schema)
    registry = deployments.read(db, schema)
    out = []
    for view in views:
        if view.name not in deployed:
            out.append(Drift(view.name, MISSING))
            continue
        engine_columns = db.columns(schema, view.name)
        row = registry.get(view.name)
        changes = []
        if row is None:
            # Only names compare: the catalog's portable types are not the engine's.
            columns = compare_columns(engine_columns, [(c.name, c.type) for c in view.columns], types=False)
            changes.append(Change(f"not applied by semview (no row in {deployments.TABLE}); the catalog's "
                                  "columns against the database's", columns))
        else:
            if row.engine_definition_hash != deployments.definition_hash(deployed[view.name]):
                applied = [(c.name, c.engine_type) for c in row.columns]
                changes.append(Change(f"changed in the database since semview applied it ({row.applied_at})",
                                      compare_columns(applied, engine_columns)))
            if row.sql_hash != deployments.sql_hash(view):
                applied = [(c.name, c.type) for c in row.columns]
                changes.append(Change("the catalog generates a different definition than the one applied "
                                      f"({row.applied_at})", compare_columns(applied, [(c.name, c.type)
                                                                                     for c in view.columns])))
        if changes:
            out.append(Drift(view.name, CHANGED, tuple(changes)))
    names = {v.name for v in views}
    for row in registry.values():
        if row.view_name not in names and row.view_name in deployed:
            out.append(Drift(row.view_name, EXTRA, (Change(f"applied by semview ({row.applied_at}), no longer "
                                                           "in the catalog"),)))
    return out


def format_report(report: DriftReport) -> str:
    """What `semview diff` prints: each view that differs, with its column changes."""
    lines = [f"semview: {report.views} catalog view(s) against {report.target} "
             f"({report.engine}, schema {report.schema})"]
    for drift in report.drifts:
        lines.append(f"  {drift.state:<8} {drift.name}")
        for change in drift.changes:
            lines.append(f"             {change.reason}")
            lines.extend(f"               {column}" for column in change.columns)
    if report.clean:
        lines.append("semview: no drift: every view matches the catalog")
    else:
        counts = ", ".join(f"{report.count(s)} {s}" for s in (CHANGED, MISSING, EXTRA) if report.count(s))
        lines.append(f"semview: drift: {counts}")
    return "\n".join(lines) + "\n"
