"""Snowflake: `/` and AVG of fixed-point numbers keep only 6 more decimals."""
from __future__ import annotations


from .base import Dialect


class Snowflake(Dialect):
    name = "snowflake"
    sqlglot_name = "snowflake"
    title = "Snowflake"
    # https://docs.snowflake.com/en/sql-reference/identifiers-syntax
    max_identifier_length = 255

    # NUMBER / NUMBER has at most 6 more decimals (1 / 3 = 0.333333); FLOAT divides fully.
    # https://docs.snowflake.com/en/sql-reference/operators-arithmetic#scale-and-precision-in-arithmetic-operations
    double_division = True

    # AVG of a NUMBER is a NUMBER with a limited scale, not the mean in double precision.
    # https://docs.snowflake.com/en/sql-reference/functions/avg
    double_average = True
