"""Trino: AVG of a DECIMAL keeps the argument's scale."""
from __future__ import annotations


from .base import Dialect


class Trino(Dialect):
    name = "trino"
    sqlglot_name = "trino"
    title = "Trino, Presto"

    # avg(decimal(p, s)) is a decimal(p, s): the mean of 1.00, 2.00, 2.00 is 1.67.
    # https://trino.io/docs/current/functions/aggregate.html#avg
    double_average = True
