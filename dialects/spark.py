"""Spark SQL 3.5+ and Databricks: AVG of a DECIMAL keeps only 4 more decimals."""
from __future__ import annotations

from sqlglot import exp

from .base import Dialect


class Spark(Dialect):
    name = "spark"
    sqlglot_name = "spark"
    title = "Spark SQL 3.5+, Databricks"
    verified = "engine"
    # Unity Catalog names; open-source Spark sets no limit of its own.
    # https://docs.databricks.com/en/sql/language-manual/sql-ref-names.html
    max_identifier_length = 255

    def average(self, value: exp.Expression) -> exp.Expression:
        # avg(DECIMAL(p, s)) is DECIMAL(p + 4, s + 4): 5/3 of DECIMAL(18, 2) values is 1.666667.
        # https://spark.apache.org/docs/latest/sql-ref-ansi-compliance.html#arithmetic-operations
        return super().average(exp.cast(value, exp.DataType.Type.DOUBLE))
