"""DuckDB reads a stored text date with TRY_STRPTIME / TRY_CAST first (they run once per distinct
value of a dictionary-compressed column) and the strict form on what they left NULL. Checked on
a table written to a database file and checkpointed, so the column is read back from storage as
a dictionary, the case the TRY_ form is for: valid dates equal Python's `strptime`, NULL stays
NULL, and a malformed date among thousands of valid ones still fails the query, as STRPTIME alone
would.
"""
from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import pytest
from sqlglot import exp

from semview.dialects import get_dialect
from semview.generator.model import DateFormat

FMT = DateFormat("YYYY/MM/DD", "%Y/%m/%d")
DAYS = [(datetime.date(2023, 1, 1) + datetime.timedelta(days=n)).strftime("%Y/%m/%d") for n in range(0, 700, 7)]


def stored(tmp_path: Path, extra: list[str | None]) -> duckdb.DuckDBPyConnection:
    """A file database whose table `t` holds 20,000 rows of 100 distinct dates, a NULL and `extra`."""
    con = duckdb.connect(str(tmp_path / "dates.duckdb"))
    con.execute("CREATE TABLE days (n INTEGER, d VARCHAR)")
    con.executemany("INSERT INTO days VALUES (?, ?)", list(enumerate(DAYS)))
    con.execute(f"CREATE TABLE t AS SELECT i AS id, d FROM range(20000) r(i) JOIN days ON n = i % {len(DAYS)}")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(20_000 + i, v) for i, v in enumerate([None, *extra])])
    con.execute("CHECKPOINT")
    return con


def query(con: duckdb.DuckDBPyConnection, value: exp.Expression) -> list[tuple]:
    d = get_dialect("duckdb")
    return con.execute(d.generate(exp.select(exp.alias_(value, "v"), "id").from_("t").order_by("id"))).fetchall()


def test_stored_dates_parse_as_strptime_does(tmp_path: Path) -> None:
    con = stored(tmp_path, [])
    rows = query(con, get_dialect("duckdb").parse_date(exp.column("d"), FMT.strftime))
    expected = [None if text is None else datetime.datetime.strptime(text, "%Y/%m/%d").date()
                for (text,) in con.execute("SELECT d FROM t ORDER BY id").fetchall()]
    assert [v for v, _ in rows] == expected
    assert expected.count(None) == 1 and len(set(expected)) == len(DAYS) + 1


def test_stored_digits_give_the_quarter_key(tmp_path: Path) -> None:
    con = stored(tmp_path, [])
    rows = query(con, get_dialect("duckdb").text_period_key(exp.column("d"), FMT, "quarter"))
    texts = [text for (text,) in con.execute("SELECT d FROM t ORDER BY id").fetchall()]
    assert [v for v, _ in rows] == [None if t is None else int(t[:4]) * 4 + (int(t[5:7]) - 1) // 3 for t in texts]


@pytest.mark.parametrize(("bad", "primitive"), [
    ("2024/13/45", "parse_date"), ("yesterday", "parse_date"), ("20x4/05/01", "quarter_key"),
])
def test_a_malformed_stored_date_still_fails(tmp_path: Path, bad: str, primitive: str) -> None:
    con = stored(tmp_path, [bad])
    d = get_dialect("duckdb")
    value = (d.parse_date(exp.column("d"), FMT.strftime) if primitive == "parse_date"
             else d.text_period_key(exp.column("d"), FMT, "quarter"))
    with pytest.raises(duckdb.Error, match="20x4" if primitive == "quarter_key" else bad):
        query(con, value)
