"""Benchmark data for the reference schema at scale, generated inside DuckDB.

    python bench/datagen.py --invoices 1000000 --out bench/data/1m.duckdb
    python bench/datagen.py --invoices 1000000 --out bench/data/1m.duckdb --postgres postgresql://...

The ERP tables come from `semview.sample_data` (the same set-based, hash()-seeded SQL as
`semview demo`) with one customer per 20 invoices: each customer has 10-30 invoices over
the two years ending on --end-date, ~4.4 lines per invoice, ~1 visit per invoice,
collections, returns and deliveries. The customer-data-platform export is then widened
from the sample's 500 customers to every customer (four weekly profile snapshots each,
campaign executions for a third of them), so the Customer 360 views read tables of the
same scale. The same arguments give the same rows with the same DuckDB release.

An existing --out file made with the same arguments is reused (--force regenerates).
With --postgres, the tables are (re)created in that database from the reference DDL,
loaded with COPY from CSV exported by DuckDB, indexed as a DBA would (INDEXES below) and
vacuumed/analyzed. That replaces the reference tables there: point it at a bench server
(`python bench/pgserver.py start --dir ...`).
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from semview.sample_data import SCHEMA_PATH, TABLES, create_sample_database

INVOICES_PER_CUSTOMER = 20  # the sample's customers have 10-30 invoices, 20 on average
META = "bench_meta"

# Every customer is profiled: the sample's CDP steps (sample_data/__init__.py), for all
# customers rather than the first 500, with wider customer keys. bv_u/bv_n are the
# sample's sv_u/sv_n (a uniform number in [0, 1), an integer in [1, n]).
_CDP_STEPS = (
    "CREATE OR REPLACE TEMP MACRO bv_u(k1, k2, salt) AS ((hash(k1, k2, salt) % 1000003)::DOUBLE / 1000003)",
    "CREATE OR REPLACE TEMP MACRO bv_n(k1, k2, salt, n) AS (1 + (hash(k1, k2, salt) % n)::INTEGER)",
    "DELETE FROM CUSTOMER_PROFILES",
    "DELETE FROM TARGETED_AND_EXCLUDED_CUSTOMERS",
    # Four weekly snapshots per customer, the last on end_date.
    """
    CREATE TEMP TABLE bv_profiled AS
    SELECT c.CustID, 'C' || lpad(c.CustID::VARCHAR, 8, '0') AS key, c.SCID AS home, $end_date::DATE - w.back AS snap
    FROM Customer c, (SELECT unnest([21, 14, 7, 0]) AS back) w
    """,
    # KPIs from the ERP's invoices and returns up to each snapshot, as the sample does.
    """
    INSERT INTO CUSTOMER_PROFILES
    WITH inv AS (
        SELECT CustID, FactorID, FactorDate, Amount + Discount AS gross,
               strptime(FactorDate, '%Y/%m/%d')::DATE AS day
        FROM Factor WHERE Status <> 'canceled'
    ), sales AS (
        SELECT s.CustID, s.snap,
               coalesce(sum(f.gross), 0)::DOUBLE AS gross,
               count(f.FactorID) AS orders,
               count(DISTINCT f.FactorDate) AS order_days,
               coalesce(sum(f.gross) FILTER (WHERE f.day > s.snap - 30), 0)::DOUBLE AS gross_1m,
               count(f.FactorID) FILTER (WHERE f.day > s.snap - 30) AS orders_1m,
               count(DISTINCT f.FactorDate) FILTER (WHERE f.day > s.snap - 30) AS days_1m,
               max(f.day) AS last_day
        FROM bv_profiled s LEFT JOIN inv f ON f.CustID = s.CustID AND f.day <= s.snap
        GROUP BY s.CustID, s.snap
    ), refunds AS (
        SELECT s.CustID, s.snap,
               coalesce(sum(r.Amount), 0)::DOUBLE AS refund,
               coalesce(sum(r.Amount) FILTER (WHERE r.day > s.snap - 30), 0)::DOUBLE AS refund_1m
        FROM bv_profiled s
        LEFT JOIN (SELECT CustID, Amount, strptime(ReturnDate, '%Y/%m/%d')::DATE AS day FROM ReturnFactor) r
          ON r.CustID = s.CustID AND r.day <= s.snap
        GROUP BY s.CustID, s.snap
    )
    SELECT
        p.snap, p.key,
        ['IR', 'IR', 'IR', 'AE', 'TR'][bv_n(p.CustID, 0, 'country', 5)],
        CASE WHEN s.orders = 0 THEN 'new'
             WHEN s.last_day > p.snap - 30 THEN 'active'
             WHEN s.last_day > p.snap - 120 THEN 'at_risk'
             ELSE 'churned' END,
        ch.SCName,
        CASE WHEN s.gross > 60000 THEN 'gold' WHEN s.gross > 25000 THEN 'silver' ELSE 'bronze' END,
        round(s.gross, 2), round(s.gross - r.refund, 2), round(r.refund, 2),
        s.order_days, s.orders,
        bv_n(p.CustID, p.snap, 'campaigns', 4) - 1,
        round(s.gross_1m, 2), round(s.gross_1m - r.refund_1m, 2), round(r.refund_1m, 2),
        s.days_1m, s.orders_1m,
        CASE WHEN bv_u(p.CustID, 0, 'noltv') < 0.1 THEN NULL
             ELSE round((s.gross - r.refund) * (1.5 + bv_u(p.CustID, 0, 'ltv')), 2) END
    FROM bv_profiled p
    JOIN sales s ON s.CustID = p.CustID AND s.snap = p.snap
    JOIN refunds r ON r.CustID = p.CustID AND r.snap = p.snap
    JOIN SalesChannel ch ON ch.SCID = p.home
    """,
    # Each plan runs on one snapshot day over a third of the customers; a tenth are held out.
    """
    INSERT INTO TARGETED_AND_EXCLUDED_CUSTOMERS
    WITH t AS (
        SELECT p.CustID, p.key, p.snap, pl.plan_id, pl.details
        FROM bv_profiled p
        JOIN (VALUES (1, 21, 2), (2, 7, 2), (3, 0, 1)) pl(plan_id, back, details)
          ON p.snap = $end_date::DATE - pl.back
        WHERE bv_u(p.CustID, pl.plan_id, 'targeted') < 0.33
    )
    SELECT
        snap, key, plan_id,
        CASE WHEN bv_u(CustID, plan_id, 'control') < 0.1 THEN NULL ELSE bv_n(CustID, plan_id, 'detail', details) END,
        CASE WHEN bv_u(CustID, plan_id, 'control') < 0.1 THEN NULL ELSE bv_n(CustID, plan_id, 'action', 3) END,
        CASE WHEN bv_u(CustID, plan_id, 'control') < 0.1 THEN NULL
             ELSE ['Send email', 'Send SMS', 'Send push'][bv_n(CustID, plan_id, 'action', 3)] END,
        snap::TIMESTAMP + INTERVAL 6 HOUR + to_seconds(bv_n(CustID, plan_id, 'time', 50400) - 1)
    FROM t
    """,
    "DROP TABLE temp.bv_profiled",
    "DROP MACRO temp.bv_u",
    "DROP MACRO temp.bv_n",
)

#: What a DBA would index for these views and their filters, with why. The reference
#: DDL already makes the primary keys. Text dates are indexed as stored: a view whose
#: date columns are declared `sortable_text` filters its window on that text.
INDEXES = (
    ("factordetail_factorid", "FactorDetail (FactorID)", "invoice lines by invoice: basket sizes"),
    ("factor_factordate", "Factor (FactorDate)", "invoices in a date window"),
    ("factor_cust_sc", "Factor (CustID, SCID)", "a customer's invoices per channel"),
    ("customervisit_visitdate", "CustomerVisit (VisitDate)", "visits in a date window"),
    ("customervisit_cust_sc", "CustomerVisit (CustID, SCID)", "a customer's visits per channel"),
    ("collection_factorid", "Collection (FactorID)", "payments of an invoice"),
    ("returnfactor_factorid", "ReturnFactor (FactorID)", "returns of an invoice"),
    ("delivery_factorid", "Delivery (FactorID)", "deliveries of an invoice"),
    ("custassign_cust", "CustAssignToSeller (CustID, SCID)", "a customer's sellers"),
    ("profiles_key", "CUSTOMER_PROFILES (CLIENT_CUSTOMER_ID, PROFILE_DATE)", "the profile's unique key"),
    ("targeted_key", "TARGETED_AND_EXCLUDED_CUSTOMERS (CLIENT_CUSTOMER_ID, EXECUTION_DATE)", "executions by customer"),
    ("campaigns_key", "SCHEDULED_CAMPAIGNS (PLAN_ID, PLAN_DETAIL_ID)", "the schedule's unique key"),
)


def generate(path: Path, invoices: int, end_date: datetime.date, days: int) -> dict[str, int]:
    """Write a new DuckDB file at `path` with every reference table filled; rows per table."""
    if invoices < INVOICES_PER_CUSTOMER:
        raise SystemExit(f"--invoices must be at least {INVOICES_PER_CUSTOMER}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    with duckdb.connect(str(tmp)) as con:
        create_sample_database(con, customers=invoices // INVOICES_PER_CUSTOMER, end_date=end_date, days=days)
        for step in _CDP_STEPS:
            con.execute(step, {"end_date": end_date} if "$end_date" in step else None)
        counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
        meta = {"invoices": invoices, "end_date": end_date.isoformat(), "days": days, "counts": counts,
                "duckdb": duckdb.__version__, "seconds": round(time.perf_counter() - started, 1)}
        con.execute(f"CREATE TABLE {META} AS SELECT ? AS meta", [json.dumps(meta)])
        con.execute("CHECKPOINT")
    tmp.replace(path)
    return counts


def read_meta(path: Path) -> dict | None:
    """What `generate` recorded in `path`, or None if it is not a finished bench file."""
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return json.loads(con.execute(f"SELECT meta FROM {META}").fetchone()[0])
    except duckdb.Error:
        return None


def load_postgres(path: Path, url: str) -> dict[str, float]:
    """(Re)create the reference tables in the database at `url` and fill them from `path`.

    Returns seconds per phase. Tables are loaded with COPY ... FROM STDIN (CSV written by
    DuckDB), then indexed (INDEXES) and vacuumed/analyzed.
    """
    import psycopg

    phases: dict[str, float] = {}
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as pg, duckdb.connect(str(path), read_only=True) as con, \
            tempfile.TemporaryDirectory(prefix="semview-bench-csv-") as tmp:
        for table in reversed(TABLES):
            pg.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
        pg.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
        for table in TABLES:
            columns = [r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()]
            csv = Path(tmp) / f"{table}.csv"
            con.execute(f"COPY \"{table}\" TO '{csv}' (HEADER false)")
            with pg.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT csv)") as copy, \
                    open(csv, "rb") as f:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
            csv.unlink()
        phases["load"] = time.perf_counter() - started
        started = time.perf_counter()
        for name, target, _why in INDEXES:
            pg.execute(f"CREATE INDEX {name} ON {target}")
        phases["index"] = time.perf_counter() - started
        started = time.perf_counter()
        pg.execute("VACUUM ANALYZE")
        phases["analyze"] = time.perf_counter() - started
    return phases


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--invoices", type=int, required=True, help="about this many invoices (Factor rows)")
    parser.add_argument("--out", type=Path, required=True, help="the DuckDB file to write")
    parser.add_argument("--postgres", metavar="URL", help="also load the data into this PostgreSQL database")
    parser.add_argument("--end-date", type=datetime.date.fromisoformat, default=datetime.date(2024, 12, 31),
                        help="the last day with data (default 2024-12-31)")
    parser.add_argument("--days", type=int, default=730, help="days of history ending on --end-date (default 730)")
    parser.add_argument("--force", action="store_true", help="regenerate even if --out was made with these arguments")
    args = parser.parse_args(argv)

    meta = read_meta(args.out)
    wanted = {"invoices": args.invoices, "end_date": args.end_date.isoformat(), "days": args.days}
    if not args.force and meta and all(meta.get(k) == v for k, v in wanted.items()):
        print(f"datagen: {args.out} already holds these data (generated in {meta['seconds']} s); --force to redo")
    else:
        started = time.perf_counter()
        generate(args.out, args.invoices, args.end_date, args.days)
        meta = read_meta(args.out)
        print(f"datagen: wrote {args.out} in {time.perf_counter() - started:.1f} s (DuckDB {duckdb.__version__})")
    for table, rows in meta["counts"].items():
        print(f"  {table:32} {rows:>12,}")
    if args.postgres:
        phases = load_postgres(args.out, args.postgres)
        print("datagen: PostgreSQL " + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()))


if __name__ == "__main__":
    sys.exit(main())
