"""Stage 5: a plan + a dialect -> sqlglot statements (CREATE VIEW, or the target's pair).

Every output name, CTE and alias is a quoted identifier; source tables and columns are
written as their creator named them (unquoted unless the source says `quoted: true`),
so each engine resolves them the way it resolved the schema's own DDL.
"""
from __future__ import annotations

import dataclasses
import datetime
import functools
from typing import Callable

from sqlglot import exp

from ..dialects import Dialect
from ..dialects.base import operand
from .fragments import AS_OF, PERIOD_START
from .model import Agg, DataType, DateFormat, Source
from .plan import Key, Measure, Relation, RollupJoin, RowViewPlan, Scope, ValuesPlan, ViewPlan, read_by
from .resolve import Catalog
from .validate import parse_type

# The trees below are built fresh for one statement, so sqlglot's builders may take their
# arguments as they are instead of copying them (copying made compilation quadratic).
_alias = functools.partial(exp.alias_, copy=False)
_and = functools.partial(exp.and_, copy=False)

_ARITHMETIC = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.Neg)

ROW_KEYS = "row_keys"
TEXT = "__text__"  # marks a column reference to read as stored (a sortable text date), not converted
_COMPARISONS = (exp.EQ, exp.NEQ, exp.LT, exp.LTE, exp.GT, exp.GTE)
SRC = "src"
ROWS = "s"
PARENT = "parent"


def q(name: str) -> exp.Identifier:
    return exp.to_identifier(name, quoted=True)


def qcol(name: str, table: str | None = None) -> exp.Column:
    return exp.Column(this=q(name), table=q(table) if table else None)


def render_view(plan: ViewPlan | RowViewPlan | ValuesPlan, catalog: Catalog, dialect: Dialect,
                schema: str | None = None, planned: dict | None = None) -> tuple[exp.Expression, ...]:
    """The statements that (re)create the view described by `plan` on `dialect`.

    `planned` maps the names of the views it reads to their plans (for column types).
    """
    r = _Renderer(catalog, dialect, plan, schema, planned or {})
    name = exp.Table(this=q(plan.view.name), db=q(schema) if schema else None)
    if isinstance(plan, ValuesPlan):
        return dialect.create_view(name, r.values(plan))
    if isinstance(plan, RowViewPlan):
        return dialect.create_view(name, r.rows(plan))
    return dialect.create_view(name, r.query())


