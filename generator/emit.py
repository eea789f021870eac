"""Stage 6: files. Written into a temporary folder beside the target, then swapped in.

A build killed half way leaves the previous output untouched; two builds into the
same folder take turns (an exclusive lock on a file beside it).
"""
from __future__ import annotations

import contextlib
import ctypes
import datetime
import errno
import fcntl
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator

from .compile import CompiledView
from .diagnostics import CompileError, Diagnostic
from .load import CATALOG_FOLDERS, YAML_SUFFIXES, find_files


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
    """A view name usable as a file name on every OS (views are written as <name>.sql).

    File systems take at most 255 bytes in a name (ext4, APFS; NTFS 255 UTF-16 units).
    """
    return bool(name) and name not in (".", "..") and not any(c in name for c in '/\\:*?"<>|\0') \
        and len(f"{name}.sql".encode("utf-8")) <= 255


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[float]:
    """Hold the exclusive lock of `out` (a file beside it); yields when it was acquired.

    Builds into the same folder take turns: the second waits here. The lock dies with
    its process, so a killed build never blocks the next one.
    """
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield time.time()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def _renameat2() -> Callable[..., int] | None:
    """glibc's renameat2 (2.28+), or None where there is none (macOS, musl, other OSes)."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _renameat2() if sys.platform.startswith("linux") else None


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux renameat2 RENAME_EXCHANGE).

    False when the OS or the file system cannot (then nothing changed).
    """
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):  # old kernel, or e.g. NFS
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _clean_stale(out: Path, since: float) -> None:
    """Remove what killed builds left beside `out`: their temporary and old folders.

    Called with the lock held: every build makes these only while holding it, so any from
    before we got it belongs to a build that is gone.
    """
    for pattern in (f".{out.name}.tmp-*", f".{out.name}.old-*"):
        for stale in out.parent.glob(pattern):
            try:
                if stale.lstat().st_mtime <= since:
                    _remove(stale)
            except FileNotFoundError:
                pass


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def write_tree(out: Path, files: dict[str, str]) -> None:
    """Replace the folder `out` by exactly `files`, atomically.

    The files are written into a temporary folder beside `out`, which is then swapped
    with `out` in one step (Linux: renameat2 RENAME_EXCHANGE), so `out` is at every
    moment either the complete previous build or the complete new one, even if this
    process is killed. Elsewhere two renames leave a moment with no `out` at all.

    A folder holding the working directory or a catalog is never replaced: `--out .` or
    `--out metrics` must not delete a project. Raises `CompileError` (SV201, exit 2)
    rather than OSError, so the CLI explains the problem.
    """
    out = out.resolve()
    try:
        precious = _precious(out)
        if precious:
            raise _cannot_write(out, precious, "choose a folder of its own for the output")
        out.parent.mkdir(parents=True, exist_ok=True)
        with _locked(out) as since:
            _clean_stale(out, since)
            _swap_in(out, files)
    except OSError as exc:
        raise _cannot_write(out, str(exc.strerror or exc), "check that the folder and its parent are "
                            "writable folders") from None


def _swap_in(out: Path, files: dict[str, str]) -> None:
    # mkdir, not mkdtemp: the folder becomes `out`, so it gets the usual permissions (umask).
    tmp = out.parent / f".{out.name}.tmp-{secrets.token_hex(8)}"
    tmp.mkdir()
    try:
        for rel, text in sorted(files.items()):
            relative = PurePosixPath(rel)
            if relative.is_absolute() or ".." in relative.parts or not relative.parts:
                raise ValueError(f"output file {rel!r} would land outside {out}")
            path = tmp.joinpath(*relative.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        if out.exists() and exchange(tmp, out):
            return  # `tmp` now holds the previous build: removed below
        if out.exists():
            old = out.parent / f".{out.name}.old-{secrets.token_hex(8)}"
            os.rename(out, old)
            os.rename(tmp, out)
            _remove(old)
        else:
            os.rename(tmp, out)
    finally:
        if tmp.exists() or tmp.is_symlink():
            _remove(tmp)


def _precious(out: Path) -> str | None:
    """Why replacing `out` would destroy what is not a previous output, or None."""
    if not out.is_dir():
        return "it is not a folder" if out.exists() else None
    if Path.cwd().resolve().is_relative_to(out):
        return "it holds the working directory"
    if find_files(out) or (out.name in CATALOG_FOLDERS and any(p.suffix in YAML_SUFFIXES for p in out.rglob("*"))):
        return "it holds a semview catalog"
    return None


def _cannot_write(out: Path, why: str, hint: str) -> CompileError:
    return CompileError((Diagnostic("SV201", f"cannot write the output folder '{out}': {why}", hint=hint),),
                        exit_code=2)


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
