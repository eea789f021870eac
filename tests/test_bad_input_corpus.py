"""The corpus of broken projects in tests/bad_input/, each run through the real CLI.

A case is a folder: `metrics/` and `views/` (or a few files), `expected.txt` (the exit
status as `exit N`, then one `file:line:col: error[CODE]` per expected error, or just
`error[CODE]` for an error without a place, such as a bad command-line value; `#` lines
say why the input is broken), optionally `args.txt` (the command line; default
`build . --out out`) and `setup.txt` (what cannot be committed, made at test time:
`symlink PATH TARGET`, `fifo PATH`, `huge PATH BYTES`).

Every case must end with its exit status (1 or 2), exactly the expected errors (no more,
no fewer), a hint, no traceback, and nothing written: the project folder holds the same
files afterwards, and no output folder.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "bad_input"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())
CONTROL_FILES = ("expected.txt", "args.txt", "setup.txt")
ERROR = re.compile(r"^(?:(?P<where>\S.*?:\d+:\d+): )?error\[(?P<code>SV\d{3})\]: ", re.M)


@dataclass(frozen=True)
class Expected:
    exit: int
    errors: frozenset[str]  # "path:line:col: error[CODE]" or "error[CODE]"


def read_expected(case: Path) -> Expected:
    exit_status, errors = None, set()
    for line in (case / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("exit "):
            exit_status = int(line.split()[1])
        else:
            errors.add(line.strip())
    assert exit_status in (1, 2) and errors, f"{case.name}/expected.txt needs `exit 1|2` and an error"
    return Expected(exit_status, frozenset(errors))


def prepare(case: Path, work: Path) -> None:
    """A copy of the case, plus what `setup.txt` says to make (links, pipes, big files)."""
    shutil.copytree(case, work, symlinks=True, ignore=shutil.ignore_patterns(*CONTROL_FILES))
    setup = case / "setup.txt"
    for line in setup.read_text(encoding="utf-8").splitlines() if setup.exists() else ():
        what, path, *rest = line.split()
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if what == "symlink":
            target.symlink_to(rest[0])
        elif what == "fifo":
            os.mkfifo(target)
        elif what == "huge":  # valid YAML, only too big: generated, never committed
            line_text = "# " + "x" * 77 + "\n"
            target.write_text("views:\n" + line_text * (int(rest[0]) // len(line_text) + 1), encoding="utf-8")
        else:
            raise ValueError(f"{case.name}/setup.txt: unknown directive {what!r}")


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every entry under `root` (not following links): kind and size, to see anything written."""
    out = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
        out[path.relative_to(root).as_posix()] = (kind, 0 if kind == "dir" else info.st_size)
    return out


def run_cli(case: Path, work: Path) -> subprocess.CompletedProcess[str]:
    args_file = case / "args.txt"
    args = shlex.split(args_file.read_text(encoding="utf-8")) if args_file.exists() else ["build", ".", "--out", "out"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    # A timeout, so a reader blocked on a pipe fails the test instead of hanging CI.
    return subprocess.run([sys.executable, "-m", "semview.cli", *args], cwd=work, capture_output=True,
                          encoding="utf-8", errors="replace", env=env, timeout=120)


def reported_errors(output: str) -> set[str]:
    return {(f"{m['where']}: " if m["where"] else "") + f"error[{m['code']}]" for m in ERROR.finditer(output)}


@dataclass(frozen=True)
class Run:
    process: subprocess.CompletedProcess[str]
    before: dict[str, tuple[str, int]]  # the project's entries before the command
    after: dict[str, tuple[str, int]]


def run_case(case: Path, work: Path) -> Run:
    prepare(case, work)
    before = snapshot(work)
    process = run_cli(case, work)
    return Run(process, before, snapshot(work))


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Future[Run]]]:
    """The selected cases' CLI runs, started together: each is mostly Python's start-up, so
    running them side by side on the machine's cores saves most of the wait."""
    selected = [item.callspec.params["case"] for item in request.session.items
                if item.path == Path(__file__) and hasattr(item, "callspec")]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        yield {case.name: pool.submit(run_case, case, tmp_path_factory.mktemp(case.name) / "project")
               for case in selected}


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Path, runs: dict[str, Future[Run]]) -> None:
    expected = read_expected(case)
    run = runs[case.name].result()
    output = run.process.stdout + run.process.stderr
    assert run.process.returncode == expected.exit, output
    assert reported_errors(output) == expected.errors, output
    assert "  hint: " in output, output
    assert "Traceback" not in output
    assert run.after == run.before, "the failed command wrote files"
