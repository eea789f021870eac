"""The offline search index: one small record per view, metric, column, entity and source.

It is embedded in the index page as JSON (no fetch: `file://` pages cannot load files
with it) and filtered by `static/site.js` as the reader types.
"""
from __future__ import annotations

import json

from .collect import SiteData
from .paths import Links

MAX_TEXT = 240  # descriptions are shortened in the index; the page has the whole text


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "\u2026"


def search_entries(data: SiteData, links: Links) -> list[dict[str, str]]:
    """Records `{t: type, n: name, c: context, d: description, u: url from the index}`."""
    c = data.catalog
    out: list[dict[str, str]] = []

    def add(kind: str, name: str, url: str | None, desc: str | None, context: str = "") -> None:
        if url is not None:
            out.append({"t": kind, "n": name, "c": context, "d": _short(desc), "u": url})

    for v in c.views.values():
        add("view", v.name, links.href("views", v.name, depth=0), v.description)
        compiled = data.compiled.get(v.name)
        for col in (compiled.columns if compiled else ()):
            add("column", col.name, links.href("views", v.name, f"col-{col.name}", depth=0), col.description,
                f"column of {v.name}" + (f" ({col.kind} {col.ref})" if col.ref != col.name else ""))
    for m in c.project.metrics:
        context = "derived metric" if m.derived else f"{m.agg.value if m.agg else ''} over {m.source}"
        add("metric", m.name, links.href("metrics", m.name, depth=0), m.description, context)
    for e in c.project.entities:
        add("entity", e.name, links.href("entities", e.name, depth=0), e.description, f"key column {e.column}")
    for s in c.project.sources:
        add("source", s.name, links.href("sources", s.name, depth=0), s.description,
            f"table {s.schema + '.' if s.schema else ''}{s.table}")
        for col in s.columns:
            add("source column", f"{s.name}.{col.name}", links.href("sources", s.name, f"col-{col.name}", depth=0),
                col.description, str(col.type))
        for r in s.rollups:
            add("rollup", f"{s.name}.{r.name}", links.href("sources", s.name, f"col-{r.name}", depth=0),
                r.description, f"rollup from {r.source}")
    for m in data.mappings.values():
        add("mapping", m.name, links.href("mappings", m.name, depth=0), m.description,
            f"field mapping of {m.source}")
        for f in m.fields:
            add("mapped field", f.alias, links.href("mappings", m.name, f"field-{f.field}", depth=0), f.description,
                f"generic {f.field} of {m.source}")
    for section in data.sections:
        add("section", section.name, links.href("sections", section.name, depth=0), None,
            f"{len(section.rows)} item(s)")
    return out


def search_json(entries: list[dict[str, str]]) -> str:
    """JSON safe inside `<script type="application/json">`: no `</script>` can close it early."""
    text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
