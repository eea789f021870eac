"""Everything the pages show, gathered once from a resolved catalog.

The views are compiled for every registered dialect (a dialect that rejects the
catalog shows its diagnostics in its tab instead of SQL); usage indexes say which
views and metrics use each metric; the lineage graph and the page slugs are built
here too, so the HTML and Markdown writers only format.
"""
from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from ..dialects import DIALECTS, Dialect
from ..generator.compile import CompiledView, compile_catalog
from ..generator.diagnostics import CompileError, format_diagnostic
from ..generator.model import ColumnKind, FieldMapping, MappedField, View
from ..generator.resolve import Catalog
from .lineage import Graph, catalog_graph, formula_inputs
from .paths import Links, slugs

KNOWN_SECTIONS = ("sources", "entities", "relationships", "metrics", "views", "mappings")
SNIPPET_DIALECT = "duckdb"  # the metric pages' SQL: the reference engine's spelling


@dataclass(frozen=True, slots=True)
class ViewSql:
    """One view on one dialect: its script, or why it could not be generated there."""

    dialect: str
    title: str
    read: str  # sqlglot dialect name, for highlighting
    sql: str | None
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Usage:
    """Where a metric appears: a view column (`column`), a view's row rule, or via a formula."""

    view: str
    column: str | None
    through: str | None = None  # the derived metric that needs it
    rows: bool = False


@dataclass(frozen=True, slots=True)
class MetricSql:
    """A metric as rendered inside one view's SQL (DuckDB spelling)."""

    view: str
    dialect: str
    aggregate: str | None  # the aggregation, per grain group (aggregate metrics)
    where: str | None  # the scope's row condition: as-of cut and window
    final: str | None  # the view's column expression: defaults, formulas, casts


@dataclass(frozen=True, slots=True)
class Section:
    """A top-level catalog section these docs do not know (e.g. CDP field mappings): shown as a table."""

    name: str
    fields: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class SiteData:
    catalog: Catalog
    version: str
    as_of: datetime.date | None
    dialects: tuple[str, ...]
    sql: dict[str, tuple[ViewSql, ...]]  # view -> one per dialect, in registry order
    compiled: dict[str, CompiledView]  # view -> its first successful compilation (columns, deps)
    view_inputs: dict[str, tuple[str, ...]]  # view -> views it reads
    view_outputs: dict[str, tuple[str, ...]]  # view -> views that read it
    view_sources: dict[str, tuple[str, ...]]  # view -> sources it reads
    metric_usage: dict[str, tuple[Usage, ...]]
    metric_inputs: dict[str, tuple[str, ...]]  # derived metric -> metrics its formula names
    metric_outputs: dict[str, tuple[str, ...]]  # metric -> derived metrics naming it
    metric_sql: dict[str, MetricSql]
    graph: Graph
    sections: tuple[Section, ...]
    mappings: dict[str, FieldMapping]
    generated_by: dict[str, str]  # view -> the mapping that generates it

    def links(self, ext: str, index: str) -> Links:
        c = self.catalog
        table = {
            "views": slugs(c.views), "metrics": slugs(c.metrics), "entities": slugs(c.entities),
            "sources": slugs(c.sources), "mappings": slugs(self.mappings),
            "sections": slugs(s.name for s in self.sections),
        }
        return Links(table, ext, index)

    def view_kind(self, v: View) -> str:
        """`aggregated` (grain), `row-level` (from), `constant` (literal rows) or `generated`."""
        if v.name in self.generated_by:
            return "generated"
        if getattr(v, "values", ()):
            return "constant"
        return "row-level" if getattr(v, "base", None) else "aggregated"

    def mapped_field(self, source: str, column: str) -> MappedField | None:
        """The mapping entry naming a generic column, if any (a column is mapped at most once)."""
        return next((f for m in self.mappings.values() if m.source == source for f in m.fields
                     if f.field == column), None)

    def inherited_description(self, view: str, column: str) -> tuple[str, str] | None:
        """(description, where it comes from) for a row-level column that has none of its own."""
        for section, page, name in self.origin(view, column):
            if section == "views":
                v = self.catalog.views[page]
                col = next((c for c in v.columns if c.name == name), None)
                if col is not None and col.description:
                    return col.description, f"{page}.{name}"
            else:
                field = self.mapped_field(page, name)
                source = self.catalog.sources.get(page)
                col = source.column(name) if source is not None else None
                text = (field.description if field else None) or (col.description if col else None)
                if text:
                    return text, f"{page}.{name}"
        return None

    def origin(self, view: str, column: str, depth: int = 0) -> list[tuple[str, str, str]]:
        """Where a row-level view's column comes from, hop by hop: (section, page, column).

        `VW_CUSTOMER_MARKETING_IMPACT.ECOM_NUMBER_OF_ORDERS` ->
        [("views", "VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES", "ECOM_NUMBER_OF_ORDERS"),
         ("sources", "CUSTOMER_PROFILES", "FIELD5")]
        """
        v = self.catalog.views.get(view)
        col = next((c for c in v.columns if c.name == column), None) if v is not None else None
        if col is None or col.kind is not ColumnKind.COLUMN or not getattr(v, "base", None) or depth > 32:
            return []
        table, _, name = col.ref.rpartition(".")
        relation = v.base if not table else next((j.to for j in v.joins if j.alias == table), None)
        if relation in self.catalog.views:
            return [("views", relation, name), *self.origin(relation, name, depth + 1)]
        if relation in self.catalog.sources:
            return [("sources", relation, name)]
        return []


