"""semview: describe your business once in YAML, get correct views on every database.

    >>> import semview
    >>> views = semview.compile_project(".", dialect="duckdb")  # doctest: +SKIP
    >>> views[0].name, views[0].columns[:2]                     # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"

from .generator.compile import CompiledView, compile_project  # noqa: E402
from .generator.diagnostics import CompileError, Diagnostic  # noqa: E402

__all__ = ["CompileError", "CompiledView", "Diagnostic", "compile_project", "__version__"]
