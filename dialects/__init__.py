"""The registry of target dialects, by the name users pass to `--dialect`."""
from __future__ import annotations

from .base import Dialect
from .bigquery import BigQuery
from .clickhouse import ClickHouse
from .duckdb import DuckDB
from .mysql import MySQL
from .postgres import Postgres
from .redshift import Redshift
from .snowflake import Snowflake
from .spark import Spark
from .sqlite import SQLite
from .trino import Trino
from .tsql import TSQL

DIALECTS: dict[str, Dialect] = {
    d.name: d
    for d in (DuckDB(), Postgres(), SQLite(), MySQL(), Spark(), ClickHouse(),
              Snowflake(), BigQuery(), TSQL(), Trino(), Redshift())
}


def get_dialect(name: str) -> Dialect:
    """The dialect called `name`; KeyError names the known ones."""
    try:
        return DIALECTS[name]
    except KeyError:
        raise KeyError(f"unknown dialect '{name}' (known: {', '.join(DIALECTS)})") from None


__all__ = ["DIALECTS", "Dialect", "get_dialect"]
