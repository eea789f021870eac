"""`semview validate --strict`: documentation rules on top of a valid catalog.

A metric or view without a description compiles fine, but its columns reach the
warehouse (and `semview docs`) unexplained; strict mode makes that an error (SV130).
"""
from __future__ import annotations

from .diagnostics import Diagnostic
from .resolve import Catalog


def _missing(text: str | None) -> bool:
    return text is None or not text.strip()


def missing_descriptions(catalog: Catalog) -> list[Diagnostic]:
    """SV130 for every metric and view (generated ones too) without a description, in file order."""
    out = []
    for m in catalog.project.metrics:
        if _missing(m.description):
            out.append(Diagnostic("SV130", f"metric '{m.name}' has no description", m.span,
                                  "add `description: ...`: it documents every view column showing this metric"))
    mappings = getattr(catalog, "mappings", {}) or {}
    generated = {m.view: (m, "description") for m in mappings.values()}
    generated |= {m.fields_view: (m, "fields_description") for m in mappings.values() if m.fields_view}
    for v in catalog.views.values():
        if not _missing(v.description):
            continue
        if v.name in generated:  # the mapping that generates the view carries its description
            mapping, key = generated[v.name]
            hint = f"add `{key}: ...` to field mapping '{mapping.name}', which generates this view"
        else:
            hint = "add `description: ...`: say what one row is and which rows are in the view"
        out.append(Diagnostic("SV130", f"view '{v.name}' has no description", v.span, hint))
    return sorted(out, key=lambda d: (d.span.path, d.span.line, d.span.col) if d.span else ("", 0, 0))
