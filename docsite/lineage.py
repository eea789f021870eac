"""The lineage graph of a catalog: source columns -> metrics -> views.

Nodes are typed by what they are (a source column, a source's rows, a rollup, an
aggregate or derived metric, an entity, a view, or anything newer that the docs do not
know yet) and say which page documents them, so every picture links back to the site.

Edges follow the data: a column read by a metric's `expr` or `filter` feeds the
metric (a plain `count` reads the source's rows); a rollup is fed by its child
source; a derived metric by the metrics its formula names; an aggregated view by the
metrics, attributes and grain entities it shows; a row-level view by the columns it
shows, filters and joins on (a view it reads feeds it as a whole). A generic CDP
column that a field mapping names is drawn as `FIELD153 -> LIFETIME_VALUE`, and the
mapping itself feeds the view listing its fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from sqlglot import exp

from ..generator.model import ColumnKind, FieldMapping, Fragment, MappedField, Metric, Source, View
from ..generator.resolve import Catalog

# Left-to-right reading order of kinds; also the legend's order.
KINDS = ("rows", "column", "rollup", "mapped", "mapping", "entity", "metric", "derived", "view", "other")
KIND_LABELS = {
    "rows": "source rows", "column": "source column", "rollup": "rollup", "mapped": "mapped CDP field",
    "mapping": "field mapping", "entity": "entity", "metric": "metric", "derived": "derived metric",
    "view": "view", "other": "other",
}


@dataclass(frozen=True, slots=True)
class PageRef:
    """Which page documents a node: (`views`, `metrics`, `entities`, `sources`, ...), name, anchor."""

    section: str
    name: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    kind: str
    page: PageRef | None
    title: str = ""  # the tooltip: a description when there is one


@dataclass(frozen=True, slots=True)
class Graph:
    nodes: dict[str, Node]
    edges: tuple[tuple[str, str], ...]

    def around(self, focus: Iterable[str]) -> "Graph":
        """The focus nodes with everything upstream and downstream of them (not siblings)."""
        focus = [f for f in focus if f in self.nodes]
        keep = set(focus)
        for step in (self._preds(), self._succs()):
            seen = set(focus)
            todo = list(focus)
            while todo:
                for nxt in step.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            keep |= seen
        return Graph({k: v for k, v in self.nodes.items() if k in keep},
                     tuple(e for e in self.edges if e[0] in keep and e[1] in keep))

    def _preds(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for a, b in self.edges:
            out.setdefault(b, []).append(a)
        return out

    def _succs(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for a, b in self.edges:
            out.setdefault(a, []).append(b)
        return out

    def ordered_ids(self) -> list[str]:
        """Node ids by kind, then label: the layout's tie-breaking order."""
        rank = {k: i for i, k in enumerate(KINDS)}
        return sorted(self.nodes, key=lambda n: (rank.get(self.nodes[n].kind, len(KINDS)),
                                                 natural_key(self.nodes[n].label), n))


