"""Output names are data: quoted and escaped, never executed."""
from __future__ import annotations

from pathlib import Path

import duckdb
import sqlglot

import semview
from tests.projects import write_project

NASTY = 'x"; DROP TABLE Factor; --'


def test_quoted_output_names_round_trip_on_duckdb(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        "sources:\n  - name: Factor\n    columns: {CustID: integer, Amount: double}\n"
        "entities:\n  - {name: customer, column: CustID, type: integer, keys: {Factor: CustID}}\n"
        f"metrics:\n  - {{name: 'n', source: Factor, agg: count}}\n",
        "views:\n  - name: 'V \"quoted\" ; --'\n    grain: [customer]\n    columns:\n"
        f"      - entity: customer\n      - {{name: '{NASTY}', metric: n}}\n      - {{name: 'Überkunde', metric: n}}\n")
    view = semview.compile_project(tmp_path, dialect="duckdb")[0]
    assert len(sqlglot.parse(view.sql, read="duckdb")) == 1
    con = duckdb.connect()
    con.execute("CREATE TABLE Factor (CustID INTEGER, Amount DOUBLE); INSERT INTO Factor VALUES (1, 2.0), (1, 3.0)")
    con.execute(view.sql)
    cur = con.execute('SELECT * FROM "V ""quoted"" ; --"')
    assert [d[0] for d in cur.description] == ["CustID", NASTY, "Überkunde"]
    assert cur.fetchall() == [(1, 2, 2)]
    assert con.execute("SELECT COUNT(*) FROM Factor").fetchone() == (2,)  # nothing was dropped
