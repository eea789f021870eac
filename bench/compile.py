"""Compile time and peak memory of the shipped catalog and of synthetic catalogs.

    python bench/compile.py                      # shipped catalog x every dialect, then 50/200/1000 views
    python bench/compile.py --sizes 50 200 1000 2000 --dialects duckdb postgres
    python bench/compile.py --profile 1000       # cProfile of one 1,000-view build, top functions

Everything runs in-process, as `semview build` does without writing files: load (Jinja,
YAML, validate, resolve), then for each dialect plan + render + generate
(`compile_catalog`), then the parse-back check of every statement (`verify_statements`)
and the manifest (`render_files`). Times are medians of --repeat runs without tracemalloc;
peak memory comes from one more run under tracemalloc (which slows Python down, so it is
never timed), and one run with Python's cyclic garbage collector off separates the
compiler's own cost from the collector's (which grows with the live heap: sqlglot trees
have parent links, so they are freed by the collector, and the trees of every view are
kept until the identifier check at the end of a dialect's compile).

A synthetic catalog of N views is the shipped catalog plus, per view,
seven metrics of its own (counts, sums, a mean and a basket size over invoices in a window
of its own length, visits without an order, the last invoice date as text, a ratio) and
a view over them at the (customer, channel) or customer grain with a customer attribute:
N more views, 7N more metrics, each as big as CustomerPotentialAnalyticsView. If the cost is
linear, the time per view stays flat as N grows.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import io
import pstats
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

from semview import __version__
from semview.dialects import DIALECTS, get_dialect
from semview.generator.compile import compile_catalog, load_catalog
from semview.generator.diagnostics import CompileError
from semview.generator.emit import render_files
from semview.generator.verify import verify_statements

REPO = Path(__file__).resolve().parents[1]
AS_OF = datetime.date(2024, 11, 30)
PARSE_BACK_ERRORS: set[str] = set()  # SV301 seen while benchmarking, printed at the end


def synthetic_catalog(folder: Path, views: int) -> Path:
    """Write the shipped catalog plus `views` CPAV-sized views over its ERP sources into `folder`."""
    for part in ("metrics", "views"):
        shutil.copytree(REPO / part, folder / part)
    metrics, view_text = ["metrics:"], ["views:"]
    for i in range(views):
        p = f"V{i:04d}"
        metrics.append(f"""
  - name: {p}_Count
    source: Factor
    agg: count
    window: window_days
    default: 0
  - name: {p}_Revenue
    source: Factor
    agg: sum
    expr: Amount - Discount
    window: window_days
  - name: {p}_AvgAmount
    source: Factor
    agg: avg
    expr: Amount
    window: window_days
  - name: {p}_AvgBasket
    source: Factor
    agg: avg
    expr: BasketSize
    window: window_days
    type: double
  - name: {p}_NoOrder
    source: CustomerVisit
    agg: count
    filter: HasOrder = 0
    window: window_days
    default: 0
  - name: {p}_LastInvoice
    source: Factor
    agg: max
    expr: FactorDate
    as_text: true
  - name: {p}_RevenuePerInvoice
    formula: {p}_Revenue / NULLIF({p}_Count, 0)""")
        grain = "[customer, channel]" if i % 2 == 0 else "[customer]"
        entities = "      - entity: channel\n      - entity: customer" if i % 2 == 0 else "      - entity: customer"
        columns = "\n".join(f"      - metric: {p}_{m}" for m in ("Count", "Revenue", "AvgAmount", "AvgBasket",
                                                                   "NoOrder", "LastInvoice", "RevenuePerInvoice"))
        view_text.append(f"""
  - name: Synthetic{p}
    description: Synthetic view {i} for the compile benchmark.
    grain: {grain}
    rows: [{p}_Count, {p}_NoOrder]
    parameters:
      window_days: {30 + i % 90}
    columns:
{entities}
      - attribute: customer.GrpID
{columns}""")
    (folder / "metrics" / "synthetic.yml").write_text("\n".join(metrics) + "\n", encoding="utf-8")
    (folder / "views" / "synthetic.yml").write_text("\n".join(view_text) + "\n", encoding="utf-8")
    return folder


def build(project: Path, dialects: list[str]) -> dict[str, float]:
    """One in-process build; seconds per phase."""
    t0 = time.perf_counter()
    catalog = load_catalog(project)
    t1 = time.perf_counter()
    builds = {d: compile_catalog(catalog, get_dialect(d), AS_OF) for d in dialects}
    t2 = time.perf_counter()
    try:
        verify_statements(builds)
    except CompileError as exc:  # a generator bug on some dialect: reported, the timing still counts
        PARSE_BACK_ERRORS.update(f"{d.message.split(':')[0]}" for d in exc.diagnostics)
    render_files(builds, __version__, AS_OF)
    t3 = time.perf_counter()
    return {"load": t1 - t0, "compile": t2 - t1, "verify": t3 - t2, "total": t3 - t0,
            "views": len(catalog.views), "metrics": len(catalog.metrics)}


def measure(run: Callable[[], dict[str, float]], repeat: int) -> tuple[dict[str, float], float]:
    """Median seconds per phase over `repeat` runs, the total of one more run with Python's
    cyclic garbage collector off (`no_gc`), and the peak MB of one traced run."""
    runs = [run() for _ in range(repeat)]
    medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    gc.collect()
    gc.disable()
    try:
        medians["no_gc"] = run()["total"]
    finally:
        gc.enable()
        gc.collect()
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
    tracemalloc.stop()
    return medians, peak


def row(label: str, dialects: list[str], m: dict[str, float], peak: float) -> tuple:
    per_view = m["total"] / m["views"] / len(dialects) * 1000
    no_gc = m["no_gc"] / m["views"] / len(dialects) * 1000
    return (label, f"{m['views']:.0f}", f"{m['metrics']:.0f}", str(len(dialects)), f"{m['load']:.3f}",
            f"{m['compile']:.3f}", f"{m['verify']:.3f}", f"{m['total']:.3f}", f"{per_view:.2f}", f"{no_gc:.2f}",
            f"{peak:.1f}")


def print_table(rows: list[tuple]) -> None:
    head = ("catalog", "views", "metrics", "dialects", "load s", "compile s", "verify s", "total s",
            "ms/view/dialect", "same, gc off", "peak MB")
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")


def profile(project: Path, dialects: list[str], top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    build(project, dialects)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(top)
    print(out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[50, 200, 1000], help="synthetic catalog sizes")
    parser.add_argument("--dialects", nargs="*", help="for the synthetic catalogs (default: duckdb and postgres)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per catalog (default 5; medians)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one build of an N-view catalog instead")
    parser.add_argument("--top", type=int, default=25, help="functions shown by --profile")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="semview-bench-compile-") as tmp:
        if args.profile:
            profile(synthetic_catalog(Path(tmp) / "p", args.profile), args.dialects or ["duckdb"], args.top)
            return 0
        rows = []
        every = list(DIALECTS)
        for dialect in every:
            m, peak = measure(lambda d=dialect: build(REPO, [d]), args.repeat)
            rows.append(row(f"shipped ({dialect})", [dialect], m, peak))
        m, peak = measure(lambda: build(REPO, every), args.repeat)
        rows.append(row("shipped (all 11)", every, m, peak))
        dialects = args.dialects or ["duckdb", "postgres"]
        for n in args.sizes:
            project = synthetic_catalog(Path(tmp) / f"s{n}", n)
            m, peak = measure(lambda p=project: build(p, dialects), max(1, args.repeat if n <= 200 else 3))
            rows.append(row(f"shipped + {n} synthetic", dialects, m, peak))
    print(f"semview {__version__}, Python {sys.version.split()[0]}; medians of {args.repeat} runs "
          f"(3 for catalogs over 200 views); as-of {AS_OF}")
    print_table(rows)
    for problem in sorted(PARSE_BACK_ERRORS):
        print(f"note: {problem} (SV301; timed all the same)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
