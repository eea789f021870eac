"""`semview demo`: the main job on the embedded default, DuckDB with sample data."""
from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Callable

import duckdb

from . import __version__
from .dialects import get_dialect
from .generator.compile import compile_catalog, load_catalog
from .generator.emit import render_files, write_tree
from .sample_data import create_sample_database

SHIPPED = Path(__file__).resolve().parent  # the package root holds the shipped metrics/ and views/
SAMPLE_END = datetime.date(2024, 12, 31)
SHOWN_VIEW = "CustomerPotentialAnalyticsView"


def run_demo(directory: Path, customers: int, echo: Callable[[str], None] = print) -> Path:
    """Create DIR/demo.duckdb, build and create the shipped views there, print a sample."""
    directory.mkdir(parents=True, exist_ok=True)
    db_path = (directory / "demo.duckdb").resolve()
    for stale in (db_path, db_path.with_name(db_path.name + ".wal")):
        stale.unlink(missing_ok=True)

    started = time.perf_counter()
    echo(f"[1/4] generating sample data for {customers:,} customers (sales until {SAMPLE_END}) ...")
    con = duckdb.connect(str(db_path))
    try:
        counts = create_sample_database(con, customers=customers, end_date=SAMPLE_END)
        echo("      " + ", ".join(f"{t} {n:,}" for t, n in counts.items() if n))

        echo(f"[2/4] compiling the shipped catalog for DuckDB, as of {SAMPLE_END} ...")
        catalog = load_catalog(SHIPPED)
        views = compile_catalog(catalog, get_dialect("duckdb"), SAMPLE_END)
        out = directory / "build"
        write_tree(out, render_files({"duckdb": views}, __version__, SAMPLE_END))
        echo(f"      {len(views)} view(s) written to {out}/duckdb/")

        echo("[3/4] creating the views in the database ...")
        for view in views:
            for statement in view.statements:
                con.execute(statement)

        echo(f"[4/4] first rows of {SHOWN_VIEW}:\n")
        cursor = con.execute(f'SELECT * FROM "{SHOWN_VIEW}" ORDER BY "CustID", "SCID" LIMIT 10')
        columns = [d[0] for d in cursor.description]
        echo(format_table(columns, cursor.fetchall()))
        total = con.execute(f'SELECT COUNT(*) FROM "{SHOWN_VIEW}"').fetchone()[0]
    finally:
        con.close()
    echo(f"\n{total:,} rows in {SHOWN_VIEW}; done in {time.perf_counter() - started:.1f} s.")
    echo(f"\nDatabase: {db_path}\nOpen it with:  duckdb {db_path}\n"
         f"         or:  python -c \"import duckdb; print(duckdb.connect('{db_path}')"
         f".sql('FROM \\\"{SHOWN_VIEW}\\\" LIMIT 5'))\"")
    return db_path


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """A plain text table: numbers right-aligned, NULL shown as NULL."""
    def cell(v: object) -> str:
        if v is None:
            return "NULL"
        if isinstance(v, float):
            return f"{v:.2f}"
        return str(v)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [all(isinstance(r[i], (int, float)) or r[i] is None or hasattr(r[i], "as_tuple") for r in rows)
               for i in range(len(columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])
