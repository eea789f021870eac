"""CustomerPurchaseHistoryView the way the seeds' notebooks compute it: invoices read into a
DataFrame, canceled ones dropped, the date converted and cut at the as-of date, sorted per
customer, then the purchase number, first purchase date and days since the previous purchase
from one groupby on the customer."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Factor": ("FactorID", "CustID", "SCID", "FactorDate", "Amount", "Status")}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    purchases = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    purchases["OrderDate"] = pd.to_datetime(purchases["FactorDate"], format="%Y/%m/%d")
    purchases = purchases[purchases["OrderDate"] <= pd.Timestamp(as_of)]
    purchases = purchases.sort_values(["CustID", "OrderDate", "FactorID"])
    by_customer = purchases.groupby("CustID")
    purchases["PurchaseNo"] = by_customer.cumcount() + 1
    purchases["FirstPurchaseDate"] = by_customer["OrderDate"].transform("min")
    purchases["DaysSincePrevious"] = (purchases["OrderDate"] - by_customer["OrderDate"].shift()).dt.days
    return purchases[["FactorID", "CustID", "SCID", "OrderDate", "Amount", "PurchaseNo", "FirstPurchaseDate",
                      "DaysSincePrevious"]]
