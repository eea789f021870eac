"""Names every target engine can hold: checked on the rendered statements, before any file.

Every name semview writes (views, their columns, CTEs and aliases derived from metrics,
entities and sources) is an identifier of the generated SQL. Quoting makes any printable
text *parse*, but engines still refuse some names or silently change them: PostgreSQL
truncates past 63 bytes, MySQL refuses a trailing space and strips a leading one from a
column, Spark keeps only letters, digits and _ in a view's name, ClickHouse stores a view
under a file name. `check_identifiers` turns each of those into an SV303 error that names
the engine, the limit and the YAML that produced the name, instead of a database error
(or a silently renamed column) at deployment.

    >>> from semview.dialects import get_dialect                      # doctest: +SKIP
    >>> check_identifiers([(plan, statements)], get_dialect("postgres"), catalog)  # doctest: +SKIP
    [Diagnostic(code='SV303', message="metric 'AAAA…' is 70 bytes long; ...", ...)]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from sqlglot import exp

from ..dialects import Dialect
from .diagnostics import Diagnostic, SourceSpan
from .model import ColumnKind
from .resolve import Catalog

SHOWN_CHARACTERS = 40  # a name longer than this is shown cut, with its length


@dataclass(frozen=True, slots=True)
class _Origin:
    """Where a name was written in the YAML, and what it names there."""

    noun: str  # e.g. "metric", "column"
    of: str  # e.g. "", " of view 'V'"
    span: SourceSpan | None

    def name(self, name: str) -> str:
        return f"{self.noun} '{_cut(name)}'{self.of}"


def check_identifiers(rendered: Iterable[tuple[object, Sequence[exp.Expression]]], dialect: Dialect,
                      catalog: Catalog | None = None) -> list[Diagnostic]:
    """SV303 for every identifier of the rendered views that `dialect`'s engine cannot hold.

    `rendered` pairs each view's plan (anything with `.view` and `.outputs`) with its
    statements as sqlglot trees; `catalog` lets a name used inside the SQL (a metric's
    CTE column, a source's CTE) point at the YAML that declared it. A name shared by many
    views is reported once.
    """
    shared = _catalog_origins(catalog) if catalog is not None else {}
    found: dict[tuple[str, bool, SourceSpan | None], Diagnostic] = {}
    for plan, statements in rendered:
        view = plan.view  # type: ignore[attr-defined]
        own = _view_origins(plan, shared)  # looked up first; never merged (the catalog may be large)
        for name, relation, schema in _identifiers(statements):
            problem = identifier_problem(name, relation, dialect)
            if problem is None:
                continue
            what, span = _describe(name, own, shared, view.name, schema)
            key = (name, relation, span)
            if key not in found:
                found[key] = Diagnostic(
                    "SV303", f"{what} {problem}", span if span or schema else view.span,
                    f"rename it so that {dialect.title} can hold it, or leave {dialect.name} out of --dialect")
    return list(found.values())


def identifier_problem(name: str, relation: bool, dialect: Dialect) -> str | None:
    """Why `dialect`'s engine cannot hold `name`, as the end of a sentence, or None."""
    limit = dialect.max_identifier_length
    if limit is not None:
        length = dialect.identifier_length(name)
        if length > limit:
            # Engines count either characters or bytes of UTF-8; a two-byte letter tells which.
            unit = "bytes" if dialect.identifier_length("é") == 2 else "characters"
            return f"is {length} {unit} long; {dialect.name} ({dialect.title}) allows at most {limit}"
    return dialect.identifier_problem(name, relation)


def _identifiers(statements: Sequence[exp.Expression]) -> Iterator[tuple[str, bool, bool]]:
    """(name, is a relation the catalog keeps, is a schema) for every identifier of the statements."""
    for statement in statements:
        ctes = {cte.alias for cte in statement.find_all(exp.CTE)}
        for ident in statement.find_all(exp.Identifier):
            parent = ident.parent
            # A table reference that is not one of the statement's CTEs names a view, a source
            # table or a schema: something the engine's catalog holds. Aliases hang off a
            # TableAlias, not the Table, so they are never relations.
            relation = isinstance(parent, exp.Table) and (ident.arg_key != "this" or parent.name not in ctes)
            yield ident.name, relation, relation and ident.arg_key == "db"


def _view_origins(plan: object, shared: dict[str, _Origin]) -> dict[str, _Origin]:
    view = plan.view  # type: ignore[attr-defined]
    out = {} if view.name in shared else {view.name: _Origin("view", "", view.span)}
    of = f" of view '{_cut(view.name)}'"
    for col in view.columns:  # an entity's column without `name:` is the entity's to rename
        if col.name:
            out.setdefault(col.name, _Origin("column", of, col.span))
    read = f" read by view '{_cut(view.name)}'"
    for col in view.columns:  # what a column shows is written at its span too: `column: [alias.]Name`
        if col.kind is ColumnKind.COLUMN:
            shown = _Origin("column", read, col.span)
            out.setdefault(col.ref, shown)
            for join in getattr(view, "joins", ()):
                if col.ref.startswith(f"{join.alias}."):
                    out.setdefault(col.ref[len(join.alias) + 1:], shown)
    for join in getattr(view, "joins", ()):
        out.setdefault(join.alias, _Origin("join alias", of, join.span))
    return out


def _catalog_origins(catalog: Catalog) -> dict[str, _Origin]:
    out: dict[str, _Origin] = {}
    for mapping in catalog.mappings.values():  # the views a CDP field mapping generates
        for name in (mapping.view, mapping.fields_view):
            if name:
                generated = f" (generated by mapping '{_cut(mapping.name)}')"
                out.setdefault(name, _Origin("view", generated, mapping.span))
    for view in catalog.views.values():
        out.setdefault(view.name, _Origin("view", "", view.span))
    for metric in catalog.metrics.values():
        out.setdefault(metric.name, _Origin("metric", "", metric.span))
    for entity in catalog.entities.values():
        out.setdefault(entity.column, _Origin("key column", f" of entity '{_cut(entity.name)}'", entity.span))
        out.setdefault(entity.name, _Origin("entity", "", entity.span))
    for source in catalog.sources.values():
        out.setdefault(source.name, _Origin("source", "", source.span))
    for source in catalog.sources.values():
        of = f" of source '{_cut(source.name)}'"
        out.setdefault(source.table, _Origin("table", of, source.span))
        if source.schema:
            out.setdefault(source.schema, _Origin("schema", of, source.span))
        for column in source.columns:
            out.setdefault(column.name, _Origin("column", of, column.span))
        for rollup in source.rollups:
            out.setdefault(rollup.name, _Origin("rollup", of, rollup.span))
    return out


def _describe(name: str, own: dict[str, _Origin], shared: dict[str, _Origin], view: str,
              schema: bool) -> tuple[str, SourceSpan | None]:
    """How to name `name` in a message, and where the user wrote it (None: not in the YAML)."""
    origin = own.get(name) or shared.get(name)
    if origin is not None:
        return origin.name(name), origin.span
    if schema:  # not a source's schema: the views' own, from --schema
        return f"schema '{_cut(name)}' (--schema)", None
    # A name semview derives, such as the CTE `Factor_last_90_days` of source `Factor`:
    # blame the longest declared name it starts with.
    stems = [n for origins in (own, shared) for n in origins if n and name.startswith(n)]
    if stems:
        stem = max(stems, key=len)
        origin = own.get(stem) or shared[stem]
        return f"the generated name '{_cut(name)}' (from {origin.name(stem)})", origin.span
    return f"the generated name '{_cut(name)}' in view '{_cut(view)}'", None


def _cut(name: str) -> str:
    if len(name) <= SHOWN_CHARACTERS:
        return name
    return f"{name[:SHOWN_CHARACTERS]}… ({len(name)} characters)"
