"""A throw-away PostgreSQL server for the benchmarks, on loopback, in a temporary folder.

    with running_server() as url:        # postgresql://postgres@127.0.0.1:PORT/postgres
        ...

or, to keep one between runs (datagen.py, then views.py):

    python bench/pgserver.py start --dir /tmp/semview-bench-pg     # prints the URL
    python bench/pgserver.py stop --dir /tmp/semview-bench-pg

As root, initdb and the server run as the `postgres` user (PostgreSQL refuses root).
Durability is off (a benchmark server); the memory settings are those a DBA would give a
reporting database on this machine, and are printed with the figures (see README.md).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

#: Server settings, besides loopback and durability off. Chosen for a 2-core, 24 GB machine
#: shared with other work: a reporting database's usual memory, parallel query on.
SETTINGS = {
    "shared_buffers": "2GB",
    "work_mem": "128MB",
    "maintenance_work_mem": "1GB",
    "effective_cache_size": "8GB",
    "max_parallel_workers_per_gather": "2",
    "random_page_cost": "1.1",  # SSD
    # JIT compiled these ~1 s queries for 0.25-2.5 s (EXPLAIN's "JIT: Timing"), depending
    # on cost estimates rather than work; off, as DBAs commonly set it for reporting queries.
    "jit": "off",
}
_DURABILITY_OFF = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]), reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise SystemExit("PostgreSQL is not installed (no initdb): apt-get install -y postgresql")


def _as_postgres() -> dict:
    if os.geteuid() != 0:
        return {}
    account = pwd.getpwnam("postgres")
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(directory: Path) -> str:
    """initdb in `directory` (if new), start the server, wait until it answers; return its URL."""
    import psycopg

    run_as = _as_postgres()
    directory.mkdir(parents=True, exist_ok=True)
    if run_as:
        os.chown(directory, run_as["user"], run_as["group"])
    data, bindir = directory / "data", _bin_dir()
    if not data.exists():
        subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                        "--no-locale", "--no-sync"], check=True, capture_output=True, **run_as)
    port = _free_port()
    options = [a for k, v in {**_DURABILITY_OFF, **SETTINGS, "listen_addresses": "127.0.0.1"}.items()
               for a in ("-c", f"{k}={v}")]
    log = directory / "server.log"
    subprocess.run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                    "-o", " ".join([f"-p {port}", f"-k {directory}", *options]), "start"],
                   check=True, capture_output=True, **run_as)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    (directory / "url").write_text(url)
    deadline = time.monotonic() + 60
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return url
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop(directory: Path, remove: bool = True) -> None:
    """Stop the server started in `directory` (fast shutdown) and, by default, delete its files."""
    data = directory / "data"
    if (data / "postmaster.pid").exists():
        subprocess.run([str(_bin_dir() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, **_as_postgres())
    if remove:
        shutil.rmtree(directory, ignore_errors=True)


@contextlib.contextmanager
def running_server() -> Iterator[str]:
    """A server for the duration of the block, in a fresh temporary folder."""
    directory = Path(tempfile.mkdtemp(prefix="semview-bench-pg-"))
    try:
        yield start(directory)
    finally:
        stop(directory)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--dir", type=Path, required=True, help="the server's folder (data, log, socket)")
    args = parser.parse_args(argv)
    if args.action == "start":
        print(start(args.dir))
    else:
        stop(args.dir)


if __name__ == "__main__":
    sys.exit(main())
