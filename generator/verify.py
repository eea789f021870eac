"""Every emitted statement must parse back with sqlglot in its own dialect.

A cheap guard against a generator bug producing SQL the target cannot even parse; the
engine tests then prove the numbers.
"""
from __future__ import annotations

import sqlglot
from sqlglot.errors import ParseError, TokenError

from ..dialects import get_dialect
from .compile import CompiledView
from .diagnostics import CompileError, Diagnostic


def verify_statements(builds: dict[str, list[CompiledView]]) -> None:
    problems = []
    for dialect, views in builds.items():
        read = get_dialect(dialect).sqlglot_name
        for view in views:
            for statement in view.statements:
                try:
                    parsed = [p for p in sqlglot.parse(statement, read=read) if p is not None]
                except (ParseError, TokenError) as exc:
                    problems.append(Diagnostic("SV301", f"generated SQL for view '{view.name}' on {dialect} "
                                               f"does not parse back: {str(exc).splitlines()[0]}",
                                               hint="this is a semview bug; please report it"))
                    continue
                if len(parsed) != 1:
                    problems.append(Diagnostic("SV301", f"generated SQL for view '{view.name}' on {dialect} "
                                               f"is {len(parsed)} statements where one was expected",
                                               hint="this is a semview bug; please report it"))
    if problems:
        raise CompileError(tuple(problems))
