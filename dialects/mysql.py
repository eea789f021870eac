"""MySQL 8 and MariaDB: `/` and AVG of exact numbers keep only 4 more decimals, so go through DOUBLE."""
from __future__ import annotations

from sqlglot import exp

from .base import Dialect


class MySQL(Dialect):
    name = "mysql"
    sqlglot_name = "mysql"
    title = "MySQL 8.0.17+, MariaDB 10.6+"
    verified = "engine"
    # https://dev.mysql.com/doc/refman/8.0/en/identifier-length.html
    max_identifier_length = 64

    def divide(self, numerator: exp.Expression, denominator: exp.Expression) -> exp.Expression:
        # 1 / 3 is DECIMAL 0.3333 (div_precision_increment = 4); a DOUBLE operand makes it DOUBLE.
        # https://dev.mysql.com/doc/refman/8.0/en/arithmetic-functions.html#operator_divide
        return super().divide(exp.cast(numerator, exp.DataType.Type.DOUBLE), denominator)

    def average(self, value: exp.Expression) -> exp.Expression:
        # AVG of an INTEGER or DECIMAL is a DECIMAL with 4 more decimals (5/3 = 1.6667).
        # https://dev.mysql.com/doc/refman/8.0/en/aggregate-functions.html#function_avg
        return super().average(exp.cast(value, exp.DataType.Type.DOUBLE))

    def string_equals(self, left: exp.Expression, right: exp.Expression) -> exp.Expression:
        # The default collations compare case-insensitively ('c0003' = 'C0003'); bytes do not.
        # https://dev.mysql.com/doc/refman/8.0/en/case-sensitivity.html
        binary = exp.DataType.build("BINARY")
        return exp.EQ(this=exp.Cast(this=left, to=binary), expression=exp.Cast(this=right, to=binary.copy()))
