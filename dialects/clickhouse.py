"""ClickHouse 23.3+: Decimal keeps its scale through `/` and CAST truncates; outer joins fill in defaults."""
from __future__ import annotations

import re

from sqlglot import exp

from ..generator.model import DataType
from .base import Dialect

_FILE_NAME_SAFE = re.compile(r"[A-Za-z0-9_]")
_MAX_ESCAPED_VIEW_NAME = 172
_JOIN_USE_NULLS = exp.EQ(this=exp.column("join_use_nulls"), expression=exp.Literal.number(1))


class ClickHouse(Dialect):
    name = "clickhouse"
    sqlglot_name = "clickhouse"
    title = "ClickHouse 23.3+"
    verified = "engine"

    def identifier_problem(self, name: str, relation: bool) -> str | None:
        # A view's metadata is a file named database.view.uuid.sql.detached, each byte other than
        # [A-Za-z0-9_] written as %XX, within the file system's 255. Assuming a database name of
        # up to 32 such characters leaves 172 for the view. Column names have no such limit.
        # https://github.com/ClickHouse/ClickHouse/blob/master/src/Common/computeMaxTableNameLength.cpp
        escaped = sum(1 if _FILE_NAME_SAFE.fullmatch(c) else 3 * len(c.encode("utf-8")) for c in name)
        if relation and escaped > _MAX_ESCAPED_VIEW_NAME:
            return (f"is {escaped} characters long once escaped as a file name (3 for each byte outside "
                    f"A-Z a-z 0-9 _); ClickHouse allows about {_MAX_ESCAPED_VIEW_NAME}")
        return None

    # Decimal / Decimal is a Decimal of the dividend's scale (1.00 / 3.00 = 0.33).
    # https://clickhouse.com/docs/en/sql-reference/data-types/decimal#operations-and-result-type
    double_division = True

    def cast(self, value: exp.Expression, dtype: DataType) -> exp.Expression:
        # CAST to Decimal truncates (1.666 -> 1.66) where other engines round. Truncating to one
        # more decimal, then round() (half away from zero on Decimal) gives the rounded value.
        # https://clickhouse.com/docs/en/sql-reference/functions/rounding-functions#round
        if dtype.kind == "decimal":
            scale = dtype.scale or 0
            wide = exp.cast(value, exp.DataType.build(f"DECIMAL(38, {scale + 1})"))
            value = exp.Round(this=wide, decimals=exp.Literal.number(scale))
        return super().cast(value, dtype)

    def create_view(self, name: exp.Table, query: exp.Query) -> tuple[exp.Expression, ...]:
        # An unmatched outer-join row gets 0, '' or 1970-01-01 instead of NULL unless join_use_nulls.
        # https://clickhouse.com/docs/en/operations/settings/settings#join_use_nulls
        if any(join.side for join in query.find_all(exp.Join)):
            query = query.copy()
            query.set("settings", [*(query.args.get("settings") or ()), _JOIN_USE_NULLS.copy()])
        return super().create_view(name, query)
