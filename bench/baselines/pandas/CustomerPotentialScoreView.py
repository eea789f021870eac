"""CustomerPotentialScoreView the way the seeds' notebooks compute it: the signals of
CustomerPotentialAnalyticsView that the score uses (one groupby per grain on the converted
dates, then a join on the pairs with an invoice or a visit in the window), then min-max
scaling of each signal as columns and the weighted mean."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "Factor": ("CustID", "SCID", "FactorDate", "Amount", "Status"),
    "CustomerVisit": ("CustID", "SCID", "VisitDate", "HasOrder"),
}
KEYS = ["CustID", "SCID"]
WEIGHTS = {"MonetaryScore": "w_monetary", "FrequencyScore": "w_frequency", "RegularityScore": "w_regularity",
           "RecencyScore": "w_recency", "VisitScore": "w_visits"}
DEFAULT_WEIGHTS = {"w_monetary": 30, "w_frequency": 25, "w_regularity": 15, "w_recency": 20, "w_visits": 10}


def scaled(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """Min-max to 0..1 across the rows (1 = best); NULL, or one value on every row, scores 0."""
    low, high = values.min(), values.max()
    if pd.isna(low) or high == low:
        return pd.Series(0.0, index=values.index)
    score = (values - low) / (high - low) if higher_is_better else (high - values) / (high - low)
    return score.fillna(0.0)


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)
    start = end - pd.Timedelta(days=params.get("window_days", 90) - 1)
    weights = {score: params.get(name, DEFAULT_WEIGHTS[name]) for score, name in WEIGHTS.items()}

    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    invoices = invoices[invoices["day"] <= end]
    in_window = invoices[invoices["day"] >= start]
    sales = in_window.groupby(KEYS).agg(CountFactor=("Amount", "size"), Monetary=("Amount", "sum"),
                                        first=("day", "min"), last=("day", "max"))
    last_invoice = invoices.groupby(KEYS)["day"].max().rename("last_invoice")

    visits = t["CustomerVisit"].copy()
    visits["day"] = pd.to_datetime(visits["VisitDate"], format="%Y/%m/%d")
    recent = visits[(visits["day"] >= start) & (visits["day"] <= end)]
    visit_counts = (recent["HasOrder"] == 0).groupby([recent["CustID"], recent["SCID"]]).sum().rename("CountNotOrder")

    rows = sales.index.union(visit_counts.index)
    out = pd.DataFrame(index=rows).join(sales).join(visit_counts).join(last_invoice).reset_index()
    out["Monetary"] = out["Monetary"].fillna(0.0)
    out["CountFactor"] = out["CountFactor"].fillna(0)
    out["CountNotOrder"] = out["CountNotOrder"].fillna(0)
    regularity = (out["last"] - out["first"]).dt.days / (out["CountFactor"] - 1).where(out["CountFactor"] > 1)
    out["RecencyDays"] = (end - out["last_invoice"]).dt.days.astype("Int64")

    out["MonetaryScore"] = scaled(out["Monetary"], higher_is_better=True)
    out["FrequencyScore"] = scaled(out["CountFactor"], higher_is_better=True)
    out["RegularityScore"] = scaled(regularity, higher_is_better=False)
    out["RecencyScore"] = scaled(out["RecencyDays"].astype("float64"), higher_is_better=False)
    out["VisitScore"] = scaled(out["CountNotOrder"], higher_is_better=False)
    out["PotentialIndex"] = 100 * sum(w * out[s] for s, w in weights.items()) / sum(weights.values())
    return out[["CustID", "SCID", "Monetary", "RecencyDays", "MonetaryScore", "FrequencyScore", "RegularityScore",
                "RecencyScore", "VisitScore", "PotentialIndex"]]
