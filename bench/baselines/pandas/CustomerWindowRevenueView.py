"""CustomerWindowRevenueView the way the seeds' notebooks compute it: the non-canceled
invoices, the date converted, the window's rows, one groupby per customer."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Factor": ("CustID", "FactorDate", "Amount", "Status")}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)
    start = end - pd.Timedelta(days=params.get("window_days", 90) - 1)

    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    in_window = invoices[(invoices["day"] >= start) & (invoices["day"] <= end)]
    return in_window.groupby("CustID")["Amount"].sum().rename("Revenue").reset_index()[["CustID", "Revenue"]]
