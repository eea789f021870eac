"""Stage 5: a plan + a dialect -> sqlglot statements (CREATE VIEW, or the target's pair).

Every output name, CTE and alias is a quoted identifier; source tables and columns are
written as their creator named them (unquoted unless the source says `quoted: true`),
so each engine resolves them the way it resolved the schema's own DDL.
"""
from __future__ import annotations

from typing import Callable

from sqlglot import exp

from ..dialects import Dialect
from .fragments import AS_OF
from .model import Agg, DataType, Source
from .plan import BASE, Measure, Relation, RollupJoin, RowViewPlan, Scope, ValuesPlan, ViewPlan
from .resolve import Catalog
from .validate import parse_type

ROW_KEYS = "row_keys"
SRC = "src"
ROWS = "s"


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

    # -- constant and row-level views ------------------------------------------------

    def values(self, plan: ValuesPlan) -> exp.Query:
        def literal(value: str | None) -> exp.Expression:
            return self.d.cast(exp.Null(), DataType("string")) if value is None else exp.Literal.string(value)

        selects = [exp.select(*(exp.alias_(literal(v), q(o.name)) for v, o in zip(row, plan.outputs)))
                   for row in plan.rows]
        if not selects:  # a mapping without fields: the right columns, no rows
            nulls = [exp.alias_(literal(None), q(o.name)) for o in plan.outputs]
            return exp.select(*nulls).where(exp.EQ(this=exp.Literal.number(1), expression=exp.Literal.number(0)))
        query: exp.Query = selects[0]
        for part in selects[1:]:
            query = exp.union(query, part, distinct=False)
        return query

    def _relation(self, rel: Relation) -> exp.Expression:
        if rel.is_view:
            table = exp.Table(this=q(rel.name), db=q(self.schema) if self.schema else None)
        else:
            src = self.c.sources[rel.name]
            table = exp.Table(this=self.d.source_identifier(src.table, src.quoted),
                              db=self.d.source_identifier(src.schema, src.quoted) if src.schema else None)
        return exp.alias_(table, q(rel.alias), table=True)

    def _relation_column(self, rel: Relation, name: str, convert: bool) -> exp.Expression:
        if rel.is_view:
            return qcol(name, rel.alias)
        src = self.c.sources[rel.name]
        if convert:
            return self._source_column(src, rel.alias)(exp.column(name))
        return exp.Column(this=self.d.source_identifier(name, src.quoted), table=q(rel.alias))

    def _relation_type(self, rel: Relation, name: str) -> DataType | None:
        if rel.is_view:
            return next((o.type for o in self.planned[rel.name].outputs if o.name == name), None)
        col = self.c.sources[rel.name].column(name)
        return col.type if col else None

    def rows(self, plan: RowViewPlan) -> exp.Query:
        rels = {plan.base.alias: plan.base, **{rel.alias: rel for rel, _ in plan.joins}}

        def shown(node: exp.Column) -> exp.Expression:
            return self._relation_column(rels[node.table], node.name, convert=False)

        def computed(node: exp.Column) -> exp.Expression:
            return self._relation_column(rels[node.table], node.name, convert=True)

        projections = [exp.alias_(self.lower(o.expression, shown if o.kind.value == "column" else computed),
                                  q(o.name)) for o in plan.outputs]
        query = exp.select(*projections).from_(self._relation(plan.base))
        for rel, on in plan.joins:
            conds = []
            for mine, theirs in on:
                left = self._relation_column(rel, theirs, convert=False)
                right = self._relation_column(plan.base, mine, convert=False)
                kinds = {t.kind for t in (self._relation_type(rel, theirs), self._relation_type(plan.base, mine))
                         if t is not None}
                conds.append(self.d.string_equals(left, right) if kinds == {"string"}
                             else exp.EQ(this=left, expression=right))
            query = query.join(self._relation(rel), join_type="LEFT", on=exp.and_(*conds))
        if plan.filter is not None:
            query = query.where(self.lower(plan.filter, computed))
        return query

    # -- lowering placeholders -----------------------------------------------------

    def lower(self, tree: exp.Expression, column: Callable[[exp.Column], exp.Expression]) -> exp.Expression:
        """Replace semview's neutral nodes by the dialect's spelling; `column` maps references."""

        def fn(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Placeholder) and node.name == AS_OF:
                return self.as_of.copy()
            if isinstance(node, exp.Column):
                return column(node)
            if isinstance(node, exp.Div):
                return self.d.divide(self.lower(node.this, column), self.lower(node.expression, column))
            if isinstance(node, exp.Anonymous):
                args = node.expressions
                name = str(node.this).lower()
                if name == "days_between":
                    return self.d.days_between(self.lower(args[0], column), self.lower(args[1], column))
                if name == "format_date":
                    return self.d.format_date(self.lower(args[0], column), args[1].name)
                if name == "cast_to":
                    return self.d.cast(self.lower(args[0], column), parse_type(args[1].name))
            return node

        return tree.copy().transform(fn, copy=False)

    # -- the query -----------------------------------------------------------------

    def query(self) -> exp.Query:
        plan = self.plan
        ctes = [(s.name, self.scope(s)) for s in plan.scopes]
        ctes.append((ROW_KEYS, self.row_keys()))
        dims = {d.alias: d for d in plan.dimensions}

        def column(node: exp.Column) -> exp.Expression:
            if node.table in dims:
                src = self.c.sources[dims[node.table].source]
                return exp.Column(this=self.d.source_identifier(node.name, src.quoted), table=q(node.table))
            return qcol(node.name, node.table if node.table != "k" else ROW_KEYS)

        select = exp.select(*(exp.alias_(self.lower(o.expression, column), q(o.name)) for o in plan.outputs))
        select = select.from_(exp.Table(this=q(ROW_KEYS)))
        for scope in plan.scopes:
            select = select.join(exp.Table(this=q(scope.name)), join_type="LEFT",
                                 on=self._keys_equal(scope.name, ROW_KEYS))
        for dim in plan.dimensions:
            src = self.c.sources[dim.source]
            on = exp.EQ(this=exp.Column(this=self.d.source_identifier(dim.key, src.quoted), table=q(dim.alias)),
                        expression=qcol(dim.grain_key, ROW_KEYS))
            select = select.join(self._table(src, dim.alias, filtered=True), join_type="LEFT", on=on)
        for name, cte in ctes:
            select = select.with_(q(name), as_=cte)
        return select

    def _keys_equal(self, left: str, right: str) -> exp.Expression:
        return exp.and_(*(exp.EQ(this=qcol(k, left), expression=qcol(k, right)) for k in self.plan.keys))

    def row_keys(self) -> exp.Query:
        parts = []
        for scope_name, measure in self.plan.row_scopes:
            part = exp.select(*(qcol(k) for k in self.plan.keys)).from_(exp.Table(this=q(scope_name)))
            if measure is not None:
                part = part.where(exp.GT(this=qcol(measure), expression=exp.Literal.number(0)))
            parts.append(part)
        query: exp.Query = parts[0]
        for part in parts[1:]:
            query = exp.union(query, part, distinct=True)
        return query

    # -- one scope: a source aggregated to the grain --------------------------------

    def _table(self, source: Source, alias: str, filtered: bool = False) -> exp.Expression:
        table = exp.Table(this=self.d.source_identifier(source.table, source.quoted),
                          db=self.d.source_identifier(source.schema, source.quoted) if source.schema else None)
        if not (filtered and source.filter):
            return exp.alias_(table, q(alias), table=True)
        # A filtered dimension is joined as a subquery so its filter cannot drop view rows.
        inner = exp.select(exp.Star()).from_(exp.alias_(table, q(SRC), table=True)).where(
            self.lower(self.c.tree(source.filter), self._source_column(source, SRC)))
        return exp.alias_(exp.Subquery(this=inner), q(alias), table=True)

    def _source_column(self, source: Source, table: str) -> Callable[[exp.Column], exp.Expression]:
        """Raw source columns, with dates stored as text converted to DATE."""

        def column(node: exp.Column) -> exp.Expression:
            col = source.column(node.name)
            ref = exp.Column(this=self.d.source_identifier(node.name, source.quoted), table=q(table))
            if col is not None and col.date_format is not None:
                return self.d.parse_date(ref, col.date_format.strftime)
            return ref

        return column

    def scope(self, scope: Scope) -> exp.Query:
        source = self.c.sources[scope.source]
        raw = self._source_column(source, SRC)
        names: dict[str, str] = {}  # source column or rollup -> its name in the scope's rows
        projections = []
        for key, col in scope.keys:
            projections.append(exp.alias_(raw(exp.column(col)), q(key)))
            names.setdefault(col, key)
        taken = {key for key, _ in scope.keys}
        rollups = {m.name: (r, m, default) for r in scope.rollups for m, default in r.measures}
        for col in scope.columns:
            if col in names:
                continue
            alias = col if col not in taken else f"{col}_value"
            taken.add(alias)
            names[col] = alias
            if col in rollups:
                r, m, default = rollups[col]
                value = qcol(m.name, self._rollup_alias(r))
                if default is not None:
                    value = exp.Coalesce(this=value, expressions=[exp.Literal.number(default)])
                projections.append(exp.alias_(value, q(alias)))
            else:
                projections.append(exp.alias_(raw(exp.column(col)), q(alias)))
        rows = exp.select(*projections).from_(self._table(source, SRC))
        for r in scope.rollups:
            rows = rows.join(self._rollup(source, r), join_type="LEFT", on=exp.and_(*(
                exp.EQ(this=qcol(child, self._rollup_alias(r)),
                       expression=exp.Column(this=self.d.source_identifier(parent, source.quoted), table=q(SRC)))
                for parent, child in r.keys)))
        if source.filter is not None:
            rows = rows.where(self.lower(self.c.tree(source.filter), raw))

        def scoped(node: exp.Column) -> exp.Expression:
            return qcol(names[node.name], ROWS)

        keys = [qcol(k, ROWS) for k, _ in scope.keys]
        agg = exp.select(*(exp.alias_(k, q(k.name)) for k in keys),
                         *(exp.alias_(self.aggregate(m, scoped), q(m.name)) for m in scope.measures))
        agg = agg.from_(exp.alias_(exp.Subquery(this=rows), q(ROWS), table=True))
        if source.time:
            time = qcol(names[source.time], ROWS)
            if scope.window_days is not None:
                start = self.d.add_days(self.as_of.copy(), -(scope.window_days - 1))
                agg = agg.where(exp.Between(this=time, low=start, high=self.as_of.copy()))
            else:
                agg = agg.where(exp.LTE(this=time, expression=self.as_of.copy()))
        return agg.group_by(*keys)

    @staticmethod
    def _rollup_alias(r: RollupJoin) -> str:
        return f"{r.child}_rollup"

    def _rollup(self, parent: Source, r: RollupJoin) -> exp.Expression:
        child = self.c.sources[r.child]
        raw = self._source_column(child, SRC)
        keys = [exp.alias_(raw(exp.column(c)), q(c)) for _, c in r.keys]
        inner = exp.select(*keys, *(exp.alias_(self.aggregate(m, raw), q(m.name)) for m, _ in r.measures))
        inner = inner.from_(self._table(child, SRC))
        if child.filter is not None:
            inner = inner.where(self.lower(self.c.tree(child.filter), raw))
        inner = inner.group_by(*(raw(exp.column(c)) for _, c in r.keys))
        return exp.alias_(exp.Subquery(this=inner), q(self._rollup_alias(r)), table=True)

    def aggregate(self, m: Measure, column: Callable[[exp.Column], exp.Expression]) -> exp.Expression:
        value = self.lower(m.value, column) if m.value is not None else None
        if m.filter is not None:
            value = exp.Case(ifs=[exp.If(this=self.lower(m.filter, column),
                                         true=value if value is not None else exp.Literal.number(1))])
        if m.agg is Agg.COUNT:
            return exp.Count(this=value if value is not None else exp.Star())
        if m.agg is Agg.COUNT_DISTINCT:
            return exp.Count(this=exp.Distinct(expressions=[value]))
        if m.agg is Agg.AVG:
            return self.d.average(value)
        return {Agg.SUM: exp.Sum, Agg.MIN: exp.Min, Agg.MAX: exp.Max}[m.agg](this=value)
