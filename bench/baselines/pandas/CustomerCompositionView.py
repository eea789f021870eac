"""CustomerCompositionView the way the seeds' notebooks compute it: purchases (non-canceled
invoices up to the as-of date, date converted) with each customer's first purchase date and the
days since the previous purchase, then one groupby per grain (year, month, day) counting new and
returning customers (nunique) and their sales, stacked."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {"Factor": ("FactorID", "CustID", "FactorDate", "Amount", "Status")}
PERIODS = {"year": "Y", "month": "M", "day": "D"}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    purchases = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    purchases["day"] = pd.to_datetime(purchases["FactorDate"], format="%Y/%m/%d")
    purchases = purchases[purchases["day"] <= pd.Timestamp(as_of)]
    purchases = purchases.sort_values(["CustID", "day", "FactorID"])
    by_customer = purchases.groupby("CustID")
    purchases["first"] = by_customer["day"].transform("min")
    purchases["DaysSincePrevious"] = (purchases["day"] - by_customer["day"].shift()).dt.days

    grains = []
    for grain, freq in PERIODS.items():
        p = purchases.assign(PeriodStart=purchases["day"].dt.to_period(freq).dt.start_time)
        new = p["first"] >= p["PeriodStart"]
        p = p.assign(new_customer=p["CustID"].where(new), returning_customer=p["CustID"].where(~new),
                     new_sales=p["Amount"].where(new, 0), returning_sales=p["Amount"].where(~new, 0))
        g = p.groupby("PeriodStart").agg(
            NewCustomers=("new_customer", "nunique"), ReturningCustomers=("returning_customer", "nunique"),
            NewSales=("new_sales", "sum"), ReturningSales=("returning_sales", "sum"),
            AvgDaysSincePreviousPurchase=("DaysSincePrevious", "mean")).reset_index()
        grains.append(g.assign(Grain=grain))
    out = pd.concat(grains, ignore_index=True)
    out["NewSalesShare"] = out["NewSales"] / (out["NewSales"] + out["ReturningSales"]).where(lambda s: s != 0)
    out["AvgSalesPerNewCustomer"] = out["NewSales"] / out["NewCustomers"].where(lambda s: s != 0)
    out["AvgSalesPerReturningCustomer"] = out["ReturningSales"] / out["ReturningCustomers"].where(lambda s: s != 0)
    return out[["Grain", "PeriodStart", "NewCustomers", "ReturningCustomers", "NewSales", "ReturningSales",
                "NewSalesShare", "AvgSalesPerNewCustomer", "AvgSalesPerReturningCustomer",
                "AvgDaysSincePreviousPurchase"]]
