"""The catalog's pages, one per view, metric, entity, source, mapping and section.

Both renderers (HTML and Markdown) write the same set of pages; each supplies how one
page of each kind reads.
"""
from __future__ import annotations


def item_pages(r) -> dict[str, str]:
    """Path -> text of every page but the index, rendered by `r` (an HTML or Markdown site)."""
    kinds = (
        ("views", r.c.views.values(), r.view),
        ("metrics", r.c.project.metrics, r.metric),
        ("entities", r.c.project.entities, r.entity),
        ("sources", r.c.project.sources, r.source),
        ("mappings", r.d.mappings.values(), r.mapping),
        ("sections", r.d.sections, r.section),
    )
    return {r.links.path(kind, item.name): render(item) for kind, items, render in kinds for item in items}
