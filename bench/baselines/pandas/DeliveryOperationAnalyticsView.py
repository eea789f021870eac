"""DeliveryOperationAnalyticsView the way the seeds' notebooks compute it: deliveries planned
on or before the as-of date, merged with their non-canceled invoice for the customer, the
dates converted, flags per delivery, then one groupby per customer."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "Delivery": ("FactorID", "PlannedDate", "DeliveredDate", "Status"),
    "Factor": ("FactorID", "CustID", "Status"),
}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)

    deliveries = t["Delivery"].copy()
    deliveries["planned"] = pd.to_datetime(deliveries["PlannedDate"], format="%Y/%m/%d")
    deliveries["delivered"] = pd.to_datetime(deliveries["DeliveredDate"], format="%Y/%m/%d")
    deliveries = deliveries[deliveries["planned"] <= end]
    invoices = t["Factor"].loc[t["Factor"]["Status"] != "canceled", ["FactorID", "CustID"]]
    deliveries = deliveries.merge(invoices, on="FactorID")

    done = deliveries["Status"] == "delivered"
    deliveries = deliveries.assign(
        on_time=done & (deliveries["delivered"] <= deliveries["planned"]),
        late=done & (deliveries["delivered"] > deliveries["planned"]),
        failed=deliveries["Status"] == "failed",
        pending=deliveries["Status"].isin(["pending", "partial"]),
        delay=(deliveries["delivered"] - deliveries["planned"]).dt.days.where(done))
    out = deliveries.groupby("CustID").agg(
        Deliveries=("FactorID", "size"), DeliveredOnTime=("on_time", "sum"), DeliveredLate=("late", "sum"),
        FailedDeliveries=("failed", "sum"), PendingDeliveries=("pending", "sum"),
        AvgDeliveryDelayDays=("delay", "mean")).reset_index()
    return out[["CustID", "Deliveries", "DeliveredOnTime", "DeliveredLate", "FailedDeliveries", "PendingDeliveries",
                "AvgDeliveryDelayDays"]]
