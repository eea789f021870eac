"""CustomerABCClassView the way the seeds' notebooks compute it: the window's revenue per
customer (one groupby), sorted by revenue (ties by CustID), then rank, running total and
share as columns and the class with np.select."""
from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

TABLES = {"Factor": ("CustID", "FactorDate", "Amount", "Status")}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)
    start = end - pd.Timedelta(days=params.get("window_days", 90) - 1)
    a_percent, b_percent = params.get("a_percent", 80), params.get("b_percent", 15)

    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    in_window = invoices[(invoices["day"] >= start) & (invoices["day"] <= end)]
    # Amount arrives as float64: round the sums to cents so equal revenues tie exactly.
    out = in_window.groupby("CustID")["Amount"].sum().round(2).rename("Revenue").reset_index()

    out = out.sort_values(["Revenue", "CustID"], ascending=[False, True], ignore_index=True)
    out["RevenueRank"] = np.arange(1, len(out) + 1)
    out["CumulativeRevenue"] = out["Revenue"].cumsum()
    out["AllCustomersRevenue"] = out["Revenue"].sum()
    out["CumulativeShare"] = out["CumulativeRevenue"] / out["AllCustomersRevenue"]
    above = 100 * (out["CumulativeRevenue"] - out["Revenue"])
    out["ABCClass"] = np.select(
        [above < a_percent * out["AllCustomersRevenue"], above < (a_percent + b_percent) * out["AllCustomersRevenue"]],
        ["A", "B"], "C")
    return out[["CustID", "Revenue", "RevenueRank", "CumulativeRevenue", "AllCustomersRevenue", "CumulativeShare",
                "ABCClass"]]
