"""VW_SENT_CAMPAIGNS in pandas: campaigns sent (control group dropped) merged with the schedule."""
from __future__ import annotations

import datetime

import pandas as pd

TABLES = {
    "TARGETED_AND_EXCLUDED_CUSTOMERS": ("EXECUTION_DATE", "CLIENT_CUSTOMER_ID", "PLAN_ID", "PLAN_DETAIL_ID",
                                        "CAMPAIGN_ACTION_ID", "CAMPAIGN_ACTION_NAME"),
    "SCHEDULED_CAMPAIGNS": ("PLAN_ID", "PLAN_DETAIL_ID", "TARGET_GROUP_NAME", "CHANNEL_NAME", "TEMPLATE_NAME",
                            "PROMOTION_ID", "TAG_NAMES"),
}


def compute(t: dict[str, pd.DataFrame], as_of: datetime.date, params: dict[str, int]) -> pd.DataFrame:
    sent = t["TARGETED_AND_EXCLUDED_CUSTOMERS"]
    sent = sent[sent["PLAN_DETAIL_ID"].notna()]
    out = sent.merge(t["SCHEDULED_CAMPAIGNS"], on=["PLAN_ID", "PLAN_DETAIL_ID"], how="left")
    return out[["EXECUTION_DATE", "CLIENT_CUSTOMER_ID", "TARGET_GROUP_NAME", "PLAN_ID", "PLAN_DETAIL_ID",
                "CAMPAIGN_ACTION_ID", "CAMPAIGN_ACTION_NAME", "CHANNEL_NAME", "TEMPLATE_NAME", "PROMOTION_ID",
                "TAG_NAMES"]]
