"""VW_CUSTOMER_MARKETING_IMPACT in pandas: targeting days (control group dropped) merged with
that day's profile KPIs."""
from __future__ import annotations

import datetime

import pandas as pd

KPIS = {"FIELD1": "ECOM_TOTAL_GROSS_SALES_AMOUNT", "FIELD2": "ECOM_TOTAL_NET_SALES_AMOUNT",
        "FIELD3": "ECOM_TOTAL_REFUND_AMOUNT", "FIELD4": "ECOM_NUMBER_OF_ORDER_DAYS", "FIELD5": "ECOM_NUMBER_OF_ORDERS"}
TABLES = {
    "TARGETED_AND_EXCLUDED_CUSTOMERS": ("EXECUTION_DATE", "CLIENT_CUSTOMER_ID", "PLAN_ID", "PLAN_DETAIL_ID",
                                        "CAMPAIGN_ACTION_ID", "CAMPAIGN_ACTION_NAME", "LAST_UPDATED_TIME"),
    "CUSTOMER_PROFILES": ("PROFILE_DATE", "CLIENT_CUSTOMER_ID", *KPIS),
}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    sent = t["TARGETED_AND_EXCLUDED_CUSTOMERS"]
    sent = sent[sent["PLAN_DETAIL_ID"].notna()]
    profiles = t["CUSTOMER_PROFILES"].rename(columns={"PROFILE_DATE": "EXECUTION_DATE", **KPIS})
    out = sent.merge(profiles, on=["CLIENT_CUSTOMER_ID", "EXECUTION_DATE"], how="left")
    return out[["EXECUTION_DATE", "CLIENT_CUSTOMER_ID", "PLAN_ID", "PLAN_DETAIL_ID", "CAMPAIGN_ACTION_ID",
                "CAMPAIGN_ACTION_NAME", *KPIS.values(), "LAST_UPDATED_TIME"]]
