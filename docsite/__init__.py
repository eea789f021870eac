"""`semview docs`: the catalog as a static site (HTML that works from disk) or Markdown.

One module per job: `collect` (what pages show, compiled for every dialect),
`words` (metrics in words), `lineage` (the graph), `layout` (layered layout),
`svg` (drawing), `highlight` (SQL colouring), `search` (offline index), `paths`
(file names and links), `html` and `markdown` (the two writers; `static/` holds the
site's CSS and JS), `build` (composes them).
"""
from __future__ import annotations

from .build import FORMATS, build_site

__all__ = ["FORMATS", "build_site"]
