"""SellerVisitPathCustomersView the way the seeds' notebooks compute it: the planned route and
the visits read into DataFrames, dates converted, each counted per (CustID, SellerID, day), an
outer merge of the two on the day, then one groupby per (CustID, SellerID)."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "SellerVisitPath": ("PathDate", "SellerID", "CustID"),
    "CustomerVisit": ("CustID", "SellerID", "VisitDate"),
}
KEYS = ["CustID", "SellerID"]


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)

    plan = t["SellerVisitPath"].copy()
    plan["day"] = pd.to_datetime(plan["PathDate"], format="%Y/%m/%d")
    plan = plan[plan["day"] <= end].groupby(KEYS + ["day"]).size().rename("planned")

    visits = t["CustomerVisit"].copy()
    visits["day"] = pd.to_datetime(visits["VisitDate"], format="%Y/%m/%d")
    visits = visits[visits["day"] <= end].groupby(KEYS + ["day"]).size().rename("visits")

    days = pd.merge(plan, visits, left_index=True, right_index=True, how="outer").fillna(0)
    days["made"] = days["planned"].where(days["visits"] > 0, 0)
    days["missed"] = days["planned"].where(days["visits"] == 0, 0)
    days["unplanned"] = days["visits"].where(days["planned"] == 0, 0)
    out = days.groupby(level=KEYS)[["planned", "made", "unplanned", "missed"]].sum().astype("int64").reset_index()
    out["CoverageRatio"] = out["made"] / out["planned"].where(out["planned"] > 0)
    out = out.rename(columns={"planned": "PlannedVisits", "made": "ActualVisitsOnPlannedDays",
                              "unplanned": "UnplannedVisits", "missed": "MissedPlannedVisits"})
    return out[KEYS + ["PlannedVisits", "ActualVisitsOnPlannedDays", "UnplannedVisits", "CoverageRatio",
                       "MissedPlannedVisits"]]