def natural_key(text: str) -> tuple:
    """`FIELD2` before `FIELD10`: digit runs compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.split(r"(\d+)", text) if part)


@dataclass
class _Builder:
    catalog: Catalog
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: set[tuple[str, str]] = field(default_factory=set)
    mapped: dict[tuple[str, str], tuple[FieldMapping, MappedField]] = field(default_factory=dict)

    def add(self, node: Node) -> str:
        self.nodes.setdefault(node.id, node)
        return node.id

    def link(self, a: str, b: str) -> None:
        if a != b:
            self.edges.add((a, b))

    def rows(self, source: str) -> str:
        s = self.catalog.sources.get(source)
        node = self.add(Node(f"rows:{source}", f"{source} (rows)", "rows", PageRef("sources", source),
                             (s.description or "") if s else ""))
        self.over_view(s, node)
        return node

    def over_view(self, source: Source | None, node: str) -> None:
        """A source declared over a catalog view (`view:`) is fed by that view."""
        view = getattr(source, "view", None) if source is not None else None
        if view and view in self.catalog.views:
            self.link(self.view(view), node)

    def view(self, name: str) -> str:
        v = self.catalog.views.get(name)
        return self.add(Node(f"view:{name}", name, "view", PageRef("views", name),
                             (v.description or "") if v else ""))

    def mapping(self, m: FieldMapping) -> str:
        return self.add(Node(f"mapping:{m.name}", m.name, "mapping", PageRef("mappings", m.name),
                             m.description or ""))

    def column(self, source: Source, name: str) -> str:
        """A source column (or a mapped generic one), or a rollup (fed in turn by its child source)."""
        node_id = f"column:{source.name}.{name}"
        roll = next((r for r in source.rollups if r.name == name), None)
        if roll is None:
            col = source.column(name)
            if (source.name, name) in self.mapped:
                m, f = self.mapped[(source.name, name)]
                return self.add(Node(node_id, f"{name} \u2192 {f.alias}", "mapped",
                                     PageRef("mappings", m.name, f"field-{name}"),
                                     f"{source.name}.{name}" + (f": {f.description}" if f.description else "")))
            node = self.add(Node(node_id, f"{source.name}.{name}", "column",
                                 PageRef("sources", source.name, f"col-{name}"),
                                 (col.description or "") if col else ""))
            self.over_view(source, node)
            return node
        node = self.add(Node(node_id, f"{source.name}.{name}", "rollup",
                             PageRef("sources", source.name, f"col-{name}"), roll.description or ""))
        child = self.catalog.sources.get(roll.source)
        names = self.fragment_columns(roll.expr, roll.filter)
        if child is None:
            return node
        for col in names or [None]:
            self.link(self.column(child, col) if col else self.rows(child.name), node)
        return node

    def reads(self, relation: str, column: str | None) -> str | None:
        """The node behind `column` of a source or view a row-level view reads (None: no such column)."""
        if relation in self.catalog.views:
            return self.view(relation)
        source = self.catalog.sources.get(relation)
        if source is None:
            return None
        if column and source.column(column) is None and not any(r.name == column for r in source.rollups):
            return None
        return self.column(source, column) if column else self.rows(source.name)

    def has_column(self, relation: str, column: str) -> bool:
        source = self.catalog.sources.get(relation)
        if source is not None:
            return source.column(column) is not None or any(r.name == column for r in source.rollups)
        view = self.catalog.views.get(relation)
        return view is not None and any(c.name == column or (not c.name and c.ref == column) for c in view.columns)

    def fragment_columns(self, *fragments: Fragment | None) -> list[str]:
        return [c.name for c in self.fragment_refs(*fragments)]

    def fragment_refs(self, *fragments: Fragment | None) -> list[exp.Column]:
        out: dict[tuple[str, str], exp.Column] = {}
        for f in fragments:
            tree = self.catalog.fragments.get(f) if f is not None else None
            for col in (tree.find_all(exp.Column) if tree is not None else ()):
                out.setdefault((col.table, col.name), col)
        return list(out.values())

    def metric(self, m: Metric) -> str:
        kind = "derived" if m.derived else "metric"
        return self.add(Node(f"metric:{m.name}", m.name, kind, PageRef("metrics", m.name), m.description or ""))


def formula_inputs(catalog: Catalog, m: Metric) -> list[str]:
    """The metrics a derived metric's formula names, in order of appearance."""
    tree = catalog.fragments.get(m.expr) if m.expr is not None else None
    names = (c.name for c in tree.find_all(exp.Column)) if tree is not None else ()
    return [n for n in dict.fromkeys(names) if n in catalog.metrics]


