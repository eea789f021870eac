"""CustomerVisitLogsView the way the seeds' notebooks compute it: visits read into a
DataFrame, the date converted, one groupby per (CustID, SellerID), the top no-order reason
from a per-reason count, then a merge."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"CustomerVisit": ("CustID", "SellerID", "VisitDate", "HasOrder", "NoOrderReason")}
KEYS = ["CustID", "SellerID"]


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)

    visits = t["CustomerVisit"].copy()
    visits["day"] = pd.to_datetime(visits["VisitDate"], format="%Y/%m/%d")
    visits = visits[visits["day"] <= end]
    out = visits.assign(with_order=visits["HasOrder"] == 1, without_order=visits["HasOrder"] == 0).groupby(KEYS).agg(
        Visits=("day", "size"), VisitsWithOrder=("with_order", "sum"), VisitsWithoutOrder=("without_order", "sum"),
        first=("day", "min"), last=("day", "max"))

    no_order = visits[visits["HasOrder"] == 0]
    reasons = no_order.groupby(KEYS + ["NoOrderReason"]).size().rename("n").reset_index()  # NULL reasons dropped
    top = (reasons.sort_values(KEYS + ["n", "NoOrderReason"], ascending=[True, True, False, True])
           .drop_duplicates(KEYS).set_index(KEYS)["NoOrderReason"].rename("TopNoOrderReason"))

    out = out.join(top).reset_index()
    out["VisitsWithOrder"] = out["VisitsWithOrder"].astype("int64")
    out["VisitsWithoutOrder"] = out["VisitsWithoutOrder"].astype("int64")
    out["VisitConversionRate"] = out["VisitsWithOrder"] / out["Visits"]
    out["FirstVisitDate"] = out["first"].dt.strftime("%Y/%m/%d")
    out["LastVisitDate"] = out["last"].dt.strftime("%Y/%m/%d")
    return out[KEYS + ["Visits", "VisitsWithOrder", "VisitsWithoutOrder", "VisitConversionRate", "FirstVisitDate",
                       "LastVisitDate", "TopNoOrderReason"]]
