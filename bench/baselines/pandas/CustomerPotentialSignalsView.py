"""CustomerPotentialSignalsView the way the seeds' notebooks compute it: the date columns
converted, one groupby per grain (the window's invoices, all invoices to the as-of date, the
window's visits), then merged on (CustID, SCID)."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "Factor": ("CustID", "SCID", "FactorDate", "Amount", "Status"),
    "CustomerVisit": ("CustID", "SCID", "VisitDate", "HasOrder"),
}
KEYS = ["CustID", "SCID"]


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)
    start = end - pd.Timedelta(days=params.get("window_days", 90) - 1)

    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    invoices = invoices[invoices["day"] <= end]
    in_window = invoices[invoices["day"] >= start]
    sales = in_window.groupby(KEYS).agg(AvgAmount=("Amount", "mean"), CountFactor=("Amount", "size"),
                                        first=("day", "min"), last=("day", "max"))
    last_invoice = invoices.groupby(KEYS)["day"].max().rename("last_invoice")

    visits = t["CustomerVisit"].copy()
    visits["day"] = pd.to_datetime(visits["VisitDate"], format="%Y/%m/%d")
    recent = visits[(visits["day"] >= start) & (visits["day"] <= end)]
    visit_counts = recent.assign(no_order=recent["HasOrder"] == 0).groupby(KEYS).agg(
        CountNotOrder=("no_order", "sum"))

    rows = sales.index.union(visit_counts.index)
    out = pd.DataFrame(index=rows).join(sales).join(visit_counts).join(last_invoice).reset_index()
    out["CountFactor"] = out["CountFactor"].fillna(0).astype("int64")
    out["CountNotOrder"] = out["CountNotOrder"].fillna(0).astype("int64")
    out["AveFactorFerq"] = (out["last"] - out["first"]).dt.days / (out["CountFactor"] - 1).where(out["CountFactor"] > 1)
    out["RecencyDays"] = (end - out["last_invoice"]).dt.days.astype("Int64")
    return out[["SCID", "CustID", "AvgAmount", "CountFactor", "AveFactorFerq", "CountNotOrder", "RecencyDays"]]
