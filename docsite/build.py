"""The docs stage: a resolved catalog -> the files of its documentation site.

    >>> files = build_site(load_catalog("."), "html")          # doctest: +SKIP
    >>> write_tree(Path("site"), files)                         # doctest: +SKIP
"""
from __future__ import annotations

import datetime

from .. import __version__
from ..generator.resolve import Catalog
from .collect import collect
from .html import build_html
from .markdown import build_markdown

FORMATS = ("html", "markdown")


def build_site(catalog: Catalog, fmt: str = "html", as_of: datetime.date | None = None) -> dict[str, str]:
    """Relative path -> text of every file; the same catalog gives the same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown docs format '{fmt}' (known: {', '.join(FORMATS)})")
    data = collect(catalog, __version__, as_of)
    return build_html(data) if fmt == "html" else build_markdown(data)
