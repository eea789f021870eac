"""One function composes the stages: load -> validate -> resolve -> plan -> render.

    >>> views = compile_project("examples/shop", dialect="postgres")   # doctest: +SKIP
    >>> print(views[0].sql)                                            # doctest: +SKIP
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from sqlglot.errors import UnsupportedError

from ..dialects import Dialect, get_dialect
from .diagnostics import Collector, CompileError, Diagnostic, SourceSpan
from .load import display_path, find_files, load_project
from .limits import check_identifiers
from .plan import plan_view
from .render import render_view
from .resolve import Catalog, resolve
from .validate import validate


@dataclass(frozen=True, slots=True)
class OutputColumn:
    name: str
    type: str | None
    kind: str  # entity, attribute, metric
    ref: str
    description: str | None


@dataclass(frozen=True, slots=True)
class CompiledView:
    name: str
    dialect: str
    statements: tuple[str, ...]
    columns: tuple[OutputColumn, ...]
    dependencies: tuple[str, ...]  # source tables and views it reads
    description: str | None
    as_of: datetime.date | None
    batch_separator: str | None = None  # T-SQL's GO: CREATE VIEW must open its batch

    @property
    def sql(self) -> str:
        """The view's script: its statements, each ended by `;` (and the batch separator)."""
        end = f";\n{self.batch_separator}\n" if self.batch_separator else ";\n"
        return "\n".join(f"{s}{end}" for s in self.statements)


def load_catalog(project: str | Path, variables: Mapping[str, str] | None = None,
                 overrides: Mapping[Path, str] | None = None) -> Catalog:
    """Load, validate and resolve a project; raises `CompileError` with every problem."""
    root = Path(project)
    if not root.is_dir():
        raise CompileError((Diagnostic("SV009", f"project directory '{project}' does not exist",
                                       hint="pass the folder holding metrics/ and views/"),), exit_code=2)
    if not find_files(root):
        raise CompileError((Diagnostic("SV009", f"no catalog files under '{display_path(root.resolve())}'",
                                       SourceSpan(display_path(root.resolve())),
                                       "a project holds YAML files in metrics/ and views/"),), exit_code=2)
    diags = Collector()
    docs = load_project(root, dict(variables or {}), diags, overrides)
    project_model = validate(docs, diags)
    # Resolve even a partly invalid model, so one run reports every problem.
    catalog = resolve(project_model, diags)
    diags.raise_if_any()
    return catalog


def parse_as_of(value: str | datetime.date | None) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CompileError((Diagnostic("SV201", f"invalid --as-of date '{value}'", hint="use YYYY-MM-DD"),),
                           exit_code=2) from None


def plan_catalog(catalog: Catalog, as_of: datetime.date | None = None) -> list:
    """Plans of every view, in dependency order (declaration order among equals)."""
    planned: dict[str, object] = {}
    for name in catalog.view_order:
        planned[name] = plan_view(catalog, catalog.views[name], as_of, planned)
    return list(planned.values())


def compile_catalog(catalog: Catalog, dialect: Dialect, as_of: datetime.date | None = None,
                    schema: str | None = None) -> list[CompiledView]:
    out: list[CompiledView] = []
    problems: list[Diagnostic] = []
    plans = plan_catalog(catalog, as_of)
    planned = {p.view.name: p for p in plans}

    def rendered():
        """Each view's trees, handed to the identifier check one view at a time: no view's
        trees outlive its check, so a large catalog's heap stays flat."""
        for plan in plans:
            try:
                trees = render_view(plan, catalog, dialect, schema, planned)
                statements = tuple(dialect.generate(s) for s in trees)
            except UnsupportedError as exc:
                problems.append(Diagnostic("SV302", f"view '{plan.view.name}' cannot be written for "
                                           f"{dialect.name}: {str(exc).splitlines()[0]}", plan.view.span,
                                           "change the construct named here, or leave this dialect out"))
                continue
            columns = tuple(OutputColumn(o.name, str(o.type) if o.type else None, o.kind.value, o.ref,
                                         o.description) for o in plan.outputs)
            tables = tuple(dict.fromkeys(s if s in catalog.views else _table_name(catalog, s)
                                         for s in plan.sources))
            out.append(CompiledView(plan.view.name, dialect.name, statements, columns, tables,
                                    plan.view.description, plan.as_of, dialect.batch_separator))
            yield plan, trees

    sv303 = check_identifiers(rendered(), dialect, catalog)  # names the engine cannot hold
    problems.extend(sv303)
    if problems:
        raise CompileError(tuple(problems))
    return out


def _table_name(catalog: Catalog, source: str) -> str:
    s = catalog.sources[source]
    return f"{s.schema}.{s.table}" if s.schema else s.table


def compile_project(path: str | Path = ".", dialect: str = "duckdb", as_of: str | datetime.date | None = None,
                    vars: Mapping[str, str] | None = None, schema: str | None = None) -> list[CompiledView]:
    """Compile every view of the project at `path` for `dialect`, without writing files.

    Raises `CompileError` (its `.diagnostics` say what and where) on a bad catalog.
    """
    try:
        target = get_dialect(dialect)
    except KeyError as exc:
        raise CompileError((Diagnostic("SV201", str(exc.args[0]), hint="see `semview dialects`"),),
                           exit_code=2) from None
    return compile_catalog(load_catalog(path, vars), target, parse_as_of(as_of), schema)
