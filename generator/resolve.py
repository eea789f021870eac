"""Stage 3: names -> checked references; fragments -> sqlglot trees; derived-metric order.

Produces a `Catalog`: the project plus indexes and every parsed fragment, so later
stages never look a name up by scanning or re-parse YAML text.
"""
from __future__ import annotations

from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from sqlglot import exp

from .diagnostics import Collector, did_you_mean
from .fragments import PERIOD_START, NameSet, parameters, parse_fragment
from .model import (Agg, Cardinality, ColumnKind, Entity, FieldMapping, FieldType, Fragment, Metric, Project,
                    Relationship, Source, View, ViewColumn)

FIELDS_VIEW_COLUMNS = ("FIELD_NAME", "ALIAS_FIELD_NAME", "FIELD_TYPE", "DESCRIPTION")


@dataclass(frozen=True, slots=True)
class Catalog:
    project: Project
    sources: dict[str, Source]
    entities: dict[str, Entity]
    metrics: dict[str, Metric]
    views: dict[str, View]
    fragments: dict[Fragment, exp.Expression]
    # (parent, child) -> pairs of (parent column, child column), for rollups
    links: dict[tuple[str, str], tuple[tuple[str, str], ...]]
    mappings: dict[str, FieldMapping]
    view_order: tuple[str, ...]  # every view (generated ones too), each after the views it reads

    def unique_parent(self, parent: str, child: str) -> bool:
        """True if each `child` row has at most one `parent` row (declared many-to-one)."""
        return _many_to_one(self.project, child, parent)

    def tree(self, fragment: Fragment | None) -> exp.Expression | None:
        """A parsed fragment (a copy: callers transform it)."""
        return None if fragment is None else self.fragments[fragment].copy()

    def key_path(self, entity: Entity, source: str) -> tuple[str, str | None] | None:
        """How `source` rows find `entity`'s key: (column, None) when the source has it, or
        (column of a parent, parent) through a many-to-one relationship; None if neither."""
        own = entity.key_in(source)
        if own:
            return own, None
        for (parent, child), _ in sorted(self.links.items()):
            if child == source and entity.key_in(parent) and _many_to_one(self.project, source, parent):
                return entity.key_in(parent), parent
        return None

    def relation(self, name: str) -> str | None:
        """The catalog view behind a name (a view, or a source over a view), if any."""
        if name in self.views:
            return name
        source = self.sources.get(name)
        return source.view if source is not None and source.view in self.views else None


def _many_to_one(project: Project, child: str, parent: str) -> bool:
    for rel in project.relationships:
        if rel.source == child and rel.to == parent and rel.cardinality in (Cardinality.MANY_TO_ONE,
                                                                             Cardinality.ONE_TO_ONE):
            return True
        if rel.source == parent and rel.to == child and rel.cardinality in (Cardinality.ONE_TO_MANY,
                                                                             Cardinality.ONE_TO_ONE):
            return True
    return False

    def unique_parent(self, parent: str, child: str) -> bool:
        """True if each `child` row has at most one `parent` row (declared many-to-one)."""
        return _many_to_one(self.project, child, parent)

    def tree(self, fragment: Fragment | None) -> exp.Expression | None:
        return None if fragment is None else self.fragments[fragment].copy()

    def metric_deps(self, metric: Metric) -> list[str]:
        """Metrics a derived metric's formula names, in order of appearance."""
        tree = self.fragments[metric.expr]
        return list(dict.fromkeys(c.name for c in tree.find_all(exp.Column)))


def resolve(project: Project, diags: Collector) -> Catalog:
    sources = {s.name: s for s in project.sources}
    entities = {e.name: e for e in project.entities}
    metrics = {m.name: m for m in project.metrics}
    views = {v.name: v for v in project.views}
    r = _Resolver(project, sources, entities, metrics, diags)
    generated = tuple(v for m in project.mappings for v in r.mapping(m))
    views = {v.name: v for v in (*project.views, *generated)}
    r.views = views
    for source in project.sources:
        r.source(source)
    links = {}
    for rel in project.relationships:
        link = r.relationship(rel)
        if link:
            links.update(link)
    r.links = links
    for source in project.sources:
        r.rollups(source)
    for entity in project.entities:
        r.entity(entity)
    for metric in project.metrics:
        r.metric(metric)
    r.cycles()
    for view in views.values():
        if view.row_level:
            r.row_view(view)
        elif not view.values:
            r.view(view)
    catalog = Catalog(project, sources, entities, metrics, views, r.fragments, links,
                      {m.name: m for m in project.mappings}, ())
    r.catalog = catalog
    r.key_errors(catalog)
    return Catalog(project, sources, entities, metrics, views, r.fragments, links,
                   {m.name: m for m in project.mappings}, r.view_order())