class _Renderer:
    def __init__(self, catalog: Catalog, dialect: Dialect, plan, schema: str | None, planned: dict) -> None:
        self.c, self.d, self.plan, self.schema, self.planned = catalog, dialect, plan, schema, planned
        self.as_of = dialect.date_literal(plan.as_of) if plan.as_of else dialect.current_date()
        self.unit: str | None = None  # the period unit being rendered
        self.period_column: exp.Expression = exp.Null()  # the scope row's period start
        self.shared: dict[str, str] = {}  # source -> the CTE holding its rows, read by several scopes
        self.latest: dict[str, _Latest] = {}  # the scope's `latest` measures

    # -- lowering placeholders -----------------------------------------------------

    def lower(self, tree: exp.Expression, column: Callable[[exp.Column], exp.Expression]) -> exp.Expression:
        """Replace semview's neutral nodes by the dialect's spelling; `column` maps references."""

        def fn(node: exp.Expression) -> exp.Expression:
            # What replaces a node may be arithmetic (PostgreSQL's days_between is end - start):
            # parenthesised, it keeps its meaning as an operand of the expression around it.
            new = replace(node)
            if new is node:  # unchanged: transform keeps walking into it
                return node
            return operand(new) if isinstance(node.parent, _ARITHMETIC) else new

        def replace(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Placeholder):
                if node.name == AS_OF:
                    return self.as_of.copy()
                if node.name == "period_label":
                    return exp.Literal.string(self.unit or "")
                if node.name == PERIOD_START:
                    return self.period_column.copy()
                return exp.Literal.number(self.plan.view.parameter(node.name))
            if isinstance(node, exp.Column):
                return column(node)
            if isinstance(node, exp.Div):
                return self.d.divide(self.lower(node.this, column), self.lower(node.expression, column))
            if isinstance(node, exp.Anonymous):
                args = node.expressions
                name = str(node.this).lower()
                if name == "days_between":
                    return self.d.days_between(self.lower(args[0], column), self.lower(args[1], column))
                if name == "period_start":
                    return self.d.truncate_date(self.lower(args[1], column), args[0].name.lower())
                if name == "format_date":
                    return self.d.format_date(self.lower(args[0], column), args[1].name)
                if name == "cast_to":
                    return self.d.cast(self.lower(args[0], column), parse_type(args[1].name))
            return node

        return tree.copy().transform(fn, copy=False)

    # -- sources and views as tables -----------------------------------------------

    def _table(self, source: Source, alias: str, filtered: bool = False) -> exp.Expression:
        """A source (a table, or a view of the catalog), optionally as a filtered subquery."""
        if source.view:
            table = exp.Table(this=q(source.view), db=q(self.schema) if self.schema else None)
        else:
            table = exp.Table(this=self.d.source_identifier(source.table, source.quoted),
                              db=self.d.source_identifier(source.schema, source.quoted) if source.schema else None)
        if not (filtered and source.filter):
            return _alias(table, q(alias), table=True)
        # Joined as a subquery, so the filter removes the source's rows, never the view's.
        inner = exp.select(exp.Star()).from_(_alias(table, q(SRC), table=True), copy=False).where(
            self.lower(self.c.tree(source.filter), self._source_column(source, SRC)), copy=False)
        return _alias(exp.Subquery(this=inner), q(alias), table=True)

    def _raw(self, source: Source, table: str, name: str) -> exp.Column:
        return exp.Column(this=self.d.source_identifier(name, source.quoted), table=q(table))

    def _source_column(self, source: Source, table: str) -> Callable[[exp.Column], exp.Expression]:
        """Source columns for computing, with dates stored as text converted to DATE."""

        def column(node: exp.Column) -> exp.Expression:
            col = source.column(node.name)
            ref = self._raw(source, table, node.name)
            if col is not None and col.date_format is not None:
                return self.d.parse_date(ref, col.date_format.strftime)
            return ref

        return column

    def _time_filter(self, time: exp.Expression, window_days: int | None,
                     text: DateFormat | None = None) -> exp.Expression:
        """`time` on or before the as-of date, and within the window when there is one.

        With `text`, `time` is the stored text of a `sortable_text` date and the bounds are
        text in the same format, so no row is converted to be filtered and an index on the
        column can serve the filter. A fixed as-of date gives literal bounds: PostgreSQL's
        TO_CHAR is only STABLE, so a formatted expression would be evaluated on every row of
        a sequential scan (and skews the planner towards the index); the current date goes
        through the dialect's `format_date`.
        """
        if window_days is None:
            return exp.LTE(this=time, expression=self._bound(0, text))
        return exp.Between(this=time, low=self._bound(window_days - 1, text), high=self._bound(0, text))

    def _bound(self, days_back: int, text: DateFormat | None) -> exp.Expression:
        """The date `days_back` days before the as-of date (as text in `text`'s format)."""
        if text is not None and self.plan.as_of is not None:
            return exp.Literal.string(format_text_date(self.plan.as_of - datetime.timedelta(days_back), text))
        date = self.d.add_days(self.as_of.copy(), -days_back) if days_back else self.as_of.copy()
        return self.d.format_date(date, text.strftime) if text is not None else date

    def _time_cut(self, source: Source, table: str, window_days: int | None) -> exp.Expression:
        """The as-of cut (and window) on `source`'s time column, read from `table`."""
        col = source.column(source.time)
        if col is not None and col.sortable_text:
            return self._time_filter(self._raw(source, table, source.time), window_days, col.date_format)
        return self._time_filter(self._source_column(source, table)(exp.column(source.time)), window_days)

    # -- constant and row-level views ------------------------------------------------

    def values(self, plan: ValuesPlan) -> exp.Query:
        def literal(value: str | None) -> exp.Expression:
            return self.d.cast(exp.Null(), DataType("string")) if value is None else exp.Literal.string(value)

        selects = [exp.select(*(_alias(literal(v), q(o.name)) for v, o in zip(row, plan.outputs)))
                   for row in plan.rows]
        if not selects:  # a mapping without fields: the right columns, no rows
            nulls = [_alias(literal(None), q(o.name)) for o in plan.outputs]
            return exp.select(*nulls).where(exp.EQ(this=exp.Literal.number(1), expression=exp.Literal.number(0)), copy=False)
        return _stacked(selects, distinct=False)

    def _relation(self, rel: Relation, filtered: bool) -> exp.Expression:
        if rel.is_view:
            table = exp.Table(this=q(rel.name), db=q(self.schema) if self.schema else None)
            return _alias(table, q(rel.alias), table=True)
        return self._table(self.c.sources[rel.name], rel.alias, filtered=filtered)

    def _relation_column(self, rel: Relation, name: str, convert: bool) -> exp.Expression:
        if rel.is_view:
            return qcol(name, rel.alias)
        src = self.c.sources[rel.name]
        if convert:
            return self._source_column(src, rel.alias)(exp.column(name))
        return self._raw(src, rel.alias, name)

    def _relation_type(self, rel: Relation, name: str) -> DataType | None:
        if rel.is_view:
            return next((o.type for o in self.planned[rel.name].outputs if o.name == name), None)
        col = self.c.sources[rel.name].column(name)
        return col.type if col else None

    def rows(self, plan: RowViewPlan) -> exp.Query:
        rels = {plan.base.alias: plan.base, **{rel.alias: rel for rel, _ in plan.joins}}
        inner, dates = self._converted_base(plan)

        def column(node: exp.Column, convert: bool) -> exp.Expression:
            if inner is not None and node.table == plan.base.alias:
                return qcol(dates[node.name] if convert and node.name in dates else node.name, plan.base.alias)
            return self._relation_column(rels[node.table], node.name, convert=convert)

        def shown(node: exp.Column) -> exp.Expression:
            return column(node, convert=False)

        def computed(node: exp.Column) -> exp.Expression:
            return column(node, convert=True)

        projections = [_alias(self.lower(o.expression, shown if o.kind.value == "column" else computed),
                                  q(o.name)) for o in plan.outputs]
        start = inner if inner is not None else self._relation(plan.base, filtered=False)
        cut = inner is not None  # the base's rules are applied where its rows are read
        if not plan.joins and plan.filter is None:
            start, projections, cut = self._shared_windows(plan, start, projections, cut)
        query = exp.select(*projections).from_(start, copy=False)
        for rel, on in plan.joins:
            conds = []
            for mine, theirs in on:
                left = self._relation_column(rel, theirs, convert=False)
                right = shown(exp.column(mine, table=plan.base.alias))
                kinds = {t.kind for t in (self._relation_type(rel, theirs), self._relation_type(plan.base, mine))
                         if t is not None}
                conds.append(self.d.string_equals(left, right) if kinds == {"string"}
                             else exp.EQ(this=left, expression=right))
            query = query.join(self._relation(rel, filtered=True), join_type="LEFT", on=_and(*conds), copy=False)
        conditions = [] if cut else self._base_rules(plan.base)
        if plan.filter is not None:
            conditions.append(self.lower(plan.filter, computed))
        return query.where(_and(*conditions), copy=False) if conditions else query

    def _shared_windows(self, plan: RowViewPlan, start: exp.Expression, projections: list[exp.Expression],
                        cut: bool) -> tuple[exp.Expression, list[exp.Expression], bool]:
        """Window aggregates that the outputs repeat (a score's `MAX(x) OVER ()`, written again
        where an index adds the scores up) computed once: the base's rows with one column per
        window, in a subquery the outputs then read (PostgreSQL evaluates each written window
        again). The base's rules, unless `cut` (applied already), go in that subquery,
        as a window sees only the rows the WHERE keeps. Returns the new start, the outputs, and
        whether the base's rules are applied now."""
        seen: dict[str, int] = {}
        for p in projections:
            for w in p.find_all(exp.Window):
                seen[w.sql()] = seen.get(w.sql(), 0) + 1
        if all(n == 1 for n in seen.values()):
            return start, projections, cut
        alias = plan.base.alias
        start, projections = _computed_window_arguments(start, projections, alias)
        # all of them, so windows of one order still share their sort (named after the arguments
        # above moved, which changed their text)
        written = dict.fromkeys(w.sql() for p in projections for w in p.find_all(exp.Window))
        columns = {sql: f"__window_{i}" for i, sql in enumerate(written)}
        windows: dict[str, exp.Expression] = {}

        def shared(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Window):
                name = columns[node.sql()]
                windows.setdefault(name, node.copy())
                return qcol(name, alias)
            return node

        projections = [p.transform(shared) for p in projections]
        rules = [] if cut else self._base_rules(plan.base)
        return _widened(start, alias, windows, _and(*rules) if rules else None), projections, True

    def _base_rules(self, base: Relation) -> list[exp.Expression]:
        """The base source's own rules, on its stored columns: its filter and the as-of cut."""
        return [] if base.is_view else self._source_rules(self.c.sources[base.name], base.alias, None)

    def _source_rules(self, source: Source, table: str, window_days: int | None) -> list[exp.Expression]:
        """The rows of `source` (read as `table`) that count: its filter, and its time cut at
        the as-of date (and the window's first day)."""
        rules = [self.lower(self.c.tree(source.filter), self._source_column(source, table))] \
            if source.filter is not None else []
        if source.time:
            rules.append(self._time_cut(source, table, window_days))
        return rules

    def _converted_base(self, plan: RowViewPlan) -> tuple[exp.Expression | None, dict[str, str]]:
        """When the view computes with text dates of its base source: the base as a subquery
        that converts each of them once (window functions, LAG and the outputs then read that
        column; written out each time, they were converted again for every use), with the
        name of each converted column. Otherwise (None, {})."""
        if plan.base.is_view:
            return None, {}
        source = self.c.sources[plan.base.name]
        alias = plan.base.alias
        read: dict[str, None] = {}
        computed = set()  # read by an expression (converted), not shown as stored
        for tree, shown in [(o.expression, o.kind.value == "column") for o in plan.outputs] + (
                [(plan.filter, False)] if plan.filter is not None else []):
            for c in tree.find_all(exp.Column):
                if c.table == alias:
                    read.setdefault(c.name, None)
                    if not shown:
                        computed.add(c.name)
        read.update({mine: None for _, on in plan.joins for mine, _ in on})
        taken = {c.name for c in source.columns}
        dates = {}
        for name in read:
            col = source.column(name)
            if name in computed and col is not None and col.date_format is not None:
                dates[name] = next(f"{name}{'_' * n}date" for n in range(2, 99) if f"{name}{'_' * n}date" not in taken)
        if not dates:
            return None, {}
        convert = self._source_column(source, alias)
        inner = exp.select(*(_alias(self._raw(source, alias, name), q(name)) for name in read),
                           *(_alias(convert(exp.column(name)), q(converted)) for name, converted in dates.items()))
        inner = inner.from_(self._table(source, alias), copy=False)
        rules = self._base_rules(plan.base)
        if rules:
            inner = inner.where(_and(*rules), copy=False)
        return _alias(exp.Subquery(this=inner), q(alias), table=True), dates

    # -- aggregated views ------------------------------------------------------------

    def query(self) -> exp.Query:
        """One SELECT per period unit (usually one), stacked with UNION ALL.

        A scope's coarser units may be rolled up from its finest unit's groups (`Scope.rolled_up`):
        the rows are then read and aggregated once, and each coarser unit re-aggregates a few
        hundred groups (a year from its days) instead of every row again.
        """
        plan = self.plan
        units = plan.view.period.units if plan.view.period else (None,)
        rolled = {(s.name, unit): finer for s in plan.scopes for unit, finer in s.rolled_up}
        ctes: list[tuple[str, exp.Query]] = []
        reads = [s.source for unit in units for s in plan.scopes if (s.name, unit) not in rolled]
        if self.d.materialize_shared_reads:  # the aggregations that read one source read one copy
            for name in dict.fromkeys(reads):
                source = self.c.sources[name]
                if source.view and reads.count(name) > 1:  # a table is stored already; a view is computed per read
                    self.shared[name] = f"{name}_rows"
                    ctes.append((self.shared[name], exp.select(exp.Star()).from_(self._table(source, SRC), copy=False)))

        def cte_name(scope: str, unit: str | None) -> str:
            return scope + (f"_{unit}" if len(units) > 1 else "")

        finer_units = set(rolled.values())  # their groups first: a CTE reads only the CTEs before it
        for unit in sorted(units, key=lambda u: u not in finer_units):
            self.unit = unit
            for s in plan.scopes:
                if (s.name, unit) in rolled:
                    ctes.append((cte_name(s.name, unit), self.rolled_up(s, unit, cte_name(s.name, rolled[s.name, unit]))))
                else:
                    coarser = tuple(u for u, finer in s.rolled_up if finer == unit)
                    ctes.append((cte_name(s.name, unit), self.scope(s, coarser)))
        parts = []
        for unit in units:
            self.unit = unit
            names = {s.name: cte_name(s.name, unit) for s in plan.scopes}
            rows: dict[str, list[str | None]] = {}  # row scope -> the counts that make a key a row
            for scope, count in plan.row_scopes:
                rows.setdefault(scope, []).append(count)
            if len(rows) == 1 or self._full_join(rows):  # the scopes' groups are the rows: no key list
                parts.append(self.final(names, [names[s] for s in rows], self._present(names, rows)))
            else:
                ctes.append((cte_name(ROW_KEYS, unit), self.row_keys(names)))
                parts.append(self.final(names, [cte_name(ROW_KEYS, unit)]))
        query = _stacked(parts, distinct=False)
        for name, cte in ctes:
            query = query.with_(q(name), as_=cte, copy=False,
                                materialized=True if name in self.shared.values() else None)
        return query

    def rolled_up(self, scope: Scope, unit: str, finer: str) -> exp.Select:
        """`scope` at `unit`, re-aggregated from its groups at a finer unit (the CTE `finer`):
        the period key truncated again, SUMs and COUNTs summed, MINs and MAXs taken again, an
        AVG as the sum of its sums over the sum of its counts. A finer group exists only when
        it has rows, so a coarser group without rows does not exist either (no 0 for NULL)."""
        keys = [self.d.truncate_date(qcol(k.name, finer), unit) if k.period else qcol(k.name, finer)
                for k in scope.keys]

        def total(name: str) -> exp.Expression:
            return exp.Sum(this=qcol(name, finer))

        projections = []
        for m in scope.measures:
            part = _partial(m, unit)
            if m.agg is Agg.COUNT:  # a sum of counts is wider (HUGEINT, NUMERIC) than the count
                value = self.d.cast(total(part), DataType("bigint"))
            elif m.agg is Agg.AVG:
                value = self.d.divide(total(f"{part}__sum"), exp.Nullif(this=total(f"{part}__count"),
                                                                       expression=exp.Literal.number(0)))
            elif m.agg is Agg.SUM:
                value = total(part)
            else:
                value = {Agg.MIN: exp.Min, Agg.MAX: exp.Max}[m.agg](this=qcol(part, finer))
            projections.append(_alias(value, q(m.name)))
        select = exp.select(*(_alias(k, q(s.name)) for k, s in zip(keys, scope.keys)), *projections)
        return select.from_(exp.Table(this=q(finer)), copy=False).group_by(*(k.copy() for k in keys), copy=False)

    def _full_join(self, rows: dict[str, list[str | None]]) -> bool:
        """Whether the view's rows are two scopes FULL JOINed, as an expert writes it, rather than
        the union of their keys joined back to each. Only where no key can be NULL (declared
        `not_null`, see docs/model.md): a NULL key matches nothing, so the FULL JOIN would give
        one row per scope where the key list gives one. Three or more scopes keep the key list."""
        if not self.d.full_join or len(rows) != 2:
            return False
        scopes = {s.name: s for s in self.plan.scopes}
        return all(self._never_null(self.c.sources[scopes[name].source], k) for name in rows
                   for k in scopes[name].keys)

    def _never_null(self, source: Source, key: Key) -> bool:
        col = (self.c.sources[key.via] if key.via else source).column(key.column)
        return col is not None and col.not_null

    def _present(self, names: dict[str, str], rows: dict[str, list[str | None]]) -> exp.Expression | None:
        """Which of the scopes' keys are rows: those with a row count > 0 in one of them, or with
        any group in a scope whose every key is a row (its key is not NULL: FULL JOIN, not_null)."""
        if all(None in counts for counts in rows.values()):
            return None
        present = []
        for scope, counts in rows.items():
            if None in counts:
                present.append(exp.Not(this=exp.Is(this=qcol(self.plan.keys[0], names[scope]), expression=exp.Null())))
            else:
                present += [exp.GT(this=qcol(m, names[scope]), expression=exp.Literal.number(0)) for m in counts]
        return exp.or_(*present, copy=False)

    def final(self, names: dict[str, str], start: list[str], where: exp.Expression | None = None) -> exp.Select:
        """The view's rows: read from `start` (the key list, one scope, or two scopes FULL
        JOINed), every other scope left-joined to them, then the dimensions."""
        plan = self.plan
        dims = {d.alias: d for d in plan.dimensions}

        def key(name: str) -> exp.Expression:
            if len(start) == 1:
                return qcol(name, start[0])
            return exp.Coalesce(this=qcol(name, start[0]), expressions=[qcol(name, s) for s in start[1:]])

        def column(node: exp.Column) -> exp.Expression:
            if node.table in dims:
                src = self.c.sources[dims[node.table].source]
                return self._raw(src, node.table, node.name)
            return key(node.name) if node.table == "k" else qcol(node.name, names.get(node.table, node.table))

        select = exp.select(*(_alias(self.lower(o.expression, column), q(o.name)) for o in plan.outputs))
        select = select.from_(exp.Table(this=q(start[0])), copy=False)
        for other in start[1:]:
            select = select.join(exp.Table(this=q(other)), join_type="FULL", on=_and(*(
                exp.EQ(this=qcol(k, other), expression=qcol(k, start[0])) for k in plan.keys)), copy=False)
        for scope in plan.scopes:
            name = names[scope.name]
            if name in start:
                continue
            select = select.join(exp.Table(this=q(name)), join_type="LEFT", on=_and(*(
                exp.EQ(this=qcol(k, name), expression=key(k)) for k in plan.keys)), copy=False)
        for dim in plan.dimensions:
            src = self.c.sources[dim.source]
            on = exp.EQ(this=self._raw(src, dim.alias, dim.key), expression=key(dim.grain_key))
            select = select.join(self._table(src, dim.alias, filtered=True), join_type="LEFT", on=on, copy=False)
        return select.where(where, copy=False) if where is not None else select

    def row_keys(self, names: dict[str, str]) -> exp.Query:
        parts = []
        for scope_name, measure in self.plan.row_scopes:
            part = exp.select(*(qcol(k) for k in self.plan.keys)).from_(exp.Table(this=q(names[scope_name])), copy=False)
            if measure is not None:
                part = part.where(exp.GT(this=qcol(measure), expression=exp.Literal.number(0)), copy=False)
            parts.append(part)
        return _stacked(parts, distinct=True)

    # -- one scope: a source aggregated to the grain --------------------------------

    def _key(self, source: Source, key: Key, text: DateFormat | None = None) -> exp.Expression:
        if key.period and text is not None:
            return self.d.text_period_key(self._raw(source, SRC, key.column), text, self.unit)
        if key.period:
            return self.d.truncate_date(self._source_column(source, SRC)(exp.column(key.column)), self.unit)
        if key.via:
            return self._raw(self.c.sources[key.via], _via_alias(key.via), key.column)
        return self._raw(source, SRC, key.column)

    def _text_period(self, source: Source, scope: Scope) -> DateFormat | None:
        """The format of `scope`'s time column when its period key is read from the stored
        text's digits (`text_period_keys`) and its first day made per group: for a sortable text
        date, when no measure needs the period's first day on each row (`period_start_date`, or
        the per-key join of `most_frequent`)."""
        col = source.column(source.time) if source.time else None
        if not (self.d.text_period_keys and col is not None and col.sortable_text
                and any(k.period for k in scope.keys)):
            return None
        if any(_reads_period(m) or m.agg is Agg.MOST_FREQUENT for m in scope.measures):
            return None
        return col.date_format if self.d.text_period_key(exp.Null(), col.date_format, self.unit) is not None else None

    def scope(self, scope: Scope, coarser: tuple[str, ...] = ()) -> exp.Query:
        """The source's rows (dates converted, rollups and parents joined, filtered), then
        ranked if a measure needs it, then aggregated to the grain; with what the `coarser`
        units are re-aggregated from (`rolled_up`)."""
        source = self.c.sources[scope.source]
        text_period = None
        if scope.stack:  # each source is cut at the as-of date before it is stacked
            rows, names, text_dates = self._stacked_rows(scope)
            joined: RollupJoin | None = None
        else:
            text_period = self._text_period(source, scope)
            rows, names, text_dates, joined = self._scope_rows(scope, text_period)

        def scoped(node: exp.Column) -> exp.Expression:
            ref = qcol(names[node.name], ROWS)
            if node.table == TEXT or node.name not in text_dates:
                return ref
            return self.d.parse_date(ref, text_dates[node.name].strftime)

        measures = tuple(m if m.filter is None else dataclasses.replace(m, filter=self._as_text(m.filter, text_dates))
                         for m in scope.measures)

        def condition(m: Measure) -> exp.Expression | None:
            """The measure's filter, and its window inside this wider scope (the scope's rows
            are already cut at the as-of date, so the window's first day is the one bound)."""
            parts = [self.lower(m.filter, scoped)] if m.filter is not None else []
            if m.window_days is not None:
                parts.append(exp.GTE(this=qcol(names[source.time], ROWS),
                                     expression=self._bound(m.window_days - 1, text_dates.get(source.time))))
            return _and(*parts) if parts else None

        def formatted(value: exp.Expression, column: str) -> exp.Expression:
            """A date the scope computed, written back in `column`'s text format (`as_text`)."""
            return self.d.format_date(value, source.column(column).date_format.strftime)

        def measure(m: Measure) -> exp.Expression:
            date = m.value.name if isinstance(m.value, exp.Column) else None
            if _max_time_in_window(m, source):
                # The latest time in the window is the latest time of the scope's rows (cut at
                # the as-of date) when that is inside the window, else there is none: one
                # MAX(time) the engine shares with the scope's other MAX(time), where MAX(CASE
                # ...) aggregated the time a second time (CustomerPotentialSignalsView).
                time = qcol(names[source.time], ROWS)
                bound = self._bound(m.window_days - 1, text_dates.get(source.time))
                latest = exp.Case(ifs=[exp.If(this=exp.GTE(this=exp.Max(this=time), expression=bound),
                                              true=exp.Max(this=time.copy()))])
                if date not in text_dates:
                    return formatted(latest, date) if m.as_text else latest
                return latest if m.as_text else self.d.parse_date(latest, text_dates[date].strftime)
            if m.agg not in (Agg.MIN, Agg.MAX) or date not in text_dates:
                value = self.aggregate(m, scoped, condition(m))
                return formatted(value, date) if m.as_text else value
            # The min/max of sortable text is the text of the min/max date: parse once per group,
            # or not at all when the text is wanted (CustAssignToSellerView's AssignDate).
            extreme = self._conditional(lambda v: exp.Min(this=v) if m.agg is Agg.MIN else exp.Max(this=v),
                                        qcol(names[date], ROWS), condition(m))
            return extreme if m.as_text else self.d.parse_date(extreme, text_dates[date].strftime)

        keys = [qcol(k.name, ROWS) for k in scope.keys]
        self.period_column = next((qcol(k.name, ROWS) for k in scope.keys if k.period), exp.Null())
        time = None
        if source.time and joined is None and not scope.stack:
            time = self._time_filter(qcol(names[source.time], ROWS), scope.window_days, text_dates.get(source.time))
        body: exp.Expression = exp.Subquery(this=rows)
        frequent = [m for m in measures if m.agg is Agg.MOST_FREQUENT]
        tops = [self._most_frequent(rows, time, keys, m, scoped) for m in frequent]
        ranked = [m for m in measures if m.agg is Agg.LATEST]
        self.latest = self._latest_groups(ranked, scoped, set(text_dates), self._never_null_columns(scope))

        def on_row(m: Measure) -> exp.Expression:
            """The measure read on its key's latest row (`_one_row`): a `latest` value (NULL
            where the filter drops the row: it keeps none of the key's rows), or a MAX's column
            as `measure` returns it."""
            if m.agg is Agg.MAX and m.as_text and m.value.name in text_dates:
                return qcol(names[m.value.name], ROWS)
            value = self.lower(m.value, scoped)
            if m.agg is Agg.LATEST and m.filter is not None:
                value = exp.Case(ifs=[exp.If(this=self.lower(m.filter, scoped), true=value)])
            return formatted(value, m.value.name) if m.as_text else value

        if ranked and self._one_row(scope, measures):
            return self._latest_row(rows, time, keys, measures, scoped, on_row)
        if ranked and not self.d.latest_aggregate:  # rank inside the window, so the window filter comes first
            body = self._ranked(rows, time, keys, ranked, scoped)
            time = None
        agg = exp.select(*(_alias(self.d.text_period_start(k.copy(), text_period, self.unit)
                                  if text_period is not None and key.period else k, q(k.name))
                           for k, key in zip(keys, scope.keys)),
                         *(_alias(measure(m), q(m.name)) for m in measures if m.agg is not Agg.MOST_FREQUENT))
        start = self.period_column
        for name, m, unit in _partials(measures, coarser):
            self.period_column = self.d.truncate_date(start.copy(), unit) if unit else start
            agg = agg.select(_alias(measure(m), q(name)), copy=False)
        self.period_column = start
        if self.d.shared_condition_filter:
            _filter_shared_condition(agg)
        agg = agg.from_(_alias(body, q(ROWS), table=True), copy=False)
        if time is not None:
            agg = agg.where(time, copy=False)
        agg = agg.group_by(*(k.copy() for k in keys), copy=False)
        if not tops:
            return agg
        # each most frequent value is found per key on its own, then joined to the groups (their
        # columns aliased one by one: after two joins on the key, ClickHouse names `s.*`'s key
        # column `s.CustID`, so the CTE has no `CustID`)
        out = exp.select(*(_alias(qcol(e.alias_or_name, ROWS), q(e.alias_or_name))
                           for e in agg.expressions)).from_(
            _alias(exp.Subquery(this=agg), q(ROWS), table=True), copy=False)
        for m, top in zip(frequent, tops):
            alias = f"{m.name}__top"
            out = out.select(_alias(qcol(m.name, alias), q(m.name)), copy=False)
            out = out.join(_alias(exp.Subquery(this=top), q(alias), table=True), join_type="LEFT", on=_and(*(
                exp.EQ(this=qcol(k.name, alias), expression=qcol(k.name, ROWS)) for k in keys)), copy=False)
        return out

    def _scope_rows(self, scope: Scope, text_period: DateFormat | None = None
                    ) -> tuple[exp.Select, dict[str, str], dict[str, DateFormat], RollupJoin | None]:
        """The scope's rows; the name of each source column or rollup there; the sortable text
        dates kept as text; the rollup joined to its children per parent instead, if any."""
        source = self.c.sources[scope.source]
        convert = self._source_column(source, SRC)
        names: dict[str, str] = {}  # source column or rollup -> its name in the scope's rows
        sortable = {c.name: c.date_format for c in source.columns if c.sortable_text}
        text_dates: dict[str, DateFormat] = {}  # sortable_text dates kept as text in the rows
        projections = [_alias(self._key(source, k, text_period), q(k.name)) for k in scope.keys]
        taken = {k.name for k in scope.keys}
        names.update({k.column: k.name for k in scope.keys if not k.via and not k.period})
        rollups = {m.name: (r, m, default) for r in scope.rollups for m, default in r.measures}
        joined = self._joined_rollup(source, scope)
        needed = set(read_by(scope.measures) if joined else scope.columns)
        if joined and any(m.window_days is not None for m in scope.measures):
            needed.add(source.time)  # a window counted inside the scope reads the time column
        for col in scope.columns:
            if col in names and not (source.time == col and any(k.period for k in scope.keys)):
                continue
            if col not in needed and col not in rollups:  # the window is cut before grouping
                continue
            alias = col if col not in taken else f"{col}_value"
            taken.add(alias)
            names[col] = alias
            if col in rollups:
                r, m, default = rollups[col]
                if joined:
                    value = self._child_aggregate(r, m, default)
                else:
                    value = qcol(m.name, _rollup_alias(r))
                    if default is not None:
                        value = exp.Coalesce(this=value, expressions=[exp.Literal.number(default)])
                projections.append(_alias(value, q(alias)))
            elif col in sortable:  # kept as text: filtered and min/max-ed as text, parsed per group
                projections.append(_alias(self._raw(source, SRC, col), q(alias)))
                text_dates[col] = sortable[col]
            else:
                projections.append(_alias(convert(exp.column(col)), q(alias)))
        table = _alias(exp.Table(this=q(self.shared[source.name])), q(SRC), table=True) \
            if source.name in self.shared else self._table(source, SRC)
        rows = exp.select(*projections).from_(table, copy=False)
        conditions = [self.lower(self.c.tree(source.filter), convert)] if source.filter is not None else []
        for parent_name, pairs in scope.vias:  # many-to-one: one parent row at most, no fan-out
            parent = self.c.sources[parent_name]
            rows = rows.join(self._table(parent, _via_alias(parent_name)), join_type="INNER", on=_and(*(
                exp.EQ(this=self._raw(parent, _via_alias(parent_name), p), expression=self._raw(source, SRC, c))
                for p, c in pairs)), copy=False)
            if parent.filter is not None:
                conditions.append(self.lower(self.c.tree(parent.filter),
                                             self._source_column(parent, _via_alias(parent_name))))
        for r in scope.rollups if joined is None else ():
            rows = rows.join(self._rollup(r, self._parents_in_window(source, scope, r)), join_type="LEFT",
                             on=_and(*(
                exp.EQ(this=qcol(child, _rollup_alias(r)),
                       expression=self._rollup_key(source, SRC, parent, self.c.sources[r.child], child))
                for parent, child in r.keys)), copy=False)
        if joined is not None:
            rows = self._join_children(rows, source, joined, projections)
            conditions.append(self._time_cut(source, SRC, scope.window_days))
        if conditions:
            rows = rows.where(_and(*conditions), copy=False)
        return rows, names, text_dates, joined

    def _stacked_rows(self, scope: Scope) -> tuple[exp.Select, dict[str, str], dict[str, DateFormat]]:
        """A stacked pair's rows: one per link group (plan.py, `_Planner._stack`), holding the
        link's columns, each source's row count and the rollups the other source reads; with
        the name of each there, and the sortable text dates kept as text.

        Both sources are cut, filtered and stacked with UNION ALL, each row marked 1 in its own
        source's column (NULL in the other's), then grouped per link key, so one aggregation
        counts both sides. A rollup is the other side's count as its join would give it: only
        where every link column is set (NULL never joins) and, for a default other than 0,
        where the other side has rows.
        """
        first, second = scope.stack
        sources = {side.source: self.c.sources[side.source] for side in scope.stack}
        keyed = {k.column: k.name for k in scope.keys}
        names = {common: keyed.get(common, common) for common, _ in first.columns}
        # marker column -> (the source whose rows it marks, the rollup measure it counts, if any)
        markers: dict[str, tuple[str, Measure | None]] = {f"__{side.source}_row": (side.source, None)
                                                          for side in scope.stack}
        counted: dict[str, str] = {}  # rollup -> its marker
        for r in scope.rollups:
            for m, _ in r.measures:  # a rollup counting every row of its source counts the row marker
                plain = m.value is None and m.filter is None
                counted[m.name] = f"__{r.child}_row" if plain else f"__{m.name}_row"
                markers.setdefault(counted[m.name], (r.child, m))
        parts = []
        for side, other in ((first, second), (second, first)):
            source, against = sources[side.source], sources[other.source]
            convert = self._source_column(source, SRC)
            part = exp.select(*(_alias(self._rollup_key(source, SRC, own, against, theirs), q(common))
                                for (common, own), (_, theirs) in zip(side.columns, other.columns)))
            for marker, (whose, m) in markers.items():
                value: exp.Expression = exp.Literal.number(1) if whose == side.source else exp.Null()
                if whose == side.source and m is not None:  # the rollup's own filter and value
                    rules = [self.lower(m.filter, convert)] if m.filter is not None else []
                    if m.value is not None:
                        rules.append(exp.Not(this=exp.Is(this=self.lower(m.value, convert), expression=exp.Null())))
                    value = exp.Case(ifs=[exp.If(this=_and(*rules), true=value)])
                part = part.select(_alias(value, q(marker)), copy=False)
            part = part.from_(self._table(source, SRC), copy=False)
            rules = self._source_rules(source, SRC, scope.window_days)
            parts.append(part.where(_and(*rules), copy=False) if rules else part)

        stacked = "stacked"
        text_dates: dict[str, DateFormat] = {}
        link = []
        for (common, own_a), (_, own_b) in zip(first.columns, second.columns):
            a, b = sources[first.source].column(own_a), sources[second.source].column(own_b)
            value: exp.Expression = qcol(common, stacked)
            if a.date_format and b.date_format and a.date_format.pattern == b.date_format.pattern:
                if a.sortable_text and b.sortable_text:  # compared and cut as text, like a scope's
                    text_dates[common] = a.date_format
                else:  # the same text on both sides: converted once per link group
                    value = self.d.parse_date(value, a.date_format.strftime)
            link.append(_alias(value, q(names[common])))
        groups = exp.select(*link, *(_alias(exp.Count(this=qcol(f"__{side.source}_row", stacked)), q(side.rows))
                                     for side in scope.stack))
        names.update({side.rows: side.rows for side in scope.stack})
        time = sources[first.source].time  # cut: never NULL
        joinable = [exp.Not(this=exp.Is(this=qcol(c, stacked), expression=exp.Null())) for c, _ in first.columns
                    if c != time]
        for r in scope.rollups:
            for m, default in r.measures:
                value = exp.Count(this=qcol(counted[m.name], stacked))
                rules = [j.copy() for j in joinable]
                if default is None or float(default) != 0:  # no row to join: the default, not a count of 0
                    rules.append(exp.GT(this=exp.Count(this=qcol(f"__{r.child}_row", stacked)),
                                        expression=exp.Literal.number(0)))
                if rules:
                    value = exp.Case(ifs=[exp.If(this=_and(*rules), true=value)],
                                     default=exp.Literal.number(default) if default is not None else None)
                groups = groups.select(_alias(value, q(m.name)), copy=False)
                names[m.name] = m.name
        groups = groups.from_(_alias(exp.Subquery(this=_stacked(parts, distinct=False)), q(stacked), table=True),
                              copy=False)
        return groups.group_by(*(qcol(common, stacked) for common, _ in first.columns), copy=False), names, text_dates

    def _most_frequent(self, rows: exp.Select, time: exp.Expression | None, keys: list[exp.Column], m: Measure,
                       scoped: Callable[[exp.Column], exp.Expression]) -> exp.Select:
        """Per key, the value the measure's rows hold most often (ties: the smallest): the rows
        counted per (key, value) first, then only those counts ranked (or, where the dialect has
        one, an aggregate picks the top count), so no window runs over the raw rows."""
        value = self.lower(m.value, scoped)
        where = [exp.Not(this=exp.Is(this=value.copy(), expression=exp.Null()))]
        if m.filter is not None:
            where.append(self.lower(m.filter, scoped))
        if time is not None:
            where.append(time.copy())
        counts = exp.select(*(_alias(k.copy(), q(k.name)) for k in keys), _alias(value, q(m.name)),
                            _alias(exp.Count(this=exp.Star()), q("__n")))
        counts = counts.from_(_alias(exp.Subquery(this=rows.copy()), q(ROWS), table=True), copy=False)
        counts = counts.where(_and(*where), copy=False).group_by(*(k.copy() for k in keys), value.copy(), copy=False)
        counted = _alias(exp.Subquery(this=counts), q("counted"), table=True)
        if self.d.top_value_aggregate:
            pick = self.d.top_value(qcol(m.name), qcol("__n"))
            top = exp.select(*(qcol(k.name) for k in keys), _alias(pick, q(m.name))).from_(counted, copy=False)
            return top.group_by(*(qcol(k.name) for k in keys), copy=False)
        if self.d.distinct_on and keys:  # the top row per key kept by the sort itself, no window
            top = exp.select(*(qcol(k.name) for k in keys), qcol(m.name)).from_(counted, copy=False)
            top.set("distinct", exp.Distinct(on=exp.Tuple(expressions=[qcol(k.name) for k in keys])))
            return top.order_by(*(qcol(k.name) for k in keys), exp.Ordered(this=qcol("__n"), desc=True),
                                qcol(m.name), copy=False)
        order = exp.Order(expressions=[exp.Ordered(this=qcol("__n"), desc=True),
                                       exp.Ordered(this=qcol(m.name), desc=False)])
        ranked = exp.select(*(qcol(k.name) for k in keys), qcol(m.name), _alias(exp.Window(
            this=exp.RowNumber(), partition_by=[qcol(k.name) for k in keys], order=order), q("__rank")))
        ranked = ranked.from_(counted, copy=False)
        top = exp.select(*(qcol(k.name) for k in keys), qcol(m.name)).from_(
            _alias(exp.Subquery(this=ranked), q("ranked"), table=True), copy=False)
        return top.where(exp.EQ(this=qcol("__rank"), expression=exp.Literal.number(1)), copy=False)

    def _latest_groups(self, ranked: list[Measure], scoped: Callable[[exp.Column], exp.Expression],
                       text_dates: set[str], never_null: frozenset[str]) -> dict[str, _Latest]:
        """How each `latest` measure is read: measures with the same order and filter share one
        rank column (CustomerSingleView's last three baskets ranked the same rows three times),
        and those that also take the same value share one top-N aggregate of the largest count."""
        ranks: dict[tuple, str] = {}
        counts: dict[tuple, int] = {}
        for m in ranked:
            ranks.setdefault((m.order_by, m.filter), f"{m.name}__rank")
            key = (m.value, m.order_by, m.filter)
            counts[key] = max(counts.get(key, 0), m.offset + 1)
        # a sortable text date orders like its date: no row is converted to be ranked
        return {m.name: _Latest(
            ranks[m.order_by, m.filter], counts[m.value, m.order_by, m.filter],
            tuple(scoped(exp.column(c, table=TEXT if c in text_dates else None)) for c in m.order_by),
            tuple(c in never_null for c in m.order_by),
            isinstance(m.value, exp.Column) and not m.value.table and m.value.name in never_null)
            for m in ranked}

    def _never_null_columns(self, scope: Scope) -> frozenset[str]:
        """The scope's columns that hold no NULL: the source's own columns declared `not_null`
        (its rows are never outer-joined away from them), kept as stored or converted from
        sortable text (a date converted from other text could still be NULL on some engines)."""
        if scope.stack:
            return frozenset()
        source = self.c.sources[scope.source]
        rollups = {m.name for r in scope.rollups for m, _ in r.measures}
        return frozenset(c.name for c in source.columns if c.not_null and c.name not in rollups
                         and (c.date_format is None or c.sortable_text))

    def _one_row(self, scope: Scope, measures: tuple[Measure, ...]) -> bool:
        """Whether every measure of the scope is read on one row per key, its latest
        (`distinct_on`): `latest` measures of offset 0 sharing one order and filter, and
        MAX of that order's first column, unfiltered. The latest row holds that MAX, NULLs
        ranking last, unless the column is NULL on every row, and then the MAX is NULL too; a
        filter ranks the rows it drops last, so a MAX is then not on the latest row. Not for
        period keys (their first day is made per group), nor without keys (no DISTINCT ON ())."""
        if not self.d.distinct_on or not scope.keys or any(k.period for k in scope.keys):
            return False
        latest = [m for m in measures if m.agg is Agg.LATEST]
        if not latest or any(m.offset for m in latest) or len({(m.order_by, m.filter) for m in latest}) != 1:
            return False
        first = latest[0]
        return all(m.window_days is None and (m.agg is Agg.LATEST or (
            m.agg is Agg.MAX and first.filter is None and m.filter is None
            and isinstance(m.value, exp.Column) and m.value.name == first.order_by[0])) for m in measures)

    def _latest_row(self, rows: exp.Select, time: exp.Expression | None, keys: list[exp.Column],
                    measures: tuple[Measure, ...], scoped: Callable[[exp.Column], exp.Expression],
                    on_row: Callable[[Measure], exp.Expression]) -> exp.Select:
        """The scope's groups as their latest rows (`_one_row`): `SELECT DISTINCT ON (keys)`
        ordered by the keys, then (with a filter) the rows it keeps first, then the order
        descending with NULLs last, written out as `_ranked` ranks them."""
        m = next(m for m in measures if m.agg is Agg.LATEST)
        order = [exp.Ordered(this=k.copy()) for k in keys] + self._latest_order(m, scoped)
        select = exp.select(*(_alias(k.copy(), q(k.name)) for k in keys),
                            *(_alias(on_row(x), q(x.name)) for x in measures))
        select.set("distinct", exp.Distinct(on=exp.Tuple(expressions=[k.copy() for k in keys])))
        select = select.from_(_alias(exp.Subquery(this=rows), q(ROWS), table=True), copy=False)
        if time is not None:
            select = select.where(time, copy=False)
        return select.order_by(*order, copy=False)

    def _latest_order(self, m: Measure, scoped: Callable[[exp.Column], exp.Expression]) -> list[exp.Ordered]:
        """The order of a `latest` measure's rows, latest first: the rows its filter keeps before
        the others, then its order_by descending with NULLs last (written out, so every engine
        agrees)."""
        first = [] if m.filter is None else [exp.Ordered(this=exp.Case(
            ifs=[exp.If(this=self.lower(m.filter, scoped), true=exp.Literal.number(0))],
            default=exp.Literal.number(1)))]
        return first + [exp.Ordered(this=o.copy(), desc=True, nulls_first=False) for o in self.latest[m.name].order]

    def _ranked(self, rows: exp.Select, time: exp.Expression | None, keys: list[exp.Column],
                ranked: list[Measure], scoped: Callable[[exp.Column], exp.Expression]) -> exp.Expression:
        """The rows with a rank column per order and filter of the `latest` measures: 1 is the
        latest row (a NULL in an order column ranks below every value, written out so every
        engine agrees), and rows the filter excludes come after all others."""
        layer = exp.select(exp.Column(this=exp.Star(), table=q(ROWS))).from_(
            _alias(exp.Subquery(this=rows), q(ROWS), table=True), copy=False)
        if time is not None:
            layer = layer.where(time, copy=False)
        done = set()
        for m in ranked:
            group = self.latest[m.name]
            if group.rank in done:
                continue
            done.add(group.rank)
            order = self._latest_order(m, scoped)
            layer = layer.select(_alias(exp.Window(this=exp.RowNumber(), partition_by=[k.copy() for k in keys],
                                                   order=exp.Order(expressions=order)),
                                        q(group.rank)), copy=False)
        return exp.Subquery(this=layer)

    def _conditional(self, make: Callable[[exp.Expression], exp.Expression], value: exp.Expression | None,
                     condition: exp.Expression | None) -> exp.Expression:
        """The aggregate `make` over `value` (None: the rows), only on rows where `condition`
        holds: `AGG(value) FILTER (WHERE condition)` where the dialect has it, which the engine
        skips rows on, else `AGG(CASE WHEN condition THEN value END)`, NULL on the other rows
        (a row count counts 1 there, so both count the same rows, and both give NULL, or 0 for
        a count, when no row qualifies)."""
        if condition is None:
            return make(value if value is not None else exp.Star())
        if self.d.aggregate_filter:
            return exp.Filter(this=make(value if value is not None else exp.Star()),
                              expression=exp.Where(this=condition))
        return make(exp.Case(ifs=[exp.If(this=condition, true=value if value is not None else exp.Literal.number(1))]))

    def _as_text(self, tree: exp.Expression, text_dates: dict[str, DateFormat]) -> exp.Expression:
        """`tree` with its comparisons of sortable text dates (with each other, in one format,
        or with the as-of date) made on the stored text: `PayDate <= DueDate`, `DueDate <
        as_of`, `PayDate IS NULL`. Such text compares as its dates do, so no row is converted
        for them (PostgreSQL evaluates each written conversion again on every row)."""
        if not text_dates:
            return tree

        def operand(node: exp.Expression, fmt: DateFormat) -> exp.Expression | None:
            if isinstance(node, exp.Column) and node.name in text_dates and text_dates[node.name] == fmt:
                return exp.Column(this=node.this.copy(), table=exp.to_identifier(TEXT))
            if isinstance(node, exp.Placeholder) and node.name == AS_OF:
                return self._bound(0, fmt)
            return None

        def fn(node: exp.Expression) -> exp.Expression:
            if isinstance(node, _COMPARISONS):
                parts = {"this": node.this, "expression": node.expression}
            elif isinstance(node, exp.Between):
                parts = {"this": node.this, "low": node.args["low"], "high": node.args["high"]}
            elif isinstance(node, exp.Is) and isinstance(node.expression, exp.Null):
                parts = {"this": node.this}
            else:
                return node
            fmt = next((text_dates[p.name] for p in parts.values()
                        if isinstance(p, exp.Column) and p.name in text_dates), None)
            new = {k: operand(p, fmt) for k, p in parts.items()} if fmt is not None else {}
            if not new or any(v is None for v in new.values()):
                return node
            return type(node)(**{**({"expression": exp.Null()} if isinstance(node, exp.Is) else {}), **new})

        return tree.transform(fn)

    def _joined_rollup(self, source: Source, scope: Scope) -> RollupJoin | None:
        """The rollup to compute by joining the window's parents to their children and grouping
        per parent, as an expert writes a basket size: one join and one aggregation, where a
        separate rollup aggregates the children and joins the result back to the parents. Only
        for a windowed scope with one rollup whose parent key is unique (so grouping by it
        neither merges parents nor multiplies them), and where the dialect restricts rollups
        to the window at all (`semi_join_rollups`)."""
        if (scope.window_days is None or not source.time or not self.d.semi_join_rollups
                or len(scope.rollups) != 1 or any(k.period for k in scope.keys)
                or any(m.agg.ranked for m in scope.measures)):
            return None
        r = scope.rollups[0]
        if any(m.agg not in _CHILD_AGGREGATES for m, _ in r.measures):
            return None
        return r if self.c.unique_parent(r.parent, r.child) else None

    def _join_children(self, rows: exp.Select, source: Source, r: RollupJoin,
                       projections: list[exp.Expression]) -> exp.Select:
        """`rows` (the parents) left-joined to their children, grouped per parent."""
        child = self.c.sources[r.child]
        alias = _rollup_alias(r)
        on = [exp.EQ(this=self._rollup_key(child, alias, c, source, p), expression=self._rollup_key(source, SRC, p, child, c))
              for p, c in r.keys]
        if child.filter is not None:
            on.append(self.lower(self.c.tree(child.filter), self._source_column(child, alias)))
        rows = rows.join(self._table(child, alias), join_type="LEFT", on=_and(*on), copy=False)
        rolled = {m.name for m, _ in r.measures}
        group = [self._raw(source, SRC, p) for p, _ in r.keys]
        group += [p.this.copy() for p in projections if p.alias not in rolled]
        return rows.group_by(*group, copy=False)

    def _child_aggregate(self, r: RollupJoin, m: Measure, default: str | None) -> exp.Expression:
        """A rollup measure over the children joined to one parent (NULL-extended when it has none)."""
        child = self.c.sources[r.child]
        alias = _rollup_alias(r)
        key = r.keys[0][1]
        if m.agg in (Agg.COUNT, Agg.COUNT_DISTINCT) and m.value is None:  # the children, not the NULL row
            m = dataclasses.replace(m, value=exp.column(key))
        value = self.aggregate(m, self._source_column(child, alias))
        if m.agg in (Agg.COUNT, Agg.COUNT_DISTINCT) and (default is None or float(default) != 0):
            # a parent without children has no count (NULL, then its default), not 0
            present = exp.GT(this=exp.Count(this=self._raw(child, alias, key)), expression=exp.Literal.number(0))
            value = exp.Case(ifs=[exp.If(this=present, true=value)])
        if default is not None:
            value = exp.Coalesce(this=value, expressions=[exp.Literal.number(default)])
        return value

    def _parents_in_window(self, source: Source, scope: Scope, r: RollupJoin) -> exp.Expression | None:
        """For a windowed scope: the child rows whose parent is in the window, so only they are
        rolled up (not the whole child table). Restricting on one key column keeps every child
        of an in-window parent, so it is exact for one key and a safe superset for several."""
        if scope.window_days is None or not source.time or not self.d.semi_join_rollups:
            return None
        parent, child = r.keys[0]
        conditions = self._source_rules(source, PARENT, scope.window_days)
        other = self.c.sources[r.child]  # both sides spelled as the rollup's join spells them
        parents = exp.select(self._rollup_key(source, PARENT, parent, other, child)).from_(
            self._table(source, PARENT), copy=False).where(_and(*conditions), copy=False)
        return exp.In(this=self._rollup_key(other, SRC, child, source, parent), query=exp.Subquery(this=parents))

    def _rollup_key(self, source: Source, table: str, column: str, other: Source, other_column: str
                    ) -> exp.Expression:
        """A join key of a rollup: as stored when both sides store it the same way (text dates
        in one format compare as text, and an index can serve), else converted to a DATE."""
        mine, theirs = source.column(column), other.column(other_column)
        formats = {c.date_format.pattern if c and c.date_format else None for c in (mine, theirs)}
        if len(formats) == 1:
            return self._raw(source, table, column)
        return self._source_column(source, table)(exp.column(column))

    def _rollup(self, r: RollupJoin, parents: exp.Expression | None = None) -> exp.Expression:
        child = self.c.sources[r.child]
        parent = self.c.sources[r.parent]
        convert = self._source_column(child, SRC)
        keys = [self._rollup_key(child, SRC, c, parent, p) for p, c in r.keys]
        inner = exp.select(*(_alias(k, q(c)) for k, (_, c) in zip(keys, r.keys)),
                           *(_alias(self.aggregate(m, convert), q(m.name)) for m, _ in r.measures))
        inner = inner.from_(self._table(child, SRC), copy=False)
        if child.filter is not None:
            inner = inner.where(self.lower(self.c.tree(child.filter), convert), copy=False)
        if parents is not None:
            inner = inner.where(parents, copy=False)
        inner = inner.group_by(*(k.copy() for k in keys), copy=False)
        return _alias(exp.Subquery(this=inner), q(_rollup_alias(r)), table=True)

    def aggregate(self, m: Measure, column: Callable[[exp.Column], exp.Expression],
                  condition: exp.Expression | None = None) -> exp.Expression:
        """The measure's aggregate over the rows its filter (or `condition`, lowered) keeps."""
        if m.agg.ranked:  # the value on the latest row (or `offset` rows before it)
            group = self.latest[m.name]
            kept = self.lower(m.filter, column) if m.filter is not None else None
            if self.d.latest_aggregate:
                return self.d.latest(self.lower(m.value, column), [o.copy() for o in group.order], m.offset,
                                     group.count, kept, group.value_never_null, group.order_never_null)
            rank = exp.EQ(this=qcol(group.rank, ROWS), expression=exp.Literal.number(m.offset + 1))
            if kept is not None:
                rank = _and(rank, kept)
            return self._conditional(lambda v: exp.Max(this=v), self.lower(m.value, column), rank)
        if condition is None and m.filter is not None:
            condition = self.lower(m.filter, column)
        if m.weight is not None:  # a stacked scope's link group stands for `weight` rows of its source
            rows = self._conditional(lambda v: exp.Sum(this=v), self.lower(exp.column(m.weight), column), condition)
            return self.d.cast(exp.Coalesce(this=rows, expressions=[exp.Literal.number(0)]), DataType("bigint"))
        value = self.lower(m.value, column) if m.value is not None else None
        make = {Agg.COUNT: lambda v: exp.Count(this=v),
                Agg.COUNT_DISTINCT: lambda v: exp.Count(this=exp.Distinct(expressions=[v])),
                Agg.AVG: self.d.average,
                Agg.SUM: lambda v: exp.Sum(this=v), Agg.MIN: lambda v: exp.Min(this=v),
                Agg.MAX: lambda v: exp.Max(this=v)}[m.agg]
        return self._conditional(make, value, condition)


