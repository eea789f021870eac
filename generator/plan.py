"""Stage 4: a view -> a dialect-neutral plan. No SQL text yet; fan-out safety lives here.

Every metric is computed in a *scope*: one source, one window, aggregated to the view's
grain on its own. A source read over several windows is scanned once: the metrics of its
narrower windows are computed in its widest scope, each counting only its window's rows
(`Measure.window_days`), except those that need their window's rows on their own (rollups
of child rows, rankings). Child rows (invoice lines) are first rolled up to their parent's key
(the invoice), so no join ever multiplies rows before aggregation. The view's rows are
the union of the grain keys found by its `rows` metrics; every scope is then
left-joined to those keys, one row per key each, so the final joins cannot fan out (two
row scopes whose keys are never NULL are FULL JOINed instead, where the dialect allows it).

Two sources that count each other's rows per link (planned route rows and visits, a
many-to-many pair) are *stacked* into one scope: both read once, counted side by side per
link key, then those counts aggregated to the grain (`_Planner._stack`).

Formulas stay sqlglot trees with placeholders the renderer lowers per dialect:
`Column(table=<scope>)` for a scope's measure, `Placeholder("as_of")`, the functions
`days_between`, `format_date` and `cast_to` (as `Anonymous`), and `Div` meaning true
division.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Iterable

from sqlglot import exp

from .model import Agg, ColumnKind, DataType, Entity, Metric, Source, View
from .resolve import Catalog


@dataclass(frozen=True, slots=True)
class Measure:
    name: str
    agg: Agg
    value: exp.Expression | None  # over the scope's columns; None = count rows
    filter: exp.Expression | None
    order_by: tuple[str, ...] = ()  # latest: columns of the scope, ascending; the last row wins
    offset: int = 0
    window_days: int | None = None  # only the rows of this window, inside a wider scope
    weight: str | None = None  # a stacked scope's count: each link group stands for this many rows
    as_text: bool = False  # min/max of a text date, given in its stored text format by the scope


def read_by(measures: Iterable[Measure]) -> dict[str, None]:
    """The scope columns and rollups `measures` read, in the order first read."""
    used: dict[str, None] = {}
    for m in measures:
        for tree in (m.value, m.filter):
            for col in (tree.find_all(exp.Column) if tree is not None else ()):
                used.setdefault(col.name, None)
        for col in m.order_by:
            used.setdefault(col, None)
        if m.weight is not None:
            used.setdefault(m.weight, None)
    return used


@dataclass(frozen=True, slots=True)
class Key:
    """A grain key of a scope: a column of the source, of a parent reached many-to-one
    (`via`), or the source's time truncated to the view's period."""

    name: str  # the key's output name
    column: str
    via: str | None = None
    period: bool = False


@dataclass(frozen=True, slots=True)
class RollupJoin:
    """Per-parent-row values from a child source, aggregated to the parent's key first."""

    child: str
    keys: tuple[tuple[str, str], ...]  # (parent column, child column)
    measures: tuple[tuple[Measure, str | None], ...]  # (measure, default for parents without children)
    parent: str = ""


@dataclass(frozen=True, slots=True)
class Stacked:
    """One source of a stacked pair: its rows, with the link's columns under common names."""

    source: str
    columns: tuple[tuple[str, str], ...]  # (common name, this source's column), for each link column
    rows: str  # the link group's count of this source's rows


@dataclass(frozen=True, slots=True)
class Scope:
    name: str  # the CTE's name
    source: str
    window_days: int | None
    keys: tuple[Key, ...]
    columns: tuple[str, ...]  # source columns and rollups the measures read
    measures: tuple[Measure, ...]
    rollups: tuple[RollupJoin, ...]
    vias: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # (parent, (parent col, child col))
    stack: tuple[Stacked, ...] = ()  # a stacked pair: both sources' rows counted per link key first
    # (period unit, finer unit): that unit's groups are re-aggregated from the finer unit's
    rolled_up: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Dimension:
    alias: str
    source: str
    key: str  # the dimension's key column
    grain_key: str  # the view's key column it joins to


@dataclass(frozen=True, slots=True)
class Output:
    name: str
    expression: exp.Expression
    type: DataType | None
    kind: ColumnKind
    ref: str
    description: str | None


