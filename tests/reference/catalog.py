"""Which plain-Python reference computes each view of the shipped catalog.

Every view the catalog ships must appear here; the differential test fails otherwise.
A reference takes the source tables, the as-of date and the view's parameters.
"""
from __future__ import annotations

import datetime
from typing import Callable

from tests.reference.customer_potential import customer_potential

Reference = Callable[[dict, datetime.date, dict], tuple[list[str], list[tuple]]]

REFERENCES: dict[str, Reference] = {
    "CustomerPotentialAnalyticsView":
        lambda tables, as_of, params: customer_potential(tables, as_of, params.get("window_days", 90)),
}
