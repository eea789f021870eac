"""OrderFinancialSummaryView the way the seeds' notebooks compute it: invoices read into a
DataFrame, the date column converted, one groupby for the window and one for all time, then a
merge."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Factor": ("CustID", "SCID", "FactorDate", "Amount", "Discount", "Cost", "Status")}
KEYS = ["CustID", "SCID"]
FIGURES = ["Invoices", "Revenue", "Discount", "Cost", "Profit", "Margin", "AvgInvoiceValue"]


def summary(invoices: pd.DataFrame) -> pd.DataFrame:
    """Per (CustID, SCID): counts, sums (0 when nothing is known), margin and mean amount."""
    out = invoices.groupby(KEYS).agg(
        Invoices=("Amount", "size"), Revenue=("Amount", "sum"), Discount=("Discount", "sum"),
        Cost=("Cost", "sum"), Profit=("Profit", "sum"), CostedRevenue=("CostedAmount", "sum"),
        AvgInvoiceValue=("Amount", "mean"))
    out["Margin"] = out["Profit"] / out["CostedRevenue"].where(out["CostedRevenue"] != 0)
    return out[FIGURES]


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)
    start = end - pd.Timedelta(days=params.get("window_days", 90) - 1)

    invoices = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    invoices["day"] = pd.to_datetime(invoices["FactorDate"], format="%Y/%m/%d")
    invoices = invoices[invoices["day"] <= end]
    invoices["Profit"] = invoices["Amount"] - invoices["Cost"]  # NaN where Cost is unknown
    invoices["CostedAmount"] = invoices["Amount"].where(invoices["Cost"].notna())

    total = summary(invoices).add_prefix("Total")
    window = summary(invoices[invoices["day"] >= start]).add_prefix("Window")
    out = total.join(window).reset_index()
    for column in ("WindowInvoices", "WindowRevenue", "WindowDiscount", "WindowCost", "WindowProfit"):
        out[column] = out[column].fillna(0)
    out["WindowInvoices"] = out["WindowInvoices"].astype("int64")
    return out[KEYS + [f"Window{f}" for f in FIGURES] + [f"Total{f}" for f in FIGURES]]
