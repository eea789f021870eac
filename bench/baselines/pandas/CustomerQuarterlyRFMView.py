"""CustomerQuarterlyRFMView the way the seeds' notebooks compute it: the purchases with their
date converted, one groupby per (customer, quarter) and one per customer, NTILE(4) quartiles
within each quarter from a sort and a cumcount, then a merge."""
from __future__ import annotations

import datetime

import numpy as np
import pandas as pd

TABLES = {"Factor": ("CustID", "FactorDate", "Amount", "Cost", "Status")}


def ntile4(frame: pd.DataFrame, by: str, order: list[str]) -> pd.Series:
    """SQL NTILE(4) OVER (PARTITION BY by ORDER BY order): the first n % 4 tiles get one row more."""
    ordered = frame.sort_values([by, *order])
    row = ordered.groupby(by).cumcount().to_numpy()
    n = ordered.groupby(by)[by].transform("size").to_numpy()
    size, extra = n // 4, n % 4
    big = extra * (size + 1)  # rows in the larger tiles
    tile = np.where(row < big, row // (size + 1), extra + (row - big) // np.maximum(size, 1)) + 1
    return pd.Series(tile, index=ordered.index).reindex(frame.index)


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)

    purchases = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    purchases["day"] = pd.to_datetime(purchases["FactorDate"], format="%Y/%m/%d")
    purchases = purchases[purchases["day"] <= end]
    purchases["QuarterStart"] = purchases["day"].dt.to_period("Q").dt.start_time
    purchases["profit"] = purchases["Amount"] - purchases["Cost"]

    # Amount and Cost arrive as float64: round the sums to cents so equal values tie exactly.
    out = purchases.groupby(["CustID", "QuarterStart"]).agg(
        Frequency=("Amount", "size"), Monetary=("Amount", "sum"), Profit=("profit", "sum")).round(2).reset_index()
    dates = purchases.groupby("CustID")["day"].agg(FirstPurchaseDate="min", LastPurchaseDate="max")

    out["FrequencyScore"] = ntile4(out, "QuarterStart", ["Frequency", "CustID"])
    out["ProfitScore"] = ntile4(out, "QuarterStart", ["Profit", "CustID"])
    both = out["FrequencyScore"] + out["ProfitScore"]
    out["Segment"] = np.select([both >= 7, both >= 5, both >= 3], ["High Value", "Average", "Below Average"],
                               "Low Value")
    out = out.merge(dates, on="CustID", how="left")
    out["IsRecent"] = (out["LastPurchaseDate"] >= end.to_period("Q").start_time).astype("int64")
    return out[["CustID", "QuarterStart", "Frequency", "Monetary", "Profit", "FrequencyScore", "ProfitScore",
                "Segment", "FirstPurchaseDate", "LastPurchaseDate", "IsRecent"]]
