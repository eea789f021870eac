"""Source positions, diagnostics and the one exception the CLI catches.

Every stage reports problems as `Diagnostic`s with a `SourceSpan`, collects as many
as it can, and raises one `CompileError` carrying all of them. Nothing here prints:
`format_diagnostic` returns text and the CLI decides where it goes.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """A 1-based line and column in a file (`path` as the user should read it)."""

    path: str
    line: int = 1
    col: int = 1

    def shifted(self, offset: int) -> "SourceSpan":
        """The span `offset` characters further on the same line (fragments in a scalar)."""
        return SourceSpan(self.path, self.line, self.col + offset)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a stable code (`SV104`), a message, where, and how to fix it."""

    code: str
    message: str
    span: SourceSpan | None = None
    hint: str | None = None
    severity: str = "error"

    def to_dict(self) -> dict[str, object]:
        span = self.span
        return {
            "code": self.code,
            "severity": self.severity,
            "file": span.path if span else None,
            "line": span.line if span else None,
            "col": span.col if span else None,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(slots=True)
class CompileError(Exception):
    """Raised by a stage with every diagnostic it collected (never empty)."""

    diagnostics: tuple[Diagnostic, ...]
    exit_code: int = 1

    def __str__(self) -> str:
        return "\n".join(format_diagnostic(d) for d in self.diagnostics)


@dataclass(slots=True)
class Collector:
    """Accumulates diagnostics across a stage so the user sees all of them at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, message: str, span: SourceSpan | None = None, hint: str | None = None) -> None:
        self.items.append(Diagnostic(code, message, span, hint))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    def raise_if_any(self) -> None:
        if self.items:
            raise CompileError(tuple(sorted(self.items, key=_order)))


def _order(d: Diagnostic) -> tuple[str, int, int, str]:
    s = d.span
    return (s.path, s.line, s.col, d.code) if s else ("", 0, 0, d.code)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, compared case-insensitively."""
    pool = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(name.lower(), list(pool), n=1, cutoff=0.6)
    return f"did you mean '{pool[close[0]]}'?" if close else None


# Source text is read only for printing. Spans carry the path as shown to the user;
# the loader records which file each shown path is, so the caret line comes from the
# file that was actually loaded, wherever the working directory is now.
_FILES: dict[str, Path] = {}


def register_file(shown: str, path: Path) -> None:
    _FILES[shown] = Path(os.path.realpath(path))  # Path.resolve() raises on a symlink loop


def source_file(shown: str) -> Path:
    """The file a span's path was loaded from."""
    return _FILES.get(shown, Path(shown))


def _source_line(span: SourceSpan) -> str | None:
    candidate = _FILES.get(span.path, Path(span.path))
    try:
        if not candidate.is_file():  # a pipe would block the printing of its own error
            return None
        lines = candidate.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return lines[span.line - 1] if 0 < span.line <= len(lines) else None


def format_diagnostic(d: Diagnostic, with_source: bool = True) -> str:
    """`path:line:col: error[CODE]: message`, the source line, a caret, and the hint."""
    where = f"{d.span}: " if d.span else ""
    out = [f"{where}{d.severity}[{d.code}]: {d.message}"]
    if with_source and d.span:
        line = _source_line(d.span)
        if line is not None and len(line) < 400:
            prefix = f"{d.span.line:>5} | "
            out.append(prefix + line)
            out.append(" " * (len(prefix) + max(d.span.col - 1, 0)) + "^")
    if d.hint:
        out.append(f"  hint: {d.hint}")
    return "\n".join(out)
