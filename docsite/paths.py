"""File names and links of the site's pages.

Catalog names may be any printable text (`Revenue (EUR)`, `Umsatz/Monat`), so a page's
file name is the name itself only when that is safe on every file system; otherwise
it is a cleaned name plus a short hash of the real one. Names that differ only in case
also get the hash, so they do not overwrite each other on macOS or Windows.

    >>> slugs(["CountFactor", "Revenue (EUR)"])["Revenue (EUR)"]
    'Revenue-EUR-ee5b005a'
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote

_SAFE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def _hashed(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:48] or "item"
    return f"{cleaned}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:8]}"


def slugs(names: Iterable[str]) -> dict[str, str]:
    """A file-name-safe, case-insensitively unique slug for each name."""
    names = list(dict.fromkeys(names))
    folded: dict[str, int] = {}
    for n in names:
        folded[n.lower()] = folded.get(n.lower(), 0) + 1
    out = {}
    for n in names:
        safe = _SAFE.match(n) and not n.endswith(".") and n.split(".")[0].lower() not in _RESERVED
        out[n] = n if safe and folded[n.lower()] == 1 else _hashed(n)
    return out


def anchor(text: str) -> str:
    """An HTML id / URL fragment for `text` (column anchors such as `col-AvgAmount`)."""
    return text if _SAFE.match(text) else _hashed(text)


@dataclass(frozen=True, slots=True)
class Links:
    """Where each page lives: `<section>/<slug><ext>`, every page one folder below the index."""

    slugs: dict[str, dict[str, str]]  # section -> name -> slug
    ext: str  # ".html" or ".md"
    index: str  # "index.html" or "README.md"

    def path(self, section: str, name: str) -> str | None:
        slug = self.slugs.get(section, {}).get(name)
        return f"{section}/{slug}{self.ext}" if slug is not None else None

    def href(self, section: str, name: str, frag: str | None = None, depth: int = 1) -> str | None:
        """A relative link from a page `depth` folders below the site's root."""
        path = self.path(section, name)
        if path is None:
            return None
        return "../" * depth + quote(path) + (f"#{anchor(frag)}" if frag else "")

    def home(self, depth: int = 1) -> str:
        return "../" * depth + self.index
