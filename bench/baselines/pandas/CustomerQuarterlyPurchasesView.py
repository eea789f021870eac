"""CustomerQuarterlyPurchasesView the way the seeds' notebooks compute it: invoices read into a
DataFrame, canceled ones dropped, the date converted and cut at the as-of date, the calendar
quarter taken from it, then one groupby on (customer, quarter)."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Factor": ("FactorID", "CustID", "FactorDate", "Amount", "Cost", "Status")}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    invoices = invoices[invoices["day"] <= pd.Timestamp(as_of)]
    invoices["QuarterStart"] = invoices["day"].dt.to_period("Q").dt.start_time
    invoices["profit"] = invoices["Amount"] - invoices["Cost"]  # NaN where Cost is unknown: sum skips it
    out = invoices.groupby(["CustID", "QuarterStart"]).agg(
        Frequency=("FactorID", "size"), Monetary=("Amount", "sum"), Profit=("profit", "sum")).reset_index()
    return out[["CustID", "QuarterStart", "Frequency", "Monetary", "Profit"]]
