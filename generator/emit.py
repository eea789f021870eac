"""Stage 6: files. Written into a temporary folder beside the target, then swapped in.

A build killed half way leaves the previous output untouched; two builds into the
same folder take turns (an exclusive lock on a file beside it).
"""
from __future__ import annotations

import contextlib
import datetime
import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

from .compile import CompiledView


def manifest(builds: dict[str, list[CompiledView]], version: str, as_of: datetime.date | None) -> dict:
    """What a build holds: views, their files per dialect, columns and dependencies."""
    first = next(iter(builds.values()))
    names = {v.name for v in first}
    views = []
    for view in first:
        views.append({
            "name": view.name,
            "description": view.description,
            "files": {d: f"{d}/{view.name}.sql" for d in builds},
            "columns": [{"name": c.name, "type": c.type, "kind": c.kind, "ref": c.ref,
                         "description": c.description} for c in view.columns],
            "depends_on": {"sources": [t for t in view.dependencies if t not in names],
                           "views": [t for t in view.dependencies if t in names]},
        })
    return {
        "semview_version": version,
        "as_of": as_of.isoformat() if as_of else None,
        "as_of_default": "the engine's current date at query time" if as_of is None else None,
        "dialects": list(builds),
        "views": views,
    }


def render_files(builds: dict[str, list[CompiledView]], version: str,
                 as_of: datetime.date | None = None) -> dict[str, str]:
    """Relative path -> text of every output file; the same input gives the same bytes."""
    files: dict[str, str] = {}
    for dialect, views in builds.items():
        for view in views:
            files[f"{dialect}/{view.name}.sql"] = view.sql
        header = f"-- semview {version}: every view for {dialect}, in dependency order.\n\n"
        files[f"{dialect}/all.sql"] = header + "\n".join(v.sql for v in views)
    files["manifest.json"] = json.dumps(manifest(builds, version, as_of), indent=2, ensure_ascii=False) + "\n"
    return files


def safe_file_name(name: str) -> bool:
    """A view name usable as a file name on every OS (views are written as <name>.sql)."""
    return bool(name) and name not in (".", "..") and not any(c in name for c in '/\\:*?"<>|\0')


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_tree(out: Path, files: dict[str, str]) -> None:
    """Replace the folder `out` by exactly `files`, atomically as far as the OS allows."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        try:
            for rel, text in sorted(files.items()):
                path = tmp / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
            old = None
            if out.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
                os.rename(out, old / out.name)
            os.rename(tmp, out)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)


def write_file(path: Path, text: str) -> None:
    """Replace one file atomically: a temporary file beside it, then a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
