"""CustAssignToSellerView the way the seeds' notebooks compute it: assignments read into a
DataFrame, the date converted, sorted, and the last row of each (CustID, SCID) kept."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"CustAssignToSeller": ("CustID", "SellerID", "SCID", "AssignDate")}
KEYS = ["CustID", "SCID"]


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    assignments = t["CustAssignToSeller"].copy()
    assignments["day"] = pd.to_datetime(assignments["AssignDate"], format="%Y/%m/%d")
    assignments = assignments[assignments["day"] <= pd.Timestamp(as_of)]
    latest = assignments.sort_values(KEYS + ["day", "SellerID"]).drop_duplicates(KEYS, keep="last")
    latest = latest.assign(AssignDate=latest["day"].dt.strftime("%Y/%m/%d"))
    return latest[KEYS + ["SellerID", "AssignDate"]].reset_index(drop=True)
