"""Spark SQL 3.5+ and Databricks: AVG of a DECIMAL keeps only 4 more decimals."""
from __future__ import annotations

import re


from .base import Dialect

_CATALOG_NAME = re.compile(r"[A-Za-z0-9_]+")


class Spark(Dialect):
    name = "spark"
    sqlglot_name = "spark"
    title = "Spark SQL 3.5+, Databricks"
    verified = "engine"
    # Unity Catalog names; open-source Spark sets no limit of its own.
    # https://docs.databricks.com/en/sql/language-manual/sql-ref-names.html
    max_identifier_length = 255

    def identifier_problem(self, name: str, relation: bool) -> str | None:
        # The session catalog takes only ASCII letters, digits and _ in view and schema names
        # (INVALID_SCHEMA_OR_RELATION_NAME); columns and CTEs may hold any character.
        # https://spark.apache.org/docs/latest/sql-error-conditions.html#invalid_schema_or_relation_name
        if relation and not _CATALOG_NAME.fullmatch(name):
            return "is not made of ASCII letters, digits and _ only, as Spark requires of view and schema names"
        return None

    # DECIMAL / DECIMAL keeps at most 6 decimals once the precision is capped at 38.
    # https://spark.apache.org/docs/latest/sql-ref-ansi-compliance.html#arithmetic-operations
    double_division = True

    # avg(DECIMAL(p, s)) is DECIMAL(p + 4, s + 4): 5/3 of DECIMAL(18, 2) values is 1.666667.
    # https://spark.apache.org/docs/latest/sql-ref-ansi-compliance.html#arithmetic-operations
    double_average = True