def _computed_window_arguments(start: exp.Expression, projections: list[exp.Expression], alias: str
                               ) -> tuple[exp.Expression, list[exp.Expression]]:
    """The windows' arguments that are computed (CustomerPotentialScoreView's Monetary,
    `COALESCE(AvgAmount, 0) * CountFactor`, and RecencyDays), as columns of a layer under the
    windows, read there and wherever the outputs repeat them: DuckDB reads an `OVER ()` window's
    rows on one thread, so what the outputs compute above it runs on one core (the Score view
    took 1.11x its baseline's wall time at 1.05x its CPU, bench/README.md item 25)."""
    values: dict[str, tuple[str, exp.Expression]] = {}
    for p in projections:
        for w in p.find_all(exp.Window):
            arg = w.this.this if isinstance(w.this, exp.AggFunc) else None
            arg = arg.unnest() if isinstance(arg, exp.Expression) else None
            if arg is not None and not isinstance(arg, (exp.Column, exp.Literal, exp.Star)):
                values.setdefault(arg.sql(), (f"__value_{len(values)}", arg))
    if not values:
        return start, projections

    def valued(node: exp.Expression) -> exp.Expression:
        found = values.get(node.unnest().sql())
        return qcol(found[0], alias) if found else node

    layer = _widened(start, alias, {name: value.copy() for name, value in values.values()})
    return layer, [p.transform(valued) for p in projections]


