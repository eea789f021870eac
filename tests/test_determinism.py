"""The same input builds to the same bytes: across runs, hash seeds and file-system orders.

The shipped catalog is built for every dialect by the real CLI in two processes with
different `PYTHONHASHSEED`s (set and dict-of-set orders differ between them), the second
from a copy whose files were created in the reverse order, after other files came and
went in its folders (so the folders list their entries differently), from another
working directory. Every output file must be byte-identical.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def catalog_files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for folder in ("metrics", "views") for p in (root / folder).rglob("*")
                  if p.is_file())


def copy_project(source: Path, dest: Path, reverse: bool) -> Path:
    """A copy of the project's catalog, its files created in sorted or reverse order.

    In reverse, decoy files are created first and deleted after, so the folders' entries
    are laid out (and listed by readdir) differently from the sorted copy.
    """
    files = catalog_files(source)
    for folder in {f.parent for f in files}:
        (dest / folder).mkdir(parents=True, exist_ok=True)
    decoys = [dest / f.parent / f"zz-decoy-{i}.txt" for i, f in enumerate(files)] if reverse else []
    for decoy in decoys:
        decoy.write_text("decoy")
    for rel in reversed(files) if reverse else files:
        (dest / rel).write_bytes((source / rel).read_bytes())
    for decoy in decoys:
        decoy.unlink()
    return dest


def build(project: Path, out: Path, cwd: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    proc = subprocess.run([sys.executable, "-m", "semview.cli", "build", str(project), "--dialect", "all",
                           "--out", str(out)], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def listing(folder: Path) -> list[str]:
    return [entry.name for entry in os.scandir(folder)]  # the file system's own order


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = copy_project(REPO, tmp_path / "first", reverse=False)
    # ext4 lists a folder in an order of its own (hashed names); tmpfs, newest first. The
    # second copy goes where creating in another order does change the listing.
    shm = Path("/dev/shm")
    elsewhere = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path
    try:
        second = copy_project(REPO, elsewhere / "second", reverse=True)
        if elsewhere != tmp_path:
            assert listing(first / "metrics") != listing(second / "metrics")
        build(first, tmp_path / "out-first", cwd=tmp_path, hash_seed="1")
        build(second, tmp_path / "out-second", cwd=second.parent, hash_seed="4242")
    finally:
        if elsewhere != tmp_path:
            shutil.rmtree(elsewhere, ignore_errors=True)
    a, b = tree(tmp_path / "out-first"), tree(tmp_path / "out-second")
    assert a.keys() == b.keys() and len(a) > 10
    different = sorted(name for name in a if a[name] != b[name])
    assert not different, f"files differ between the two builds: {different[:5]}"
