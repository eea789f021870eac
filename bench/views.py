"""Query time of every generated view against a hand-written baseline and against pandas.

    python bench/views.py --duckdb bench/data/1m.duckdb                      # DuckDB only
    python bench/views.py --duckdb bench/data/1m.duckdb --postgres auto      # + a throw-away PostgreSQL
    python bench/views.py --duckdb bench/data/1m.duckdb --postgres URL       # + a server datagen loaded

The views come from the build manifest of the catalog (--project, default this
repository), compiled in-process for each engine's dialect with a fixed --as-of date. For
each view: the generated view (`SELECT * FROM "View"`), the hand-written query
`bench/baselines/<dialect>/<View>.sql` and, where `bench/baselines/pandas/<View>.py`
exists, the same result computed with pandas the way the seeds' notebooks do: date
conversion, groupbys and merges on DataFrames already read (`pandas s`), and, separately,
reading those tables from DuckDB into DataFrames (`read s`), which a notebook does first.
A view without a baseline is skipped with a note.

First every result is checked to hold the same rows (sorted; numbers equal within 1e-9
relative). Then each query runs --repeat times, generated and baseline interleaved, and
the table gives the medians, and as gen/base the median of the per-round ratios (the two
runs of a round share the machine's load); fast queries run more rounds, until the pair
has taken --fill seconds, so a 10 ms query's figures are not decided by the scheduler.
DuckDB results are fetched as Arrow, PostgreSQL results are drained through
COPY ... TO STDOUT, so client-side conversion does not hide the engines' work.
Variants: `catalog` is the catalog as shipped, whose zero-padded YYYY/MM/DD text dates
are declared `sortable_text: true` (windows filter on the stored text);
`parsed_dates` is the same catalog without that declaration (every date converted first).

--check-only runs the equality checks alone (what tests/test_bench_smoke.py does).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.util
import json
import math
import os
import platform
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

import duckdb
from sqlglot import exp

sys.path.insert(0, str(Path(__file__).resolve().parent))
import datagen  # noqa: E402  (bench/ is a folder of scripts, not a package)
import pgserver  # noqa: E402

from semview import __version__  # noqa: E402
from semview.dialects import get_dialect  # noqa: E402
from semview.generator.compile import compile_catalog, load_catalog  # noqa: E402
from semview.generator.emit import render_files  # noqa: E402

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BASELINES = BENCH / "baselines"
REL_TOL = 1e-9
TARGETS = {"duckdb": 1.05, "postgres": 1.10}  # generated / baseline
PANDAS_TARGET = 20.0  # pandas / generated, on DuckDB
JUDGED = 0.005  # seconds: a ratio of two faster queries is timer and call overhead, not judged


# -- the catalog, with and without the sortable_text opt-in ---------------------------

_SORTABLE = re.compile(r",\s*sortable_text:\s*true\b|^[ \t]*sortable_text:[ \t]*true[ \t]*\n", re.M)


def parsed_overlay(project: Path) -> dict[Path, str]:
    """New text for the catalog files that declare `sortable_text: true`, without it: every
    text date is then converted before it is filtered (what the opt-in saves)."""
    out = {}
    for path in sorted(project.glob("metrics/**/*.y*ml")):
        text = path.read_text(encoding="utf-8")
        new = _SORTABLE.sub("", text)
        if new != text:
            out[path.resolve()] = new
    return out


@dataclass
class Build:
    """One variant of the catalog compiled for one dialect."""

    variant: str
    dialect: str
    script: str  # every view, in dependency order
    views: dict[str, str]  # name -> its CREATE statement(s)
    manifest: dict
    parameters: dict[str, dict[str, int]]  # view -> its parameters


def build(project: Path, dialect: str, variant: str, as_of: datetime.date, variables: dict[str, str]) -> Build:
    overrides = parsed_overlay(project) if variant == "parsed_dates" else None
    catalog = load_catalog(project, variables, overrides)
    compiled = compile_catalog(catalog, get_dialect(dialect), as_of)
    files = render_files({dialect: compiled}, __version__, as_of)
    return Build(variant, dialect, files[f"{dialect}/all.sql"], {v.name: v.sql for v in compiled},
                 json.loads(files["manifest.json"]),
                 {v.name: dict(v.parameters) for v in catalog.project.views})


# -- engines ---------------------------------------------------------------------------


class Runner:
    name: str
    dialect: str

    def create(self, build: Build) -> set[str]:
        """Create every view of `build` in dependency order; the names of those that failed."""
        failed = set()
        for entry in build.manifest["views"]:
            name = entry["name"]
            if failed & set(entry["depends_on"]["views"]):
                failed.add(name)
                continue
            try:
                self.execute(build.views[name])
            except Exception as exc:  # a view this engine refuses is reported and skipped
                print(f"note: {name}: not created on {self.name}: {str(exc).splitlines()[0]}")
                failed.add(name)
        return failed

    def execute(self, script: str) -> None: ...
    def fetch(self, sql: str) -> tuple[list[str], list[tuple]]: ...
    def drain(self, sql: str) -> None: ...
    def version(self) -> str: ...
    def settings(self) -> str: return ""

    def cpu_seconds(self) -> float | None:
        """CPU seconds the engine has used so far (None where it cannot be read)."""
        return None


class DuckDBRunner(Runner):
    name = dialect = "duckdb"

    def __init__(self, path: Path, threads: int | None = None) -> None:
        self.con = duckdb.connect(str(path))
        if threads:  # one thread: CPU ratios without the scheduling noise of a shared machine
            self.con.execute(f"SET threads = {int(threads)}")

    def execute(self, script: str) -> None:
        self.con.execute(script)

    def cpu_seconds(self) -> float | None:
        return time.process_time()  # in-process: DuckDB's worker threads count here

    def fetch(self, sql: str) -> tuple[list[str], list[tuple]]:
        cur = self.con.execute(sql)
        return [d[0] for d in cur.description], cur.fetchall()

    def drain(self, sql: str) -> None:
        self.con.sql(sql).to_arrow_table()

    def version(self) -> str:
        return f"DuckDB {duckdb.__version__}"

    def settings(self) -> str:
        threads, memory = self.con.execute(
            "SELECT current_setting('threads'), current_setting('memory_limit')").fetchone()
        return f"threads={threads} memory_limit={memory}"


class PostgresRunner(Runner):
    name = dialect = "postgres"

    def __init__(self, url: str) -> None:
        import psycopg

        self.pg = psycopg.connect(url, autocommit=True)
        host = self.pg.info.host
        local = host.startswith("/") or host in ("127.0.0.1", "localhost", "::1")
        self.backend = self.pg.execute("SELECT pg_backend_pid()").fetchone()[0] if local else None

    def create(self, build: Build) -> set[str]:
        for view in reversed(build.manifest["views"]):  # a view's columns may change: drop, then create
            self.pg.execute(f'DROP VIEW IF EXISTS "{view["name"]}" CASCADE')
        return super().create(build)

    def execute(self, script: str) -> None:
        self.pg.execute(script)

    def cpu_seconds(self) -> float | None:
        # The backend serving this connection, when it runs on this machine (Linux /proc):
        # user + system ticks. Parallel workers, if a plan used them, are not counted.
        if self.backend is None:
            return None
        try:
            fields = Path(f"/proc/{self.backend}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def fetch(self, sql: str) -> tuple[list[str], list[tuple]]:
        cur = self.pg.execute(sql)
        return [d.name for d in cur.description], cur.fetchall()

    def drain(self, sql: str) -> None:
        with self.pg.cursor() as cur, cur.copy(f"COPY ({sql}) TO STDOUT") as copy:
            for _ in copy:
                pass

    def version(self) -> str:
        return "PostgreSQL " + self.pg.execute("SHOW server_version").fetchone()[0].split()[0]

    def settings(self) -> str:
        names = ("shared_buffers", "work_mem", "max_parallel_workers_per_gather", "jit", "random_page_cost")
        return " ".join(f"{n}={self.pg.execute(f'SHOW {n}').fetchone()[0]}" for n in names)

    def explain(self, sql: str) -> str:
        return "\n".join(r[0] for r in self.pg.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}").fetchall())


# -- the three ways to the same rows ---------------------------------------------------


def baseline_sql(dialect: str, view: str, as_of: datetime.date, params: dict[str, int]) -> str | None:
    """The hand-written query with its {{parameters}} filled in, or None if there is none."""
    path = BASELINES / dialect / f"{view}.sql"
    if not path.exists():
        return None
    start = as_of - datetime.timedelta(days=params.get("window_days", 90) - 1)
    values = {"as_of": as_of.isoformat(), "window_start": start.isoformat(),
              "as_of_text": as_of.strftime("%Y/%m/%d"), "window_start_text": start.strftime("%Y/%m/%d"),
              **{k: str(v) for k, v in params.items()}}
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: values[m.group(1)], path.read_text(encoding="utf-8")).strip()


def pandas_module(view: str):
    path = BASELINES / "pandas" / f"{view}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_pandas_{view}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Frames:
    """Tables read from DuckDB into pandas once (not timed), shared by the views."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con, self.frames = con, {}

    def get(self, tables: dict[str, tuple[str, ...]]) -> dict:
        for table, columns in tables.items():
            if (table, columns) not in self.frames:
                self.frames[(table, columns)] = self._read(table, columns)
        return {table: self.frames[(table, columns)] for table, columns in tables.items()}

    def read(self, tables: dict[str, tuple[str, ...]]) -> dict:
        """The tables read afresh: what a notebook spends before its first groupby (DuckDB to
        pandas is the fastest such read there is; from PostgreSQL it costs more)."""
        return {table: self._read(table, columns) for table, columns in tables.items()}

    def _read(self, table: str, columns: tuple[str, ...]):
        return self.con.execute(f'SELECT {", ".join(columns)} FROM "{table}"').df()