def _widened(start: exp.Expression, alias: str, columns: dict[str, exp.Expression],
             where: exp.Expression | None = None) -> exp.Expression:
    """The rows of `start` (read as `alias`), those `where` keeps, with `columns` added, as a
    subquery read as `alias` again, so the expressions above it read the same names."""
    layer = exp.select(exp.Column(this=exp.Star(), table=q(alias)),
                       *(_alias(value, q(name)) for name, value in columns.items())).from_(start, copy=False)
    if where is not None:
        layer = layer.where(where, copy=False)
    return _alias(exp.Subquery(this=layer), q(alias), table=True)


def _filter_shared_condition(agg: exp.Select) -> None:
    """Rewrite the conditional aggregates of `agg` (`AGG(CASE WHEN c THEN x END)`, as
    `_conditional` writes them) as `AGG(x) FILTER (WHERE c)` when there are two or more and
    they all share one condition `c`; otherwise leave them (`Dialect.shared_condition_filter`).
    Both forms aggregate the same rows: a row count counts 1 where `c` holds."""
    found: list[tuple[exp.AggFunc, exp.Expression, exp.Expression]] = []
    for projection in agg.expressions:
        for node in projection.find_all(exp.AggFunc):
            arg = node.this
            if isinstance(arg, exp.Distinct) and any(isinstance(e, exp.Case) for e in arg.expressions):
                return  # COUNT(DISTINCT CASE ...) stays as it is, and so do its neighbours
            if isinstance(arg, exp.Case) and len(arg.args.get("ifs") or []) == 1 and not arg.args.get("default"):
                branch = arg.args["ifs"][0]
                found.append((node, branch.this, branch.args["true"]))
    if len(found) < 2 or len({condition.sql() for _, condition, _ in found}) != 1:
        return
    for node, condition, value in found:
        if isinstance(node, exp.Count) and isinstance(value, exp.Literal) and not value.is_string:
            value = exp.Star()
        node.set("this", value.copy())
        node.replace(exp.Filter(this=node.copy(), expression=exp.Where(this=condition.copy())))