@dataclass(frozen=True, slots=True)
class ViewPlan:
    view: View
    keys: tuple[str, ...]  # the grain's output key columns (the period's first), in grain order
    scopes: tuple[Scope, ...]
    row_scopes: tuple[tuple[str, str | None], ...]  # (scope, count measure that must be > 0)
    dimensions: tuple[Dimension, ...]
    outputs: tuple[Output, ...]
    as_of: datetime.date | None
    sources: tuple[str, ...]  # every source read, for the manifest


@dataclass(frozen=True, slots=True)
class Relation:
    """What a row-level view reads: a source table or another view of the catalog."""

    name: str
    alias: str
    is_view: bool


@dataclass(frozen=True, slots=True)
class RowViewPlan:
    """One output row per row of `base` (after `filter`); joins are many-to-one at most."""

    view: View
    base: Relation
    joins: tuple[tuple[Relation, tuple[tuple[str, str], ...]], ...]  # (joined, (base col, joined col))
    filter: exp.Expression | None
    outputs: tuple[Output, ...]
    sources: tuple[str, ...]
    as_of: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class ValuesPlan:
    """A constant view: literal rows, typed as text."""

    view: View
    outputs: tuple[Output, ...]
    rows: tuple[tuple[str | None, ...], ...]
    sources: tuple[str, ...] = ()
    as_of: datetime.date | None = None


AnyPlan = "ViewPlan | RowViewPlan | ValuesPlan"
# The coarser units each period unit lies within, finest unit first.
_NESTED_IN = {"day": ("month", "quarter", "year"), "month": ("quarter", "year"), "quarter": ("year",)}
BASE = "base"


def plan_view(catalog: Catalog, view: View, as_of: datetime.date | None,
              planned: dict[str, object] | None = None):
    """The plan of `view`; `planned` holds the plans of the views it reads (for their types)."""
    if view.values:
        outputs = tuple(Output(c.name, exp.column(c.name), DataType("string"), c.kind, c.ref, c.description)
                        for c in view.columns)
        return ValuesPlan(view, outputs, view.values)
    if view.row_level:
        return _plan_rows(catalog, view, planned or {}, as_of or view.as_of)
    return _Planner(catalog, view).plan(as_of or view.as_of)


def _plan_rows(catalog: Catalog, view: View, planned: dict[str, object],
               as_of: datetime.date | None) -> RowViewPlan:
    def relation(name: str, alias: str) -> Relation:
        return Relation(name, alias, name in catalog.views)

    def types(name: str) -> dict[str, DataType | None]:
        if name in catalog.sources:
            return {c.name: c.type for c in catalog.sources[name].columns}
        return {o.name: o.type for o in planned[name].outputs}

    def descriptions(name: str) -> dict[str, str]:
        """What each column of a source or view holds, so a column shown as it is says so too."""
        if name in catalog.sources:
            return {c.name: c.description or f"{name}.{c.name}, as stored." for c in catalog.sources[name].columns}
        return {o.name: o.description or f"{o.name} of {name}." for o in planned[name].outputs}

    base = relation(view.base, BASE)
    known = {c: t for c, t in types(view.base).items()}
    described = descriptions(view.base)
    joins = []
    for j in view.joins:
        joins.append((relation(j.to, j.alias), j.on))
        known |= {f"{j.alias}.{c}": t for c, t in types(j.to).items()}
        described |= {f"{j.alias}.{c}": d for c, d in descriptions(j.to).items()}

    base_columns = set(types(view.base))
    earlier: dict[str, exp.Expression] = {}

    def qualify(tree: exp.Expression) -> exp.Expression:
        def fn(n: exp.Expression) -> exp.Expression:
            if not isinstance(n, exp.Column):
                return n
            if not n.table and n.name not in base_columns and n.name in earlier:
                # an earlier column of this view, by its output name; parenthesised, since
                # sqlglot prints hand-built trees without adding any (x - (a - b))
                value = earlier[n.name].copy()
                return exp.paren(value, copy=False) if isinstance(value, exp.Binary) else value
            return exp.column(n.name, table=n.table or BASE)
        return tree.transform(fn)

    outputs = []
    for col in view.columns:
        if col.kind is ColumnKind.COLUMN:
            # Names may hold dots ("a.b" of a base view): only a join alias's prefix qualifies one.
            table, name = next(((j.alias, col.ref[len(j.alias) + 1:]) for j in view.joins
                                if col.ref not in base_columns and col.ref.startswith(f"{j.alias}.")),
                               (BASE, col.ref))
            outputs.append(Output(col.name, exp.column(name, table=table), known.get(col.ref), col.kind,
                                  col.ref, col.description or described.get(col.ref)))
        else:
            outputs.append(Output(col.name, qualify(catalog.tree(col.expr)), None, col.kind, col.ref,
                                  col.description))
        earlier[col.name] = outputs[-1].expression
    reads = [view.base, *(j.to for j in view.joins)]
    return RowViewPlan(view, base, tuple(joins), qualify(catalog.tree(view.filter)) if view.filter else None,
                       tuple(outputs), tuple(dict.fromkeys(reads)), as_of)