class _Resolver:
    def __init__(self, project: Project, sources: dict[str, Source], entities: dict[str, Entity],
                 metrics: dict[str, Metric], diags: Collector) -> None:
        self.project, self.sources, self.entities, self.metrics, self.diags = \
            project, sources, entities, metrics, diags
        self.fragments: dict[Fragment, exp.Expression] = {}
        self.links: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        self.views: dict[str, View] = {}
        self._columns: dict[str, list[str] | None] = {}
        self._needed: dict[str, set[str]] = {}

    def _source(self, name: str, span, what: str) -> Source | None:
        if name in self.sources:
            return self.sources[name]
        self.diags.error("SV107", f"{what} names unknown source '{name}'", span,
                         did_you_mean(name, self.sources) or "declare it under `sources:`")
        return None

    def _column(self, source: Source, name: str, span, what: str) -> bool:
        if source.column(name) or any(r.name == name for r in source.rollups):
            return True
        pool = [c.name for c in source.columns] + [r.name for r in source.rollups]
        self.diags.error("SV106", f"{what} names unknown column '{name}' of source '{source.name}'", span,
                         did_you_mean(name, pool) or f"columns of {source.name}: {', '.join(pool)}")
        return False

    def _parse(self, fragment: Fragment | None, names, what: str, allow_as_of: bool = False,
               qualified: bool = False, windows: bool = False) -> None:
        if fragment is None:
            return
        tree = parse_fragment(fragment, self.diags, names, what, allow_as_of, qualified, windows)
        if tree is not None:
            self.fragments[fragment] = tree

    def source(self, s: Source) -> None:
        if s.view is not None:
            shown = self.columns_of(s.view, s.span, f"source '{s.name}'")
            for col in s.columns if shown is not None else ():
                if col.name not in shown:
                    self.diags.error("SV106", f"view '{s.view}' has no column '{col.name}'", col.span,
                                     did_you_mean(col.name, shown) or f"its columns: {', '.join(shown)}")
        self._parse(s.filter, NameSet([c.name for c in s.columns]), f"filter of source '{s.name}'",
                    allow_as_of=True)
        if s.time:
            col = s.column(s.time)
            if col is None:
                self._column(s, s.time, s.span, f"time of source '{s.name}'")
            elif col.type.kind != "date":
                self.diags.error("SV103", f"time column '{s.time}' of source '{s.name}' is not a date",
                                 col.span, "declare it `type: date` (with `format:` if stored as text)")

    def relationship(self, rel: Relationship) -> dict | None:
        a = self._source(rel.source, rel.span, "relationship")
        b = self._source(rel.to, rel.span, "relationship")
        if a is None or b is None:
            return None
        ok = all([self._column(a, x, rel.span, "relationship") and self._column(b, y, rel.span, "relationship")
                  for x, y in rel.on])
        if not ok:
            return None
        if rel.cardinality is Cardinality.MANY_TO_ONE:
            return {(rel.to, rel.source): tuple((y, x) for x, y in rel.on)}
        if rel.cardinality is Cardinality.ONE_TO_MANY:
            return {(rel.source, rel.to): rel.on}
        # one-to-one and many-to-many: either side can roll the other up (aggregated first)
        return {(rel.source, rel.to): rel.on, (rel.to, rel.source): tuple((y, x) for x, y in rel.on)}

    def rollups(self, s: Source) -> None:
        for roll in s.rollups:
            child = self._source(roll.source, roll.span, f"rollup '{roll.name}'")
            if child is None:
                continue
            if (s.name, child.name) not in self.links:
                self.diags.error("SV112", f"rollup '{roll.name}' needs a one-to-many relationship from "
                                 f"'{s.name}' to '{child.name}'", roll.span,
                                 f"add under relationships: `- {{from: {child.name}, to: {s.name}, on: {{...}}, "
                                 "cardinality: many_to_one}`")
            names = NameSet([c.name for c in child.columns])
            self._parse(roll.expr, names, f"expr of rollup '{roll.name}'")
            self._parse(roll.filter, names, f"filter of rollup '{roll.name}'")

    def entity(self, e: Entity) -> None:
        for src, col in e.keys:
            source = self._source(src, e.span, f"entity '{e.name}'")
            if source:
                self._column(source, col, e.span, f"key of entity '{e.name}'")
        if e.dimension:
            if self._source(e.dimension, e.span, f"dimension of entity '{e.name}'") and not e.key_in(e.dimension):
                self.diags.error("SV105", f"entity '{e.name}' has no key in its dimension '{e.dimension}'",
                                 e.span, f"add `{e.dimension}: <key column>` under keys")

    def metric(self, m: Metric) -> None:
        if m.derived:
            self._parse(m.expr, NameSet(self.metrics), f"formula of metric '{m.name}'", allow_as_of=True)
            return
        source = self._source(m.source, m.span, f"metric '{m.name}'")
        if source is None:
            return
        names = NameSet([c.name for c in source.columns] + [r.name for r in source.rollups])
        for col in m.order_by:
            self._column(source, col, m.span, f"order_by of metric '{m.name}'")
        self._parse(m.expr, names, f"expr of metric '{m.name}'")
        self._parse(m.filter, names, f"filter of metric '{m.name}'", allow_as_of=True)
        if m.window and not source.time:
            self.diags.error("SV113", f"metric '{m.name}' has a window but source '{source.name}' has no `time`",
                             m.window.span, f"set `time: <date column>` on source '{source.name}'")
        if m.as_text:
            tree = self.fragments.get(m.expr) if m.expr else None
            col = source.column(tree.name) if isinstance(tree, exp.Column) else None
            if col is None or col.date_format is None or m.agg not in (Agg.MIN, Agg.MAX):
                self.diags.error("SV103", f"metric '{m.name}': as_text needs min or max of a date column "
                                 "stored as text", m.span, "e.g. `agg: max`, `expr: VisitDate`, `as_text: true`")

    def cycles(self) -> None:
        graph = {m.name: [d for d in self._deps(m) if d in self.metrics] for m in self.metrics.values()
                 if m.derived and m.expr in self.fragments}
        try:
            tuple(TopologicalSorter(graph).static_order())
        except CycleError as exc:
            path = exc.args[1]
            first = self.metrics[path[0]]
            self.diags.error("SV109", f"derived metrics form a cycle: {' -> '.join(path)}", first.span,
                             "a metric's formula cannot depend on itself")

    def _deps(self, m: Metric) -> list[str]:
        return [c.name for c in self.fragments[m.expr].find_all(exp.Column)]

    def _uses_period_start(self, m: Metric) -> bool:
        tree = self.fragments.get(m.filter) if m.filter else None
        return tree is not None and any(p.name == PERIOD_START for p in tree.find_all(exp.Placeholder))

    def _closure(self, name: str, seen: set[str]) -> set[str]:
        """Every metric `name` needs (itself included), following formulas."""
        if name in seen or name not in self.metrics:
            return seen
        seen.add(name)
        m = self.metrics[name]
        if m.derived and m.expr in self.fragments:
            for dep in self._deps(m):
                self._closure(dep, seen)
        return seen

    def view(self, v: View) -> None:
        grain = []
        for name, span in zip(v.grain, v.grain_spans):
            if name in self.entities:
                grain.append(self.entities[name])
            else:
                self.diags.error("SV105", f"view '{v.name}' has unknown grain entity '{name}'", span,
                                 did_you_mean(name, self.entities) or "declare it under `entities:`")
        if not v.grain and v.period is None:
            self.diags.error("SV102", f"view '{v.name}' needs at least one grain entity or a period", v.span,
                             "e.g. `grain: [customer]` or `grain: [{period: month}]`")
        needed: set[str] = set()
        seen_names: dict[str, object] = {}
        for col in v.columns:
            shown = col.name
            if col.kind is ColumnKind.METRIC:
                if col.ref not in self.metrics:
                    self.diags.error("SV104", f"unknown metric '{col.ref}'", col.span,
                                     did_you_mean(col.ref, self.metrics) or "declare it under `metrics:`")
                else:
                    self._closure(col.ref, needed)
            elif col.kind is ColumnKind.PERIOD:
                if v.period is None:
                    self.diags.error("SV105", f"view '{v.name}' has no period in its grain", col.span,
                                     "add e.g. `- period: month` to the grain")
                    continue
                shown = col.name or (v.period.column if col.ref == "start" else v.period.label or "")
                if col.ref == "label" and v.period.label is None:
                    self.diags.error("SV102", "the period grain has no `label`", col.span, "add `label: Grain`")
            elif col.kind is ColumnKind.ENTITY:
                entity = self.entities.get(col.ref)
                if entity is None or entity.name not in v.grain:
                    self.diags.error("SV105", f"column entity '{col.ref}' is not in the grain of view '{v.name}'",
                                     col.span, did_you_mean(col.ref, v.grain) or f"grain: {', '.join(v.grain)}")
                shown = col.name or (entity.column if entity else col.ref)
            else:
                self._attribute(v, col)
            if shown.lower() in seen_names:
                self.diags.error("SV108", f"duplicate column '{shown}' in view '{v.name}'", col.span,
                                 "column names must differ (ignoring case: some engines fold it)")
            seen_names.setdefault(shown.lower(), col)
        for name, span in zip(v.rows, v.rows_spans):
            metric = self.metrics.get(name)
            if metric is None:
                self.diags.error("SV104", f"unknown metric '{name}' in rows of view '{v.name}'", span,
                                 did_you_mean(name, self.metrics) or "rows lists count metrics")
            elif metric.derived or metric.agg not in (Agg.COUNT, Agg.COUNT_DISTINCT):
                self.diags.error("SV114", f"rows of view '{v.name}' must list count metrics; '{name}' is not one",
                                 span, "rows are the keys where one of these counts is above zero")
            else:
                needed.add(name)
        self._needed[v.name] = needed
        # A metric is a column of its source's CTE beside the grain's keys: one name, one column.
        keys = {k.lower(): k for k in [e.column for e in grain] + ([v.period.column] if v.period else [])}
        for name in sorted(needed):
            m = self.metrics[name]
            if m.derived:
                self._check_parameters(self.fragments.get(m.expr), v, f"formula of metric '{name}'")
                continue
            if name.lower() in keys:
                self.diags.error("SV108", f"metric '{name}' has the name of key column '{keys[name.lower()]}' of "
                                 f"view '{v.name}'", m.span,
                                 "rename the metric: the view computes both in one query (ignoring case)")
            if v.period is None and self._uses_period_start(m):
                self.diags.error("SV116", f"metric '{name}' uses period_start_date but view '{v.name}' has no "
                                 "period in its grain", m.span, "add a period to the grain, or drop the condition")
            if v.period and m.source in self.sources and not self.sources[m.source].time:
                self.diags.error("SV113", f"metric '{name}' cannot be split by period: source '{m.source}' has "
                                 "no `time`", m.span, f"set `time:` on source '{m.source}'")
            if m.window and isinstance(m.window.days, str) and v.parameter(m.window.days) is None:
                self.diags.error("SV116", f"metric '{name}' needs parameter '{m.window.days}' that view "
                                 f"'{v.name}' does not set", v.span,
                                 f"add `parameters: {{{m.window.days}: <days>}}` to the view")

    def key_errors(self, catalog: Catalog) -> None:
        """Every metric of an aggregated view must reach each grain entity's key."""
        for view_name, needed in self._needed.items():
            view = self.views[view_name]
            for name in sorted(needed):
                m = self.metrics[name]
                if m.derived or m.source not in self.sources:
                    continue
                for entity_name in view.grain:
                    entity = self.entities.get(entity_name)
                    if entity is not None and catalog.key_path(entity, m.source) is None:
                        self.diags.error("SV115", f"metric '{name}' (source '{m.source}') has no key for entity "
                                         f"'{entity.name}' of view '{view.name}'", m.span,
                                         f"add `{m.source}: <column>` under the keys of entity '{entity.name}', "
                                         "or a many_to_one relationship to a source that has it")

    def _check_parameters(self, tree: exp.Expression | None, v: View, what: str) -> None:
        for p in parameters(tree) if tree is not None else ():
            if v.parameter(p.name) is None:
                self.diags.error("SV116", f"{what} uses parameter ':{p.name}' that view '{v.name}' does not set",
                                 v.span, f"add `parameters: {{{p.name}: <number>}}` to the view")

    def _attribute(self, v: View, col) -> None:
        entity_name, _, column = col.ref.partition(".")
        entity = self.entities.get(entity_name)
        if entity is None or not column:
            self.diags.error("SV105", f"attribute '{col.ref}' must be written entity.Column", col.span,
                             did_you_mean(entity_name, self.entities) or "e.g. customer.GrpID")
            return
        if entity.name not in v.grain:
            self.diags.error("SV105", f"attribute entity '{entity.name}' is not in the grain of view '{v.name}'",
                             col.span, f"grain: {', '.join(v.grain)}")
        if not entity.dimension:
            self.diags.error("SV105", f"entity '{entity.name}' has no dimension to take attributes from",
                             col.span, "set `dimension: <source>` on the entity")
            return
        dim = self.sources.get(entity.dimension)
        if dim is not None:
            self._column(dim, column, col.span, f"attribute '{col.ref}'")

    # -- field mappings and row-level views ------------------------------------------

    def mapping(self, m: FieldMapping) -> list[View]:
        """The views a mapping generates; its problems are reported here."""
        source = self._source(m.source, m.span, f"mapping '{m.name}'")
        if source is not None:
            for key in m.keys:
                self._column(source, key, m.span, f"key of mapping '{m.name}'")
            for f in m.fields:
                col = source.column(f.field)
                if col is None:
                    pool = [c.name for c in source.columns]
                    self.diags.error("SV142", f"'{source.name}' has no column '{f.field}'", f.span,
                                     did_you_mean(f.field, pool) or f"its columns: {', '.join(pool)}")
                elif (f.type is FieldType.NUMBER) != col.type.is_numeric:
                    self.diags.error("SV145", f"field '{f.field}' is declared {f.type.value} but column "
                                     f"'{f.field}' is {col.type}", f.span,
                                     "use type number for numeric columns and string for text")
        if source is None:  # reported above; the generated views would only repeat it
            return []
        # Columns reported missing above are left out, so the generated view does not repeat them.
        columns = tuple(ViewColumn(k, ColumnKind.COLUMN, k, m.span) for k in m.keys if source.column(k)) + tuple(
            ViewColumn(f.alias, ColumnKind.COLUMN, f.field, f.span, f.description) for f in m.fields
            if source.column(f.field))
        out = [View(m.view, m.description, (), columns, m.span, base=m.source)]
        if m.fields_view:
            rows = tuple((f.field, f.alias, f.type.value, f.description) for f in m.fields)
            meaning = (f"The generic column of {m.source} (e.g. STR12, FIELD153).",
                       f"The real name it is exposed under in {m.view}.",
                       "'string' or 'number'.", "What the field holds, as the catalog's authors describe it.")
            cols = tuple(ViewColumn(c, ColumnKind.COLUMN, c, m.span, d) for c, d in zip(FIELDS_VIEW_COLUMNS, meaning))
            out.append(View(m.fields_view, m.fields_description, (), cols, m.span, values=rows))
        return out

    def columns_of(self, name: str, span, what: str) -> list[str] | None:
        """Column names of a source or view, or None (reported) if there is no such thing."""
        if name in self.sources:
            return [c.name for c in self.sources[name].columns]
        if name not in self.views:
            self.diags.error("SV107", f"{what} names unknown source or view '{name}'", span,
                             did_you_mean(name, [*self.sources, *self.views]) or "declare it first")
            return None
        if name not in self._columns:
            self._columns[name] = None  # a view reached again while computing it is a cycle
            self._columns[name] = [self.shown_name(self.views[name], c) for c in self.views[name].columns]
        return self._columns[name]

    def shown_name(self, view: View, col: ViewColumn) -> str:
        """A column's output name (entity and period columns default to their key names)."""
        if col.name:
            return col.name
        if col.kind is ColumnKind.ENTITY and col.ref in self.entities:
            return self.entities[col.ref].column
        if col.kind is ColumnKind.PERIOD and view.period is not None:
            return view.period.column if col.ref == "start" else view.period.label or ""
        return col.ref

    def row_view(self, v: View) -> None:
        base = self.columns_of(v.base, v.span, f"view '{v.name}'")
        names: set[str] = set(base or ())
        aliases: set[str] = set()
        for j in v.joins:
            if j.alias in aliases:
                self.diags.error("SV108", f"join alias '{j.alias}' is used twice", j.span, "add `as: <alias>`")
            aliases.add(j.alias)
            cols = self.columns_of(j.to, j.span, f"join of view '{v.name}'")
            for mine, theirs in j.on:
                if base is not None and mine not in base:
                    self.diags.error("SV106", f"join on unknown column '{mine}' of '{v.base}'", j.span,
                                     did_you_mean(mine, base) or f"columns: {', '.join(base)}")
                if cols is not None and theirs not in cols:
                    self.diags.error("SV106", f"join on unknown column '{theirs}' of '{j.to}'", j.span,
                                     did_you_mean(theirs, cols) or f"columns: {', '.join(cols)}")
            names |= {f"{j.alias}.{c}" for c in cols or ()}
        pool = NameSet(names)
        self._parse(v.filter, pool, f"filter of view '{v.name}'", allow_as_of=True, qualified=True)
        self._check_parameters(self.fragments.get(v.filter), v, f"filter of view '{v.name}'")
        seen: dict[str, object] = {}
        earlier: set[str] = set()  # an expression may use the view's earlier columns by name
        for col in v.columns:
            pool = NameSet(names | {n for n in earlier if n not in names})
            if col.kind is ColumnKind.COLUMN and col.ref not in names:
                self.diags.error("SV106", f"view '{v.name}' has no column '{col.ref}' to show", col.span,
                                 did_you_mean(col.ref, names) or "write `column: Name` or `column: alias.Name`")
            elif col.kind is ColumnKind.EXPR:
                self._parse(col.expr, pool, f"column '{col.name}'", allow_as_of=True, qualified=True, windows=True)
                self._check_parameters(self.fragments.get(col.expr), v, f"column '{col.name}'")
            elif col.kind not in (ColumnKind.COLUMN, ColumnKind.EXPR):
                self.diags.error("SV103", f"view '{v.name}' (with `from`) cannot show {col.kind.value} columns",
                                 col.span, "use `column:` or `expr:`; metrics belong in views with `grain`")
            if col.name.lower() in seen:
                self.diags.error("SV108", f"duplicate column '{col.name}' in view '{v.name}'", col.span,
                                 "column names must differ (ignoring case: some engines fold it)")
            seen.setdefault(col.name.lower(), col)
            earlier.add(col.name)

    def reads(self, view: View) -> list[str]:
        """The catalog views `view` reads: its base and joins, and views behind its metrics' sources."""
        names = [view.base, *(j.to for j in view.joins)]
        names += [self.metrics[m].source for m in sorted(self._needed.get(view.name, ()))
                  if not self.metrics[m].derived]
        out = []
        for n in names:
            target = n if n in self.views else (self.sources[n].view if n in self.sources else None)
            if target in self.views and target not in out:
                out.append(target)
        return out

    def view_order(self) -> tuple[str, ...]:
        """Every view after the views it reads; declaration order otherwise. Cycles reported."""
        order: list[str] = []
        state: dict[str, int] = {}  # 1 visiting, 2 done

        def visit(name: str, path: list[str]) -> None:
            if state.get(name) == 2:
                return
            if state.get(name) == 1:
                cycle = path[path.index(name):] + [name]
                self.diags.error("SV118", f"views form a cycle: {' -> '.join(cycle)}", self.views[name].span,
                                 "a view cannot read itself, directly or through other views")
                return
            state[name] = 1
            for dep in self.reads(self.views[name]):
                visit(dep, path + [name])
            state[name] = 2
            order.append(name)

        for name in self.views:
            visit(name, [])
        return tuple(order)