@dataclasses.dataclass(frozen=True, slots=True)
class _Latest:
    """How a `latest` measure is read in its scope (see `_Renderer._latest_groups`)."""

    rank: str  # the rank column it shares (ROW_NUMBER)
    count: int  # how many rows from the latest its top-N aggregate keeps (`latest_aggregate`)
    order: tuple[exp.Expression, ...]  # its order_by columns as the scope's rows hold them
    order_never_null: tuple[bool, ...]  # which of them are declared `not_null`
    value_never_null: bool  # its value is a column declared `not_null`


_CHILD_AGGREGATES = (Agg.COUNT, Agg.COUNT_DISTINCT, Agg.SUM, Agg.MIN, Agg.MAX, Agg.AVG)


def _stacked(parts: list[exp.Query], distinct: bool) -> exp.Query:
    """The parts one after the other: UNION (distinct) or UNION ALL."""
    query = parts[0]
    for part in parts[1:]:
        query = exp.union(query, part, distinct=distinct, copy=False)
    return query


def _partials(measures: tuple[Measure, ...], coarser: tuple[str, ...]
              ) -> list[tuple[str, Measure, str | None]]:
    """The columns a finer unit's groups add for re-aggregating `measures` at the `coarser`
    units: (name, measure, the unit whose period start it reads or None). A measure reading
    `period_start_date` is computed once per coarser unit; an AVG is kept as a SUM and a COUNT."""
    out = []
    for m in measures:
        for unit in dict.fromkeys(u if _reads_period(m) else None for u in coarser):
            name = _partial(m, unit) if unit else m.name
            if m.agg is Agg.AVG:
                out += [(f"{name}__sum", dataclasses.replace(m, agg=Agg.SUM), unit),
                        (f"{name}__count", dataclasses.replace(m, agg=Agg.COUNT), unit)]
            elif unit:
                out.append((name, m, unit))
    return out


