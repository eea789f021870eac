"""DuckDB: sqlglot's defaults are DuckDB's own spelling; nothing differs."""
from __future__ import annotations

from .base import Dialect


class DuckDB(Dialect):
    name = "duckdb"
    sqlglot_name = "duckdb"
    title = "DuckDB 1.1+"
    verified = "engine"