def normalise(value: Any) -> Any:
    """A cell as plain Python: None, int, float, str (dates as ISO text)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (bool, int)):
        return int(value)
    if isinstance(value, (float, Decimal)):
        return float(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return normalise(value.item())
    if hasattr(value, "to_pydatetime"):
        return normalise(value.to_pydatetime())
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


def _order(row: tuple) -> tuple:
    return tuple((0, 0) if v is None else (1, v) if isinstance(v, (int, float)) else (2, str(v)) for v in row)


def same_rows(a: tuple[list[str], list[tuple]], b: tuple[list[str], list[tuple]]) -> str | None:
    """None if `a` and `b` hold the same columns and rows, else what differs."""
    if list(a[0]) != list(b[0]):
        return f"columns differ: {a[0]} vs {b[0]}"
    rows_a = sorted((tuple(normalise(v) for v in r) for r in a[1]), key=_order)
    rows_b = sorted((tuple(normalise(v) for v in r) for r in b[1]), key=_order)
    if len(rows_a) != len(rows_b):
        return f"{len(rows_a)} rows vs {len(rows_b)}"
    for ra, rb in zip(rows_a, rows_b):
        for column, x, y in zip(a[0], ra, rb):
            if isinstance(x, (int, float)) and isinstance(y, (int, float)) and not isinstance(x, bool):
                if math.isclose(x, y, rel_tol=REL_TOL, abs_tol=1e-12):
                    continue
            elif x == y:
                continue
            return f"first difference in {column}: {x!r} vs {y!r}\n  row: {ra}\n  vs:  {rb}"
    return None


def pandas_result(frame) -> tuple[list[str], list[tuple]]:
    return list(frame.columns), list(frame.itertuples(index=False, name=None))


# -- timing ----------------------------------------------------------------------------


@dataclass
class Timing:
    """The seconds of each callable's runs, wall clock and CPU, in the order they ran."""
    wall: dict[str, list[float]]
    cpu: dict[str, list[float]]

    def median(self, key: str) -> float:
        return statistics.median(self.wall[key])

    def ratio(self, a: str, b: str, cpu: bool = False) -> float | None:
        """The median of the per-round ratios a/b: the two runs of a round are back to back,
        so load that drifts on a shared machine divides out, where a ratio of two medians
        compares runs from different moments."""
        runs = self.cpu if cpu else self.wall
        pairs = [x / y for x, y in zip(runs[a], runs[b]) if y > 0]
        return statistics.median(pairs) if pairs and len(runs[a]) == len(runs[b]) else None


