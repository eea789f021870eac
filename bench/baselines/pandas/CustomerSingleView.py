"""CustomerSingleView the way the seeds' notebooks compute it: purchases and visits with their
dates converted, one groupby per customer each, the last three purchases from a sort and a
cumcount (pivoted), then merges and the formulas as columns."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "Factor": ("FactorID", "CustID", "FactorDate", "Amount", "Status"),
    "CustomerVisit": ("CustID", "VisitDate"),
    "Customer": ("CustID", "GrpID", "SCID", "Lat", "Lng"),
}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    end = pd.Timestamp(as_of)
    lifespan_years = params.get("lifespan_years", 3)

    purchases = t["Factor"][t["Factor"]["Status"] != "canceled"].copy()
    purchases["day"] = pd.to_datetime(purchases["FactorDate"], format="%Y/%m/%d")
    purchases = purchases[purchases["day"] <= end]
    sales = purchases.groupby("CustID").agg(
        purchases=("Amount", "size"), TOTAL_SPEND=("Amount", "sum"), AVG_BASKET_SIZE=("Amount", "mean"),
        first_purchase=("day", "min"), last_purchase=("day", "max"))
    purchases = purchases.sort_values(["CustID", "day", "FactorID"])
    purchases["from_latest"] = purchases.groupby("CustID").cumcount(ascending=False)
    latest = purchases[purchases["from_latest"] < 3].pivot(index="CustID", columns="from_latest", values="Amount")
    latest.columns = ["LAST_BASKET_SIZE", "PREVIOUS_1BASKET_SIZE", "PREVIOUS_2BASKET_SIZE"][:len(latest.columns)]

    visits = t["CustomerVisit"].copy()
    visits["day"] = pd.to_datetime(visits["VisitDate"], format="%Y/%m/%d")
    visits = visits[visits["day"] <= end]
    visit_stats = visits.groupby("CustID")["day"].agg(TOTAL_VISIT="size", first_visit="min", last_visit="max")

    out = sales.join(latest).join(visit_stats, how="outer").reset_index()
    out = out.merge(t["Customer"], on="CustID", how="left")
    out["TOTAL_VISIT"] = out["TOTAL_VISIT"].fillna(0).astype("int64")
    out["TOTAL_SPEND"] = out["TOTAL_SPEND"].fillna(0)
    visit_weeks = ((end - out["first_visit"]).dt.days + 1) / 7
    purchase_days = (end - out["first_purchase"]).dt.days + 1
    out["AVG_WEEKLY_VISIT"] = out["TOTAL_VISIT"].where(out["TOTAL_VISIT"] > 0) / visit_weeks
    out["AVG_WEEKLY_SPEND"] = out["TOTAL_SPEND"] * 7 / purchase_days
    out["MTBP"] = ((out["last_purchase"] - out["first_purchase"]).dt.days
                   / (out["purchases"] - 1).where(out["purchases"] > 1))
    out["LTV"] = out["AVG_BASKET_SIZE"] * out["purchases"] * 365.25 / purchase_days * lifespan_years
    out["ARPU"] = out["TOTAL_SPEND"] / out["TOTAL_VISIT"].where(out["TOTAL_VISIT"] > 0)
    out["VISIT_DIFF"] = (out["last_visit"] - out["first_visit"]).dt.days.astype("Int64")
    return out[["CustID", "GrpID", "SCID", "Lat", "Lng", "TOTAL_VISIT", "TOTAL_SPEND", "AVG_WEEKLY_VISIT",
                "AVG_WEEKLY_SPEND", "AVG_BASKET_SIZE", "LAST_BASKET_SIZE", "PREVIOUS_1BASKET_SIZE",
                "PREVIOUS_2BASKET_SIZE", "MTBP", "LTV", "ARPU", "VISIT_DIFF"]]
