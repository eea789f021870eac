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

    def identifier_problem(self, name: str, relation: bool) -> str | None:
        # Names may not end with a space, nor hold characters beyond the BMP (emoji); a column
        # name loses its leading spaces (warning 1466). Seen on MariaDB 10.11 as well.
        # https://dev.mysql.com/doc/refman/8.0/en/identifiers.html
        if name.endswith(" "):
            return "ends with a space, which MySQL and MariaDB refuse in names"
        if not relation and name.startswith(" "):
            return "starts with a space, which MySQL and MariaDB remove from column names"
        if any(ord(c) > 0xFFFF for c in name):
            return "holds a character beyond the Basic Multilingual Plane (e.g. an emoji), which MySQL refuses in names"
        return None

    # 1 / 3 is DECIMAL 0.3333 (div_precision_increment = 4); a DOUBLE operand makes it DOUBLE.
    # https://dev.mysql.com/doc/refman/8.0/en/arithmetic-functions.html#operator_divide
    double_division = True

    # AVG of an INTEGER or DECIMAL is a DECIMAL with 4 more decimals (5/3 = 1.6667).
    # https://dev.mysql.com/doc/refman/8.0/en/aggregate-functions.html#function_avg
    double_average = True

    def string_equals(self, left: exp.Expression, right: exp.Expression) -> exp.Expression:
        # The default collations compare case-insensitively ('c0003' = 'C0003'); bytes do not.
        # https://dev.mysql.com/doc/refman/8.0/en/case-sensitivity.html
        binary = exp.DataType.build("BINARY")
        return exp.EQ(this=exp.Cast(this=left, to=binary), expression=exp.Cast(this=right, to=binary.copy()))