def timed(runs: dict[str, Callable[[], object]], repeat: int,
          cpu: Callable[[], float | None] = time.process_time, fill: float = 0.0) -> Timing:
    """Each callable at least `repeat` times, one call of each per round, the order reversed
    every other round (so neither side always runs on the caches the other left).

    Fast callables get more rounds, until the rounds have taken `fill` seconds (at most 20 x
    `repeat`): the median of five 10 ms runs is decided by where the scheduler's slices fell,
    that of a hundred is not. CPU seconds are those `cpu` counts (none if it returns None)."""
    wall: dict[str, list[float]] = {k: [] for k in runs}
    used: dict[str, list[float]] = {k: [] for k in runs}
    began = time.perf_counter()
    rounds = 0
    while rounds < repeat or (time.perf_counter() - began < fill and rounds < 20 * repeat):
        order = list(runs.items()) if rounds % 2 == 0 else list(reversed(runs.items()))
        rounds += 1
        for key, run in order:
            cpu_before, started = cpu(), time.perf_counter()
            run()
            wall[key].append(time.perf_counter() - started)
            cpu_after = cpu()
            if cpu_before is not None and cpu_after is not None:
                used[key].append(cpu_after - cpu_before)
    return Timing(wall, used)


@dataclass
class Row:
    view: str
    engine: str
    scale: str
    variant: str
    generated: float | None = None
    baseline: float | None = None
    pandas: float | None = None
    pandas_read: float | None = None  # reading the tables it needs into DataFrames, as a notebook must first
    ratio: float | None = None  # generated / baseline: the median of the per-round ratios (Timing.ratio)
    cpu_ratio: float | None = None  # the same in CPU seconds: steadier on a shared machine

    @property
    def speedup(self) -> float | None:
        return self.pandas / self.generated if self.generated and self.pandas else None

    @property
    def notebook_speedup(self) -> float | None:
        """(reading the tables + computing) / generated: the whole notebook against the view."""
        if not (self.generated and self.pandas and self.pandas_read is not None):
            return None
        return (self.pandas + self.pandas_read) / self.generated


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2 ** 30
    return f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GB RAM, Python {platform.python_version()}"


def fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}" if value >= 0.01 else f"{value:.{digits}g}"


def print_table(rows: list[Row]) -> None:
    head = ("view", "engine", "scale", "variant", "generated s", "baseline s", "pandas s", "gen/base", "cpu gen/base",
            "pandas/gen", "read s", "(read+pandas)/gen")
    body = []
    for r in rows:
        target = TARGETS.get(r.engine)
        judged = r.generated is not None and max(r.generated, r.baseline or 0) >= JUDGED
        mark = "" if r.ratio is None or target is None or not judged else (" ok" if r.ratio <= target else " MISS")
        speed = "" if r.speedup is None or r.engine != "duckdb" or not judged else (
            " ok" if r.speedup >= PANDAS_TARGET else " MISS")
        body.append((r.view, r.engine, r.scale, r.variant, fmt(r.generated), fmt(r.baseline), fmt(r.pandas),
                     fmt(r.ratio, 2) + mark, fmt(r.cpu_ratio, 2), fmt(r.speedup, 1) + speed,
                     fmt(r.pandas_read), fmt(r.notebook_speedup, 1)))
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for cells in body:
        print(line(cells))


# -- main ------------------------------------------------------------------------------


@contextlib.contextmanager
def postgres(arg: str | None, data: Path) -> Iterator[str | None]:
    """The PostgreSQL URL to use: none, the one given, or a throw-away server loaded from `data`."""
    if arg is None:
        yield None
    elif arg == "auto":
        with pgserver.running_server() as url:
            phases = datagen.load_postgres(data, url)
            print("postgres: throw-away server, loaded " + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()))
            yield url
    else:
        yield arg