def collect(catalog: Catalog, version: str, as_of: datetime.date | None = None,
            dialects: dict[str, Dialect] | None = None) -> SiteData:
    targets = dict(dialects if dialects is not None else DIALECTS)
    builds: dict[str, dict[str, CompiledView]] = {}
    failures: dict[str, tuple[str, ...]] = {}
    for name, dialect in targets.items():
        try:
            builds[name] = {v.name: v for v in compile_catalog(catalog, dialect, as_of)}
        except CompileError as exc:  # the other dialects' pages are still worth having
            failures[name] = tuple(format_diagnostic(d, with_source=False) for d in exc.diagnostics)
    names = list(catalog.views)  # declared views, then those generated by field mappings
    sql: dict[str, tuple[ViewSql, ...]] = {}
    compiled: dict[str, CompiledView] = {}
    for view in names:
        per = []
        for name, dialect in targets.items():
            cv = builds.get(name, {}).get(view)
            if cv is not None:
                compiled.setdefault(view, cv)
                per.append(ViewSql(name, dialect.title, dialect.sqlglot_name, cv.sql))
            else:
                errors = failures.get(name, ("this view was not generated",))
                per.append(ViewSql(name, dialect.title, dialect.sqlglot_name, None, errors))
        sql[view] = tuple(per)
    tables = {(f"{s.schema}.{s.table}" if s.schema else s.table): s.name for s in catalog.project.sources}
    view_inputs = {v: tuple(dict.fromkeys(
        [*(catalog.view_deps(catalog.views[v]) if hasattr(catalog, "view_deps") else ()),
         *(d for d in (compiled[v].dependencies if v in compiled else ()) if d in catalog.views and d != v)]))
        for v in names}
    view_sources = {v: tuple(sorted({tables[d] for d in (compiled[v].dependencies if v in compiled else ())
                                     if d in tables and d not in catalog.views})) for v in names}
    view_outputs = {v: tuple(w for w in names if v in view_inputs[w]) for v in names}
    metric_inputs = {m.name: tuple(formula_inputs(catalog, m)) for m in catalog.project.metrics if m.derived}
    metric_outputs = {m: tuple(d for d, ins in metric_inputs.items() if m in ins) for m in catalog.metrics}
    usage = _usage(catalog, metric_inputs)
    snippet = builds.get(SNIPPET_DIALECT) or next(iter(builds.values()), {})
    snippet_dialect = SNIPPET_DIALECT if SNIPPET_DIALECT in builds else next(iter(builds), None)
    metric_sql = _metric_sql(catalog, usage, snippet, targets[snippet_dialect].sqlglot_name
                             if snippet_dialect else "duckdb", snippet_dialect or "")
    mappings = dict(getattr(catalog, "mappings", {}) or {})
    generated_by = {name: m.name for m in mappings.values() for name in (m.view, m.fields_view) if name}
    return SiteData(
        catalog=catalog, version=version, as_of=as_of, dialects=tuple(targets), sql=sql, compiled=compiled,
        view_inputs=view_inputs, view_outputs=view_outputs, view_sources=view_sources, metric_usage=usage,
        metric_inputs=metric_inputs, metric_outputs=metric_outputs, metric_sql=metric_sql,
        graph=catalog_graph(catalog, view_inputs), sections=_sections(catalog), mappings=mappings,
        generated_by=generated_by,
    )


