"""OrderCollectionAnalyticsView the way the seeds' notebooks compute it: installments read
into a DataFrame, due and pay dates converted, flags per installment, one groupby per
customer."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Collection": ("CustID", "DueDate", "PayDate", "Amount")}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)

    c = t["Collection"].copy()
    c["due"] = pd.to_datetime(c["DueDate"], format="%Y/%m/%d")
    c["paid"] = pd.to_datetime(c["PayDate"], format="%Y/%m/%d")  # NaT while unpaid
    is_due = c["due"] <= end
    is_paid = c["paid"] <= end  # False for NaT
    c = c[is_due | is_paid]
    is_due, is_paid = is_due[c.index], is_paid[c.index]
    open_ = is_due & ~is_paid  # due by then, unpaid or paid later
    c = c.assign(
        billed=c["Amount"].where(is_due, 0), collected=c["Amount"].where(is_paid, 0),
        outstanding=c["Amount"].where(open_, 0), overdue=c["Amount"].where(open_ & (c["due"] < end), 0),
        delay=(c["paid"] - c["due"]).dt.days.where(is_paid), paid_count=is_paid,
        on_time=is_paid & (c["paid"] <= c["due"]))

    out = c.groupby("CustID").agg(
        BilledAmount=("billed", "sum"), CollectedAmount=("collected", "sum"),
        OutstandingAmount=("outstanding", "sum"), OverdueAmount=("overdue", "sum"),
        AvgPaymentDelayDays=("delay", "mean"), paid=("paid_count", "sum"), on_time=("on_time", "sum")).reset_index()
    out["OnTimePaymentShare"] = out["on_time"] / out["paid"].where(out["paid"] > 0)
    return out[["CustID", "BilledAmount", "CollectedAmount", "OutstandingAmount", "OverdueAmount",
                "AvgPaymentDelayDays", "OnTimePaymentShare"]]
