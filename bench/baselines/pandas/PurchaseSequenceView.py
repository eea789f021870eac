"""PurchaseSequenceView the way the seeds' notebooks compute it: purchases (non-canceled invoices
up to the as-of date, date converted) numbered per customer and given the days since the
customer's previous purchase, then one groupby on the purchase number."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Factor": ("FactorID", "CustID", "FactorDate", "Amount", "Status")}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    purchases = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    purchases["day"] = pd.to_datetime(purchases["FactorDate"], format="%Y/%m/%d")
    purchases = purchases[purchases["day"] <= pd.Timestamp(as_of)]
    purchases = purchases.sort_values(["CustID", "day", "FactorID"])
    by_customer = purchases.groupby("CustID")
    purchases["PurchaseNo"] = by_customer.cumcount() + 1
    purchases["DaysSincePrevious"] = (purchases["day"] - by_customer["day"].shift()).dt.days
    out = purchases.groupby("PurchaseNo").agg(
        Customers=("CustID", "nunique"), TotalAmount=("Amount", "sum"), AvgAmount=("Amount", "mean"),
        AvgDaysSincePrevious=("DaysSincePrevious", "mean")).reset_index()
    return out[["PurchaseNo", "Customers", "TotalAmount", "AvgAmount", "AvgDaysSincePrevious"]]
