"""Which plain-Python reference computes each view of the shipped catalog.

Every view the catalog ships must appear here; the differential test fails otherwise.
A reference takes the source tables, the as-of date and the view's parameters.
"""
from __future__ import annotations

import datetime
from typing import Callable

from tests.reference import customer_360
from tests.reference.customer_potential import customer_potential

Reference = Callable[[dict, datetime.date, dict], tuple[list[str], list[tuple]]]

REFERENCES: dict[str, Reference] = {
    "CustomerPotentialAnalyticsView":
        lambda tables, as_of, params: customer_potential(tables, as_of, params.get("window_days", 90)),
    "VW_CUSTOMER_PROFILE_FIELDS": customer_360.profile_fields,
    "VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES": customer_360.real_field_names,
    "VW_CUSTOMER_MARKETING_IMPACT": customer_360.marketing_impact,
    "VW_SENT_CAMPAIGNS": customer_360.sent_campaigns,
}