def _usage(catalog: Catalog, inputs: dict[str, tuple[str, ...]]) -> dict[str, tuple[Usage, ...]]:
    """For each metric, every view column showing it, directly or through formulas, and row rules."""
    out: dict[str, list[Usage]] = {m: [] for m in catalog.metrics}

    def walk(metric: str, usage: Usage, seen: set[str]) -> None:
        for dep in inputs.get(metric, ()):
            if dep not in seen:
                seen.add(dep)
                out[dep].append(dataclasses.replace(usage, through=usage.through or metric))
                walk(dep, dataclasses.replace(usage, through=usage.through or metric), seen)

    for v in catalog.views.values():
        for col in v.columns:
            if col.kind is ColumnKind.METRIC and col.ref in out:
                out[col.ref].append(Usage(v.name, _column_name(catalog, col)))
                walk(col.ref, Usage(v.name, _column_name(catalog, col)), {col.ref})
        for name in v.rows:
            if name in out:
                out[name].append(Usage(v.name, None, rows=True))
    return {m: tuple(dict.fromkeys(u)) for m, u in out.items()}


def _column_name(catalog: Catalog, col) -> str:
    if col.kind is ColumnKind.ENTITY and not col.name:
        entity = catalog.entities.get(col.ref)
        return entity.column if entity else col.ref
    return col.name


def _metric_sql(catalog: Catalog, usage: dict[str, tuple[Usage, ...]], builds: dict[str, CompiledView],
                read: str, dialect: str) -> dict[str, MetricSql]:
    """Each metric's expressions as the first view showing it renders them (parsed back from the SQL)."""
    trees: dict[str, exp.Expression | None] = {}
    out = {}
    for metric, uses in usage.items():
        use = next((u for u in uses if u.column is not None and u.through is None), None) or \
            next((u for u in uses if u.column is not None), None)
        if use is None or use.view not in builds:
            continue
        if use.view not in trees:
            trees[use.view] = _parse(builds[use.view], read)
        tree = trees[use.view]
        if tree is None:
            continue
        aggregate, where = _scope_parts(tree, metric, read)
        final = None if use.through else _projection(tree, use.column, read)
        if aggregate or final:
            out[metric] = MetricSql(use.view, dialect, aggregate, where, final)
    return out


def _parse(view: CompiledView, read: str) -> exp.Expression | None:
    for statement in view.statements:  # the statement holding the query (others may be DROPs)
        try:
            tree = sqlglot.parse_one(statement, read=read)
        except SqlglotError:
            continue
        if tree is not None and tree.find(exp.Select) is not None:
            return tree
    return None


def _scope_parts(tree: exp.Expression, metric: str, read: str) -> tuple[str | None, str | None]:
    main = tree.find(exp.Select)
    for cte in (main.ctes if main is not None else ()):
        select = cte.this
        if not isinstance(select, exp.Select):
            continue
        for p in select.expressions:
            if isinstance(p, exp.Alias) and p.alias == metric and p.this.find(exp.AggFunc) is not None:
                where = select.args.get("where")
                return p.this.sql(dialect=read), (where.this.sql(dialect=read) if where is not None else None)
    return None, None


def _projection(tree: exp.Expression, column: str | None, read: str) -> str | None:
    main = tree.find(exp.Select)
    for p in (main.expressions if main is not None else ()):
        if isinstance(p, exp.Alias) and p.alias == column:
            return p.this.sql(dialect=read, pretty=True)
    return None


def _sections(catalog: Catalog) -> tuple[Section, ...]:
    """Project sections this version of the docs does not know, shown generically."""
    out = []
    for f in dataclasses.fields(catalog.project):
        if f.name in KNOWN_SECTIONS:
            continue
        items = getattr(catalog.project, f.name)
        if not isinstance(items, tuple) or not items:
            continue
        names = [g.name for g in dataclasses.fields(items[0]) if g.name != "span" and not g.name.endswith("_spans")] \
            if dataclasses.is_dataclass(items[0]) else ["value"]
        rows = tuple(tuple(plain(getattr(item, n, None) if dataclasses.is_dataclass(item) else item) for n in names)
                     for item in items)
        out.append(Section(f.name, tuple(names), rows))
    return tuple(out)


def plain(value: Any) -> str:
    """Any model value as short text: enums by value, pairs as `a -> b`, fragments as written."""
    if value is None:
        return ""
    if hasattr(value, "value") and not dataclasses.is_dataclass(value):  # an Enum
        return str(value.value)
    if dataclasses.is_dataclass(value):
        if hasattr(value, "text"):
            return str(value.text)
        if hasattr(value, "name"):
            return str(value.name)
        return str(value)
    if isinstance(value, tuple):
        if all(isinstance(v, tuple) and len(v) == 2 for v in value):
            return ", ".join(f"{plain(a)} -> {plain(b)}" for a, b in value)
        return ", ".join(plain(v) for v in value)
    return str(value)

