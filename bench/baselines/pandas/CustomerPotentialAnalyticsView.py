"""CustomerPotentialAnalyticsView the way the seeds' notebooks compute it: tables read into
DataFrames, the date column converted, one groupby per grain, then merges."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "Factor": ("FactorID", "CustID", "SCID", "FactorDate", "Amount", "Status"),
    "FactorDetail": ("FactorID",),
    "CustomerVisit": ("CustID", "SCID", "VisitDate", "HasOrder"),
    "Customer": ("CustID", "GrpID", "Lat", "Lng"),
}
KEYS = ["CustID", "SCID"]


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)
    start = end - pd.Timedelta(days=params.get("window_days", 90) - 1)

    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    invoices = invoices[invoices["day"] <= end]
    in_window = invoices[invoices["day"] >= start]
    basket = t["FactorDetail"].groupby("FactorID").size().rename("BasketSize")
    in_window = in_window.join(basket, on="FactorID")
    in_window["BasketSize"] = in_window["BasketSize"].fillna(0)
    sales = in_window.groupby(KEYS).agg(
        MinAmount=("Amount", "min"), MaxAmount=("Amount", "max"), AvgAmount=("Amount", "mean"),
        CountFactor=("Amount", "size"), first=("day", "min"), last=("day", "max"),
        MinSKU=("BasketSize", "min"), MaxSKU=("BasketSize", "max"), AvgSKU=("BasketSize", "mean"))
    last_invoice = invoices.groupby(KEYS)["day"].max().rename("LastFacktorDate")

    visits = t["CustomerVisit"].copy()
    visits["day"] = pd.to_datetime(visits["VisitDate"], format="%Y/%m/%d")
    visits = visits[visits["day"] <= end]
    recent = visits[visits["day"] >= start]
    visit_counts = recent.assign(no_order=recent["HasOrder"] == 0).groupby(KEYS).agg(
        CountVisit=("day", "size"), CountNotOrder=("no_order", "sum"))
    last_visit = visits.groupby(KEYS)["day"].max().rename("LastVisitDate")

    rows = sales.index.union(visit_counts.index)
    out = pd.DataFrame(index=rows).join(sales).join(visit_counts).join(last_visit).join(last_invoice).reset_index()
    out = out.merge(t["Customer"], on="CustID", how="left")
    out["CountFactor"] = out["CountFactor"].fillna(0).astype("int64")
    out["CountNotOrder"] = out["CountNotOrder"].fillna(0).astype("int64")
    out["AveFactorFerq"] = (out["last"] - out["first"]).dt.days / (out["CountFactor"] - 1).where(out["CountFactor"] > 1)
    for column in ("LastVisitDate", "LastFacktorDate"):
        out[column] = out[column].dt.strftime("%Y/%m/%d")
    for column in ("MinSKU", "MaxSKU"):
        out[column] = out[column].astype("Int64")
    return out[["SCID", "CustID", "GrpID", "Lat", "Lng", "MinAmount", "MaxAmount", "AvgAmount", "CountFactor",
                "AveFactorFerq", "CountNotOrder", "MinSKU", "MaxSKU", "AvgSKU", "LastVisitDate", "LastFacktorDate"]]
