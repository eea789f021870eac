"""CustomerPurchaseDatesView the way the seeds' notebooks compute it: invoices read into a
DataFrame, canceled ones dropped, the date converted and cut at the as-of date, then one groupby
on the customer for the first and latest date."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Factor": ("CustID", "FactorDate", "Status")}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    invoices = invoices[invoices["day"] <= pd.Timestamp(as_of)]
    out = invoices.groupby("CustID")["day"].agg(FirstPurchaseDate="min", LastPurchaseDate="max").reset_index()
    return out[["CustID", "FirstPurchaseDate", "LastPurchaseDate"]]
