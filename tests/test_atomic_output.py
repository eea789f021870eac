"""`semview build` replaces its output folder atomically, even when killed, and builds take turns.

A synthetic catalog of 300 views (generated here) is built by the real CLI in a
subprocess, which is SIGKILLed at seeded random moments: some anywhere in the run, some
just after it starts writing its temporary folder (the moment that matters). After every
kill the output folder is byte-for-byte either the previous build or the complete new
one, never a mix and never missing; the next build removes whatever the killed ones left
behind. Two builds started together into one folder end as exactly one of them. A folder
holding the project or the working directory is never replaced, and an output that
cannot be written is an SV201 error, not a traceback.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from semview.generator.diagnostics import CompileError
from semview.generator.emit import exchange, write_tree

VIEWS = 300
SEED = 20240630


def synthetic_catalog(root: Path, views: int = VIEWS, metrics_per_view: int = 3) -> Path:
    """A valid project: one source, two entities, `views` views of `metrics_per_view` metrics each."""
    (root / "metrics").mkdir(parents=True)
    (root / "views").mkdir()
    (root / "metrics" / "sources.yml").write_text(
        "sources:\n  - name: Factor\n    time: FactorDate\n    columns:\n      CustID: integer\n      SCID: integer\n"
        "      FactorDate: {type: date, format: YYYY/MM/DD}\n      Amount: decimal(18,2)\n"
        "entities:\n  - {name: customer, column: CustID, type: integer, keys: {Factor: CustID}}\n"
        "  - {name: channel, column: SCID, type: integer, keys: {Factor: SCID}}\n", encoding="utf-8")
    metrics, view_lines = ["metrics:"], ["views:"]
    for v in range(views):
        names = [f"M{v}_{m}" for m in range(metrics_per_view)]
        metrics += [f"  - {{name: {n}, source: Factor, agg: sum, expr: Amount * {m + 1}, window: {v % 30 + 1}}}"
                    for m, n in enumerate(names)]
        view_lines.append(f"  - name: View{v:04d}\n    grain: [customer, channel]\n    columns:\n"
                          "      - entity: customer\n      - entity: channel\n"
                          + "".join(f"      - metric: {n}\n" for n in names))
    (root / "metrics" / "generated.yml").write_text("\n".join(metrics) + "\n", encoding="utf-8")
    (root / "views" / "generated.yml").write_text("\n".join(view_lines), encoding="utf-8")
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes (empty if the folder is missing)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith((f".{out.name}.tmp-", f".{out.name}.old-")))


def disk_state(out: Path) -> tuple[int, int | None]:
    """Changes as soon as a build creates, removes or renames anything in `out` or beside it."""
    def mtime(path: Path) -> int | None:
        try:
            return path.stat().st_mtime_ns
        except FileNotFoundError:
            return None

    return mtime(out.parent), mtime(out)


def start_build(project: Path, out: Path, as_of: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "semview.cli", "build", str(project), "--out", str(out),
                             "--as-of", as_of], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build(project: Path, out: Path, as_of: str) -> float:
    started = time.monotonic()
    process = start_build(project, out, as_of)
    assert process.wait(timeout=300) == 0
    return time.monotonic() - started


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_catalog(tmp_path_factory.mktemp("synthetic") / "project")


@pytest.fixture(scope="module")
def references(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, bytes], float]]:
    """The complete output for each as-of date, and how long a build takes."""
    out = {}
    for as_of in ("2024-01-01", "2024-06-30"):
        folder = tmp_path_factory.mktemp("reference") / "out"
        seconds = build(catalog, folder, as_of)
        out[as_of] = (tree(folder), seconds)
        assert len(out[as_of][0]) == VIEWS + 2  # the views, all.sql, manifest.json
    assert out["2024-01-01"][0] != out["2024-06-30"][0]
    return out


def test_killed_builds_leave_the_previous_output_or_the_new_one(references, catalog: Path, tmp_path: Path) -> None:
    outputs = {as_of: files for as_of, (files, _) in references.items()}
    seconds = max(s for _, s in references.values())
    out = tmp_path / "out"
    write_tree(out, {k: v.decode("utf-8") for k, v in outputs["2024-01-01"].items()})
    current = "2024-01-01"
    rng = random.Random(SEED)
    # Anywhere in the run (mostly compiling), then while writing: after the build first
    # touches the disk, within the few tens of milliseconds writing and swapping take.
    moments = [("anywhere", rng.uniform(0.05, seconds)) for _ in range(2)] + \
              [("writing", rng.uniform(0.0, 0.04)) for _ in range(3)]
    for kind, delay in moments:
        target = "2024-06-30" if current == "2024-01-01" else "2024-01-01"
        before = disk_state(out)
        process = start_build(catalog, out, target)
        if kind == "writing":  # whatever the build writes first, the output or beside it
            deadline = time.monotonic() + seconds * 3
            while disk_state(out) == before and process.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0005)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        now = tree(out)
        assert now in (outputs[current], outputs[target]), \
            f"killed {kind} after {delay:.3f}s: the output is neither the previous build nor the new one"
        current = current if now == outputs[current] else target
    # The next build (here its last step, in-process) removes what the killed ones left.
    write_tree(out, {k: v.decode("utf-8") for k, v in outputs["2024-06-30"].items()})
    assert tree(out) == outputs["2024-06-30"]
    assert leftovers(out) == []


def test_stale_temporary_folders_are_removed_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(out, {"a.sql": "old"})
    stale = [tmp_path / ".out.tmp-deadbeef", tmp_path / ".out.old-cafe"]
    for folder in stale:
        (folder / "duckdb").mkdir(parents=True)
        (folder / "duckdb" / "x.sql").write_text("half")
        os.utime(folder, (time.time() - 60, time.time() - 60))
    unrelated = tmp_path / ".other.tmp-1"  # another output's: not ours to remove
    unrelated.mkdir()
    write_tree(out, {"b.sql": "new"})
    assert tree(out) == {"b.sql": b"new"}
    assert leftovers(out) == [] and unrelated.is_dir()


def test_two_builds_at_once_end_as_exactly_one_of_them(catalog: Path, references, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = start_build(catalog, out, "2024-01-01")
    second = start_build(catalog, out, "2024-06-30")
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    assert tree(out) in (references["2024-01-01"][0], references["2024-06-30"][0])
    assert leftovers(out) == []


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "f").write_text("a")
    (b / "f").write_text("b")
    if not exchange(a, b):
        pytest.skip("no renameat2(RENAME_EXCHANGE) here: write_tree falls back to two renames")
    assert (a / "f").read_text() == "b" and (b / "f").read_text() == "a"


def test_output_paths_stay_inside_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_tree(tmp_path / "out", {"../escaped.sql": "x"})
    assert not (tmp_path / "escaped.sql").exists() and leftovers(tmp_path / "out") == []


def test_a_folder_holding_a_project_or_the_working_directory_is_never_replaced(tmp_path: Path, monkeypatch) -> None:
    project = synthetic_catalog(tmp_path / "project", views=2)
    before = tree(project)
    monkeypatch.chdir(project)
    for out in (project, project / "views", project / "metrics", tmp_path):  # --out ., views, metrics, ..
        with pytest.raises(CompileError) as caught:
            write_tree(out, {"a.sql": "x"})
        [diagnostic] = caught.value.diagnostics
        assert diagnostic.code == "SV201" and caught.value.exit_code == 2 and diagnostic.hint
    assert tree(project) == before


def test_an_unwritable_output_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(CompileError) as caught:
        write_tree(tmp_path / "file" / "out", {"a.sql": "x"})
    assert caught.value.diagnostics[0].code == "SV201" and caught.value.exit_code == 2
