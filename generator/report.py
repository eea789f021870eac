"""Diagnostics as text for people, JSON for tools, or GitHub Actions annotations.

Pure functions returning strings; the CLI decides where they go.

    >>> d = Diagnostic("SV104", "unknown metric 'X'", SourceSpan("v.yml", 2, 7), "did you mean 'Y'?")
    >>> print(format_github([d]), end="")
    ::error file=v.yml,line=2,col=7,title=semview SV104::unknown metric 'X'%0Ahint: did you mean 'Y'?
"""
from __future__ import annotations

import json
from typing import Sequence

from .diagnostics import Diagnostic, SourceSpan, format_diagnostic

FORMATS = ("text", "json", "github")
_GITHUB_LEVELS = {"error": "error", "warning": "warning"}  # anything else is a notice


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Compiler style: `file:line:col: error[CODE]: message`, the source line, a caret, the hint."""
    return "".join(format_diagnostic(d) + "\n" for d in diagnostics)


def format_json(diagnostics: Sequence[Diagnostic], views: int | None = None) -> str:
    """One JSON document: counts by severity, then every diagnostic's `to_dict()`.

    `views` is how many views compiled (None when the catalog did not get that far).
    """
    document = {
        "ok": not any(d.severity == "error" for d in diagnostics),
        "errors": sum(1 for d in diagnostics if d.severity == "error"),
        "warnings": sum(1 for d in diagnostics if d.severity == "warning"),
        "views": views,
        "diagnostics": [d.to_dict() for d in diagnostics],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """One workflow command per diagnostic, shown by GitHub on the file and line.

    https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
    """
    lines = []
    for d in diagnostics:
        properties = _span_properties(d.span) + [("title", f"semview {d.code}")]
        text = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        level = _GITHUB_LEVELS.get(d.severity, "notice")
        props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
        lines.append(f"::{level} {props}::{escape_data(text)}\n")
    return "".join(lines)


def _span_properties(span: SourceSpan | None) -> list[tuple[str, str]]:
    if span is None:
        return []
    return [("file", span.path), ("line", str(span.line)), ("col", str(span.col))]


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF percent-encoded (`%` first)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as `escape_data`, and also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
