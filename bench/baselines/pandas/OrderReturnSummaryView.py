"""OrderReturnSummaryView the way the seeds' notebooks compute it: invoices and returns read
into DataFrames, dates converted, one groupby per customer for each, the top reason from a
per-(customer, reason) count, then an outer merge."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "Factor": ("CustID", "FactorDate", "Amount", "Status"),
    "ReturnFactor": ("CustID", "ReturnDate", "Amount", "Reason"),
}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)

    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    sales = invoices[invoices["day"] <= end].groupby("CustID")["Amount"].sum().rename("SalesAmount")

    returns = t["ReturnFactor"].copy()
    returns["day"] = pd.to_datetime(returns["ReturnDate"], format="%Y/%m/%d")
    returns = returns[returns["day"] <= end]
    totals = returns.groupby("CustID").agg(ReturnCount=("Amount", "size"), ReturnAmount=("Amount", "sum"))
    reasons = returns.groupby(["CustID", "Reason"]).size().rename("n").reset_index()  # NULL reasons dropped
    top = (reasons.sort_values(["CustID", "n", "Reason"], ascending=[True, False, True])
           .drop_duplicates("CustID").set_index("CustID")["Reason"].rename("TopReturnReason"))

    out = pd.concat([sales, totals], axis=1, join="outer").join(top)
    out.index.name = "CustID"
    out = out.reset_index()
    for column in ("ReturnCount", "ReturnAmount", "SalesAmount"):
        out[column] = out[column].fillna(0)
    out["ReturnCount"] = out["ReturnCount"].astype("int64")
    out["ReturnRate"] = out["ReturnAmount"] / out["SalesAmount"].where(out["SalesAmount"] != 0)
    return out[["CustID", "ReturnCount", "ReturnAmount", "SalesAmount", "ReturnRate", "TopReturnReason"]]