def _max_time_in_window(m: Measure, source: Source) -> bool:
    """`m` is the MAX of the source's time column over a window inside its scope, and nothing
    else filters it: the window's one bound inside the scope is then a lower bound on the very
    column maximised, so MAX over the window is MAX over the scope when that reaches the bound."""
    return (m.agg is Agg.MAX and m.window_days is not None and m.filter is None and m.weight is None
            and isinstance(m.value, exp.Column) and not m.value.table and m.value.name == source.time)


def _reads_period(m: Measure) -> bool:
    return any(p.name == PERIOD_START for tree in (m.value, m.filter) if tree is not None
               for p in tree.find_all(exp.Placeholder))


def _partial(m: Measure, unit: str) -> str:
    """The column of the finer groups that `m` at `unit` is re-aggregated from: the measure
    itself, or its variant computed with `unit`'s period start when it reads that."""
    return f"{m.name}__{unit}" if _reads_period(m) else m.name


def _rollup_alias(r: RollupJoin) -> str:
    return f"{r.child}_rollup"


def _via_alias(parent: str) -> str:
    return f"{parent}_parent"


def format_text_date(date: datetime.date, fmt: DateFormat) -> str:
    """`date` written in a text-date format, zero-padded: 2024-06-30 in YYYY/MM/DD is '2024/06/30'."""
    return fmt.pattern.replace("YYYY", f"{date.year:04d}").replace("MM", f"{date.month:02d}").replace(
        "DD", f"{date.day:02d}")