def scale_of(path: Path) -> str:
    meta = datagen.read_meta(path)
    if meta:
        n = meta["invoices"]
    else:
        with duckdb.connect(str(path), read_only=True) as con:
            n = con.execute("SELECT count(*) FROM Factor").fetchone()[0]
    return f"{n / 1e6:g}M" if n >= 1e6 else f"{n / 1e3:g}k"


@dataclass
class Bench:
    """What every view's measurement shares: the options, the pandas tables, the results."""

    args: argparse.Namespace
    scale: str
    frames: Frames
    pandas_seconds: dict[str, tuple[float, float]] = field(default_factory=dict)  # view -> (compute, read)
    rows: list[Row] = field(default_factory=list)
    failures: int = 0

    def view(self, runner: Runner, name: str, variant: str, params: dict[str, int]) -> None:
        """Check that the three results agree, then (unless --check-only) time them."""
        base = baseline_sql(runner.dialect, name, self.args.as_of, params)
        if base is None:
            if variant == self.args.variants[0]:
                print(f"note: {name}: no bench/baselines/{runner.dialect}/{name}.sql, skipped on {runner.name}")
            return
        generated = f"SELECT * FROM {get_dialect(runner.dialect).generate(exp.to_identifier(name, quoted=True))}"
        result = runner.fetch(generated)
        problem = same_rows(result, runner.fetch(base))
        module = None if self.args.no_pandas else pandas_module(name)
        pandas_run = None
        if module is not None:
            tables = self.frames.get(module.TABLES)
            pandas_run = lambda: module.compute(tables, self.args.as_of, params)  # noqa: E731
            if problem is None:
                problem = same_rows(result, pandas_result(pandas_run()))
                problem = problem and f"pandas: {problem}"
        if problem:
            self.failures += 1
            print(f"DIFFERENT: {name} on {runner.name} ({variant}): {problem}")
            return
        print(f"same rows: {name} on {runner.name} ({variant}): generated, baseline"
              + (", pandas" if pandas_run else ""))
        if self.args.check_only:
            return
        if self.args.explain and isinstance(runner, PostgresRunner):
            print(f"--- EXPLAIN generated {name} ({variant})\n{runner.explain(generated)}")
            print(f"--- EXPLAIN baseline {name}\n{runner.explain(base)}")
        times = timed({"generated": lambda: runner.drain(generated), "baseline": lambda: runner.drain(base)},
                      self.args.repeat, runner.cpu_seconds, self.args.fill)
        row = Row(name, runner.name, self.scale, variant, times.median("generated"), times.median("baseline"),
                  ratio=times.ratio("generated", "baseline"),
                  cpu_ratio=times.ratio("generated", "baseline", cpu=True))
        if pandas_run is not None:
            if name not in self.pandas_seconds:
                t = timed({"pandas": pandas_run, "read": lambda: self.frames.read(module.TABLES)}, self.args.repeat)
                self.pandas_seconds[name] = (t.median("pandas"), t.median("read"))
            row.pandas, row.pandas_read = self.pandas_seconds[name]
        self.rows.append(row)

    def engine(self, runner: Runner) -> None:
        """Every view of every variant on one engine; a variant's unchanged views are not repeated."""
        first: dict[str, str] = {}
        for variant in self.args.variants:
            b = build(self.args.project, runner.dialect, variant, self.args.as_of, self.args.variables)
            failed = runner.create(b)
            for entry in b.manifest["views"]:
                name = entry["name"]
                if (self.args.views and name not in self.args.views) or name in failed:
                    continue
                if first.setdefault(name, b.views[name]) == b.views[name] and variant != self.args.variants[0]:
                    continue  # the opt-in changes nothing in this view
                self.view(runner, name, variant, b.parameters.get(name, {}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--duckdb", type=Path, required=True, help="a DuckDB file made by bench/datagen.py")
    parser.add_argument("--postgres", metavar="URL|auto", help="also run on PostgreSQL (auto: a throw-away server "
                        "loaded from the --duckdb file, with the indexes of datagen.py)")
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=datetime.date(2024, 11, 30),
                        help="the views' as-of date (default 2024-11-30, a month before the data ends)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query (default 5; medians)")
    parser.add_argument("--fill", type=float, default=10.0, metavar="SECONDS",
                        help="time fast SQL queries in more rounds than --repeat, until their rounds take this "
                             "long (default 10; at most 20 x --repeat rounds; 0: exactly --repeat)")
    parser.add_argument("--views", nargs="*", help="only these views")
    parser.add_argument("--variants", default="catalog", help="catalog, parsed_dates or both (comma-separated)")
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE", help="a catalog variable")
    parser.add_argument("--project", type=Path, default=REPO, help="the catalog (default: this repository's)")
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas computations")
    parser.add_argument("--threads", type=int, help="DuckDB's worker threads (default: DuckDB's, one per core)")
    parser.add_argument("--check-only", action="store_true", help="only check that the results agree")
    parser.add_argument("--explain", action="store_true", help="print PostgreSQL's EXPLAIN ANALYZE of each query")
    args = parser.parse_args(argv)
    args.variables = dict(v.split("=", 1) for v in args.var)
    args.variants = [v.strip() for v in args.variants.split(",") if v.strip()]

    scale = scale_of(args.duckdb)
    print(f"machine: {machine()}")
    print(f"as-of {args.as_of}, scale {scale} invoices, medians in seconds of {args.repeat} runs each"
          + (f" (SQL queries: more, interleaved, until they fill {args.fill:g} s)" if args.fill > 0 else "")
          + ("" if args.check_only else "; pandas s: computing from DataFrames already read; read s: reading "
                                        "them from DuckDB"))
    with postgres(args.postgres, args.duckdb) as url:
        runners: list[Runner] = [DuckDBRunner(args.duckdb, args.threads)] + ([PostgresRunner(url)] if url else [])
        bench = Bench(args, scale, Frames(runners[0].con))
        counts = {r.name: r.fetch("SELECT count(*) FROM Factor")[1][0][0] for r in runners}
        if len(set(counts.values())) > 1:
            print(f"error: the engines hold different data (Factor rows: {counts}); load PostgreSQL from "
                  f"{args.duckdb} with bench/datagen.py --postgres, or use --postgres auto")
            return 2
        for runner in runners:
            print(f"{runner.name}: {runner.version()} ({runner.settings()})")
        for runner in runners:
            bench.engine(runner)
    if bench.rows:
        print()
        print_table(bench.rows)
        print(f"\ntargets: generated/baseline <= {TARGETS['duckdb']} on DuckDB, <= {TARGETS['postgres']} on "
              f"PostgreSQL; pandas/generated >= {PANDAS_TARGET:g} on DuckDB (not judged under {JUDGED * 1000:g} ms)")
    return 1 if bench.failures else 0


if __name__ == "__main__":
    sys.exit(main())
