"""Amazon Redshift: PostgreSQL-like, but DATEADD gives a TIMESTAMP and AVG of integers is an integer."""
from __future__ import annotations

from sqlglot import exp

from ..generator.model import DataType
from .base import Dialect


class Redshift(Dialect):
    name = "redshift"
    sqlglot_name = "redshift"
    title = "Amazon Redshift"
    # 127 bytes of UTF-8. https://docs.aws.amazon.com/redshift/latest/dg/r_names.html
    max_identifier_length = 127

    def identifier_length(self, name: str) -> int:
        # The limit counts bytes, not characters (same link as above).
        return len(name.encode("utf-8"))

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        # DATEADD and date - INTERVAL both return a TIMESTAMP: cast back to DATE.
        # https://docs.aws.amazon.com/redshift/latest/dg/r_DATEADD_function.html
        moved = exp.DateAdd(this=date, expression=exp.Literal.number(days), unit=exp.var("DAY"))
        return exp.cast(moved, exp.DataType.Type.DATE)

    # AVG of an integer is a truncated integer, and of a DECIMAL keeps the argument's scale.
    # https://docs.aws.amazon.com/redshift/latest/dg/r_AVG.html
    double_average = True

    def data_type(self, dtype: DataType) -> exp.DataType:
        # VARCHAR without a length is VARCHAR(256): a longer text would not fit.
        # https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html
        if dtype.kind == "string":
            return exp.DataType.build("VARCHAR(MAX)", dialect="redshift")
        return super().data_type(dtype)