def catalog_graph(catalog: Catalog, view_inputs: Mapping[str, Iterable[str]]) -> Graph:
    """The whole catalog's lineage; `view_inputs` names the views each view reads."""
    mappings = getattr(catalog, "mappings", {}) or {}
    b = _Builder(catalog, mapped={(m.source, f.field): (m, f) for m in mappings.values() for f in m.fields})
    for m in catalog.project.metrics:
        node = b.metric(m)
        if m.derived:
            for dep in formula_inputs(catalog, m):
                if dep in catalog.metrics:
                    b.link(b.metric(catalog.metrics[dep]), node)
            continue
        source = catalog.sources.get(m.source or "")
        if source is None:
            continue
        columns = b.fragment_columns(m.expr, m.filter)
        for col in columns or [None]:
            b.link(b.column(source, col) if col else b.rows(source.name), node)
    fields_views = {m.fields_view: m for m in mappings.values() if m.fields_view}
    for v in catalog.views.values():
        node = b.view(v.name)
        if getattr(v, "values", ()) or v.name in fields_views:
            if v.name in fields_views:
                b.link(b.mapping(fields_views[v.name]), node)
        elif getattr(v, "base", None):
            _row_view(b, v, node)
        else:
            _aggregated_view(b, catalog, v, node)
        for upstream in view_inputs.get(v.name, ()):
            if upstream in catalog.views:
                b.link(b.view(upstream), node)
    for m in mappings.values():  # a mapping nobody reads still has its picture
        b.mapping(m)
    return Graph(dict(sorted(b.nodes.items())), tuple(sorted(b.edges)))


def _aggregated_view(b: _Builder, catalog: Catalog, v: View, node: str) -> None:
    for name in v.grain:
        e = catalog.entities.get(name)
        if e is not None:
            b.link(b.add(Node(f"entity:{e.name}", f"{e.name} ({e.column})", "entity",
                              PageRef("entities", e.name), e.description or "")), node)
    for name in v.rows:
        if name in catalog.metrics:
            b.link(b.metric(catalog.metrics[name]), node)
    for col in v.columns:
        _view_column(b, catalog, v.name, col, node)


def _row_view(b: _Builder, v: View, node: str) -> None:
    """A row-level view reads its base and joins: every column shown, filtered or joined on."""
    relations = {"": v.base, "base": v.base, **{j.alias: j.to for j in v.joins}}

    own = {c.name for c in v.columns}

    def read(table: str, column: str) -> None:
        relation = relations.get(table)
        if not table and column in own and not b.has_column(v.base, column):
            return  # an expression naming another column of this same view
        if relation is not None:
            found = b.reads(relation, column)
            if found is not None:
                b.link(found, node)

    for col in v.columns:
        if col.kind is ColumnKind.COLUMN:
            table, _, name = col.ref.rpartition(".")
            read(table, name)
        else:
            for ref in b.fragment_refs(getattr(col, "expr", None)):
                read(ref.table, ref.name)
    for ref in b.fragment_refs(v.filter):
        read(ref.table, ref.name)
    for j in v.joins:
        for mine, theirs in j.on:
            read("", mine)
            read(j.alias, theirs)


def _view_column(b: _Builder, catalog: Catalog, view: str, col, node: str) -> None:
    kind = col.kind.value if isinstance(col.kind, ColumnKind) else str(col.kind)
    ref = str(col.ref)
    if kind == "metric" and ref in catalog.metrics:
        b.link(b.metric(catalog.metrics[ref]), node)
    elif kind == "entity" and ref in catalog.entities:
        e = catalog.entities[ref]
        b.link(b.add(Node(f"entity:{e.name}", f"{e.name} ({e.column})", "entity", PageRef("entities", e.name),
                          e.description or "")), node)
    elif kind == "attribute":
        entity_name, _, column = ref.partition(".")
        entity = catalog.entities.get(entity_name)
        dim = catalog.sources.get(entity.dimension or "") if entity else None
        if dim is not None and column:
            b.link(b.column(dim, column), node)
    elif kind == "period":
        return  # the period's first day or unit: computed from the sources' time columns
    else:
        # A column kind this version of the docs does not know: show it rather than drop
        # it, linked to the view's column.
        b.link(b.add(Node(f"{kind}:{view}.{col.name}", f"{kind}: {ref}", "other",
                          PageRef("views", view, f"col-{col.name}"), col.description or "")), node)
