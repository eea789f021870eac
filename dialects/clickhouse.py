"""ClickHouse 23.3+: Decimal keeps its scale through `/` and CAST truncates; outer joins fill in defaults."""
from __future__ import annotations

from sqlglot import exp

from ..generator.model import DataType
from .base import Dialect

_JOIN_USE_NULLS = exp.EQ(this=exp.column("join_use_nulls"), expression=exp.Literal.number(1))


class ClickHouse(Dialect):
    name = "clickhouse"
    sqlglot_name = "clickhouse"
    title = "ClickHouse 23.3+"
    verified = "engine"

    def divide(self, numerator: exp.Expression, denominator: exp.Expression) -> exp.Expression:
        # Decimal / Decimal is a Decimal of the dividend's scale (1.00 / 3.00 = 0.33).
        # https://clickhouse.com/docs/en/sql-reference/data-types/decimal#operations-and-result-type
        return super().divide(exp.cast(numerator, exp.DataType.Type.DOUBLE), denominator)

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