class _Planner:
    def __init__(self, catalog: Catalog, view: View) -> None:
        self.c = catalog
        self.view = view
        self.grain: list[Entity] = [catalog.entities[g] for g in view.grain]
        self.scopes: dict[tuple[str, int | None], list[Metric]] = {}
        self.placed: dict[str, tuple[tuple[str, int | None], int | None]] = {}  # metric -> (scope, window)
        self.counts: dict[tuple[str, int | None], dict[int, str]] = {}  # scope -> window -> row count
        self.stacked: dict[tuple[str, int | None], tuple[tuple[str, int | None], ...]] = {}  # key -> its pair

    def plan(self, as_of: datetime.date | None) -> ViewPlan:
        self.keys = ((self.view.period.column,) if self.view.period else ()) + tuple(e.column for e in self.grain)
        own = self._place()
        self._stack()
        outputs = [self._output(col) for col in self.view.columns]
        row_scopes = []
        for name in self.view.rows or ():
            m = self.c.metrics[name]
            row_scopes.append(self._rows_of(m))
        if not row_scopes:  # the keys of every (source, window) with rows make rows
            row_scopes = [self._window_rows(key) if key not in own else (self._scope_name(key), None)
                          for key in self.windows]
        scopes = tuple(self._stacked_scope(self.stacked[key]) if key in self.stacked else self._scope(key, metrics)
                       for key, metrics in self.scopes.items() if self.stacked.get(key, (key,))[0] == key)
        dims = {}
        for col in self.view.columns:
            if col.kind is ColumnKind.ATTRIBUTE:
                entity = self.c.entities[col.ref.split(".", 1)[0]]
                dims.setdefault(entity.name, Dimension(entity.name, entity.dimension,
                                                       entity.key_in(entity.dimension), entity.column))
        sources = sorted({s.source for s in scopes} | {r.child for s in scopes for r in s.rollups}
                         | {side.source for s in scopes for side in s.stack}
                         | {d.source for d in dims.values()})
        sources += [v for v in (self.c.relation(s) for s in sources) if v and v not in sources]
        return ViewPlan(self.view, self.keys, scopes, tuple(dict.fromkeys(row_scopes)), tuple(dims.values()),
                        tuple(outputs), as_of, tuple(sources))

    # -- outputs -------------------------------------------------------------------

    def _output(self, col) -> Output:
        if col.kind is ColumnKind.PERIOD:
            period = self.view.period
            if col.ref == "start":
                return Output(col.name or period.column, exp.column(period.column, table="k", quoted=True),
                              DataType("date"), col.kind, col.ref, col.description or
                              f"First day of the period ({', '.join(period.units)}).")
            return Output(col.name or period.label, exp.Placeholder(this="period_label"), DataType("string"),
                          col.kind, col.ref, col.description or f"The period: {', '.join(period.units)}.")
        if col.kind is ColumnKind.ENTITY:
            entity = self.c.entities[col.ref]
            return Output(col.name or entity.column, exp.column(entity.column, table="k", quoted=True),
                          entity.type, col.kind, col.ref, col.description or entity.description)
        if col.kind is ColumnKind.ATTRIBUTE:
            entity_name, _, column = col.ref.partition(".")
            dim = self.c.sources[self.c.entities[entity_name].dimension]
            c = dim.column(column)
            return Output(col.name, exp.column(column, table=entity_name, quoted=True), c.type, col.kind,
                          col.ref, col.description or c.description or
                          f"{dim.name}.{column} of the {entity_name} (its `{dim.name}` row).")
        m = self.c.metrics[col.ref]
        return Output(col.name, self._metric_expr(m), self._metric_type(m), col.kind, col.ref,
                      col.description or m.description)

    def _metric_expr(self, m: Metric) -> exp.Expression:
        """The metric's value at the view's grain, after defaults and formulas."""
        if m.derived:
            formula = self.c.tree(m.expr)
            value = formula.transform(
                lambda n: _grouped(self._metric_expr(self.c.metrics[n.name])) if isinstance(n, exp.Column) else n)
        else:
            value = exp.column(m.name, table=self._scope_of(m), quoted=True)  # as_text: text already
        if m.default is not None:
            value = exp.Coalesce(this=value, expressions=[exp.Literal.number(m.default)])
        if m.type is not None:
            value = exp.Anonymous(this="cast_to", expressions=[value, exp.Literal.string(str(m.type))])
        return value

    def _metric_type(self, m: Metric) -> DataType | None:
        if m.type is not None:
            return m.type
        if m.derived:
            return DataType("double")
        if m.agg in (Agg.COUNT, Agg.COUNT_DISTINCT):
            return DataType("bigint")
        if m.agg.ranked:
            return self._column_type(self.c.sources[m.source], self.c.tree(m.expr))
        if m.as_text:
            return DataType("string")
        tree = self.c.tree(m.expr)
        column = self._column_type(self.c.sources[m.source], tree)
        if m.agg is Agg.AVG:
            return column if column and column.kind == "decimal" else DataType("double")
        return column

    def _column_type(self, source: Source, tree: exp.Expression) -> DataType | None:
        if not isinstance(tree, exp.Column):
            return None
        col = source.column(tree.name)
        if col is not None:
            return col.type
        roll = next((r for r in source.rollups if r.name == tree.name), None)
        return DataType("bigint") if roll and roll.agg in (Agg.COUNT, Agg.COUNT_DISTINCT) else None

    # -- scopes --------------------------------------------------------------------

    def _days(self, m: Metric) -> int | None:
        days = m.window.days if m.window else None
        return self.view.parameter(days) if isinstance(days, str) else days

    def _place(self) -> set[tuple[str, int | None]]:
        """Decide each metric's scope; the (source, window) pairs that keep a scope of their own.

        A narrower window's metric moves into its source's widest scope, as a measure over its
        window's rows, so the source is read and grouped once (one scan and one hash table
        instead of one per window). It stays in a scope of its own when it reads a rollup
        (the rollup is then computed for the window's parents only) or is ranked (ranks are
        taken inside the window). Period grains keep one scope per window.
        """
        used: dict[str, Metric] = {}

        def visit(m: Metric) -> None:
            if m.name in used:
                return
            used[m.name] = m
            if m.derived:
                for col in self.c.tree(m.expr).find_all(exp.Column):
                    visit(self.c.metrics[col.name])

        for col in self.view.columns:
            if col.kind is ColumnKind.METRIC:
                visit(self.c.metrics[col.ref])
        for name in self.view.rows or ():
            visit(self.c.metrics[name])
        base = [m for m in used.values() if not m.derived]
        self.windows = list(dict.fromkeys((m.source, self._days(m)) for m in base))
        widest = self.widest = {}
        for source, days in self.windows:
            if source in widest and widest[source] is None:
                continue
            widest[source] = None if days is None else max(days, widest.get(source) or 0)
        own = set()
        for m in base:
            key = (m.source, self._days(m))
            wide = (m.source, widest[m.source])
            if key == wide or self.view.period or m.agg.ranked or self._reads_rollup(m):
                self.placed[m.name] = (key, None)
                own.add(key)
            else:
                self.placed[m.name] = (wide, key[1])
                own.add(wide)
        return own

    def _reads_rollup(self, m: Metric) -> bool:
        rollups = {r.name for r in self.c.sources[m.source].rollups}
        return any(col.name in rollups for tree in (self.c.tree(m.expr), self.c.tree(m.filter)) if tree is not None
                   for col in tree.find_all(exp.Column))

    def _rows_of(self, m: Metric) -> tuple[str, str | None]:
        """A `rows` metric's scope, and the count measure that must be > 0 there (None: any key)."""
        key, window = self.placed[m.name]
        scope = self._scope_of(m)
        if window is None:  # a stacked scope's keys may have rows of the other source only
            plain = m.filter is None and m.expr is None and key not in self.stacked
            return scope, None if plain else m.name
        if m.agg is Agg.COUNT and m.expr is None:  # it counts the window's rows already
            return scope, m.name
        return self._window_rows((m.source, window))

    def _window_rows(self, key: tuple[str, int | None]) -> tuple[str, str | None]:
        """The keys having rows in `key`'s window, once that window is a measure of a wider scope."""
        source, window = key
        wide = (source, self.widest[source])
        counts = self.counts.setdefault(wide, {})
        if window not in counts:
            counts[window] = f"__{source}_rows_last_{window}_days"
            self.scopes.setdefault(wide, [])
        return self._scope_name(wide), counts[window]

    def _scope_of(self, m: Metric) -> str:
        key, _ = self.placed[m.name]
        bucket = self.scopes.setdefault(key, [])
        if m not in bucket:
            bucket.append(m)
        return self._scope_name(key)

    def _scope_name(self, key: tuple[str, int | None]) -> str:
        source, days = key
        if key in self.stacked:
            source = "_".join(k[0] for k in self.stacked[key])
        return f"{source}_last_{days}_days" if days is not None else f"{source}_to_as_of"

    # -- stacked pairs -------------------------------------------------------------

    def _stack(self) -> None:
        """Find the pairs of scopes to stack: two sources of one window whose relationship
        works both ways (many-to-many, one-to-one) on columns holding the grain's keys and
        both sources' time, where every metric counts rows by the link's columns and by
        counts of the other source's rows (rollups).

        Then every row of a link group (say one seller, customer and day) sees the same
        counts, so both sources are stacked (UNION ALL), counted per link key side by side,
        and those counts summed to the grain: two aggregations, where rolling each side up
        for the other and aggregating each took four hash operations over the rows and a
        key list joined back. Linked times make each link group wholly inside the as-of cut
        (and window) or wholly outside it, so cutting each side first keeps the counts.
        """
        if self.view.period:
            return
        by_key: dict[tuple[str, int | None], list[Metric]] = {}
        for name, (key, _) in self.placed.items():
            by_key.setdefault(key, []).append(self.c.metrics[name])
        keys = list(by_key)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if a in self.stacked or b in self.stacked or a[1] != b[1] or a[0] == b[0]:
                    continue
                if self._stackable(a[0], by_key[a], b[0], by_key[b]):
                    self.stacked[a] = self.stacked[b] = (a, b)

    def _stackable(self, a: str, a_metrics: list[Metric], b: str, b_metrics: list[Metric]) -> bool:
        link = self.c.links.get((a, b))
        if link is None or (b, a) not in self.c.links:
            return False
        pairs = set(link)
        first, second = self.c.sources[a], self.c.sources[b]
        if (first.time or second.time) and (first.time, second.time) not in pairs:
            return False
        for e in self.grain:
            ka, kb = self.c.key_path(e, a), self.c.key_path(e, b)
            if ka is None or kb is None or ka[1] or kb[1] or (ka[0], kb[0]) not in pairs:
                return False
        crossed = False
        for source, other, metrics, own in ((first, b, a_metrics, {x for x, _ in link}),
                                            (second, a, b_metrics, {y for _, y in link})):
            cross = {r.name: r for r in source.rollups if r.source == other}
            for m in metrics:
                if m.agg is not Agg.COUNT or m.expr is not None:
                    return False
                read = {c.name for c in self.c.tree(m.filter).find_all(exp.Column)} if m.filter else set()
                if not read <= own | set(cross) or any(cross[r].agg is not Agg.COUNT for r in read & set(cross)):
                    return False
                crossed = crossed or bool(read & set(cross))
        if not crossed:  # two independent scopes: nothing to share
            return False
        # every column the stacked rows and their link groups hold has a name of its own
        keys = {self.c.key_path(e, a)[0]: e.column for e in self.grain}
        rollups = [r.name for s, o in ((first, b), (second, a)) for r in s.rollups if r.source == o]
        names = [keys.get(x, x) for x, _ in link] + rollups + [f"__{r}_row" for r in rollups]
        names += [f"__{s}_row{n}" for s in (a, b) for n in ("", "s")]
        return len({n.lower() for n in names}) == len(names)

    def _stacked_scope(self, pair: tuple[tuple[str, int | None], ...]) -> Scope:
        a, b = pair
        link = self.c.links[(a[0], b[0])]
        sides = (Stacked(a[0], tuple((x, x) for x, _ in link), f"__{a[0]}_rows"),
                 Stacked(b[0], tuple((x, y) for x, y in link), f"__{b[0]}_rows"))
        measures: list[Measure] = []
        for key, side in zip(pair, sides):
            common = {own: name for name, own in side.columns}
            for m in self.scopes.get(key, []):
                tree = self.c.tree(m.filter)  # this source's link columns go by their common names
                measures.append(Measure(m.name, Agg.COUNT, None, _renamed(tree, common) if tree else None,
                                        window_days=self.placed[m.name][1], weight=side.rows))
            measures += [Measure(name, Agg.COUNT, None, None, window_days=days, weight=side.rows)
                         for days, name in self.counts.get(key, {}).items()]
        used = read_by(measures)
        rollups = []
        for parent, child in ((a[0], b[0]), (b[0], a[0])):
            wanted = [r for r in self.c.sources[parent].rollups if r.source == child and r.name in used]
            if wanted:
                rollups.append(RollupJoin(child, self.c.links[(parent, child)], tuple(
                    (Measure(r.name, r.agg, self.c.tree(r.expr), self.c.tree(r.filter)), r.default) for r in wanted),
                    parent))
        keys = tuple(Key(e.column, self.c.key_path(e, a[0])[0]) for e in self.grain)
        return Scope(self._scope_name(a), a[0], a[1], keys, tuple(used), tuple(measures), tuple(rollups),
                     stack=sides)

    def _scope(self, key: tuple[str, int | None], metrics: list[Metric]) -> Scope:
        source = self.c.sources[key[0]]
        keys: list[Key] = []
        vias: dict[str, tuple[tuple[str, str], ...]] = {}
        if self.view.period:
            keys.append(Key(self.view.period.column, source.time, period=True))
        for e in self.grain:
            column, via = self.c.key_path(e, source.name)
            keys.append(Key(e.column, column, via))
            if via:
                vias[via] = self.c.links[(via, source.name)]
        measures = tuple(self._measure(m) for m in metrics) + tuple(
            Measure(name, Agg.COUNT, None, None, window_days=days) for days, name in self.counts.get(key, {}).items())
        used = read_by(measures)
        if source.time:  # every scope is cut at the as-of date
            used.setdefault(source.time, None)
        rollups = []
        for child in dict.fromkeys(r.source for r in source.rollups if r.name in used):
            wanted = [r for r in source.rollups if r.source == child and r.name in used]
            rollups.append(RollupJoin(child, self.c.links[(source.name, child)], tuple(
                (Measure(r.name, r.agg, self.c.tree(r.expr), self.c.tree(r.filter)), r.default) for r in wanted),
                source.name))
        return Scope(self._scope_name(key), source.name, key[1], tuple(keys), tuple(used), measures,
                     tuple(rollups), tuple(vias.items()), rolled_up=self._rolled_up(measures))

    def _rolled_up(self, measures: tuple[Measure, ...]) -> tuple[tuple[str, str], ...]:
        """The period units this scope derives from its finest unit's groups instead of reading
        its rows again: those the finest unit nests in (a day lies in one month, quarter and
        year), when every measure is decomposable. A measure that reads `period_start_date` is
        then computed at the finest unit once per coarser unit, with that unit's period start."""
        units = self.view.period.units if self.view.period else ()
        if len(units) < 2 or not all(m.agg.decomposable for m in measures):
            return ()
        finest = next((u for u in _NESTED_IN if u in units), None)
        return tuple((u, finest) for u in units if u in _NESTED_IN.get(finest, ()))

    def _measure(self, m: Metric) -> Measure:
        return Measure(m.name, m.agg, self.c.tree(m.expr), self.c.tree(m.filter), m.order_by, m.offset,
                       self.placed[m.name][1], as_text=m.as_text)


def _renamed(tree: exp.Expression, names: dict[str, str]) -> exp.Expression:
    """`tree` with the columns named in `names` renamed."""
    return tree.transform(lambda n: exp.column(names[n.name]) if isinstance(n, exp.Column) and n.name in names else n)


def _grouped(value: exp.Expression) -> exp.Expression:
    """A metric's value made an operand of the formula naming it: sqlglot writes a tree as it
    is, so `a - b` put under `x - ...` would read `x - a - b` without the parentheses."""
    wrap = isinstance(value, (exp.Binary, exp.Unary)) and not isinstance(value, exp.Paren)
    return exp.paren(value, copy=False) if wrap else value
