"""Plain-Python references of the four Customer 360 views (spec/customer-360.md).

The mapping table is the spec's own; only the descriptions, which the spec leaves to
the catalog's authors, are read from the catalog file (with a plain YAML reader).
"""
from __future__ import annotations

from pathlib import Path

import yaml

SPEC_MAPPING = (
    ("STR1", "COUNTRY", "string"), ("STR2", "LIFECYCLE_STAGE", "string"),
    ("STR3", "PREFERRED_CHANNEL", "string"), ("STR12", "CUSTOMER_TIER", "string"),
    ("FIELD1", "ECOM_TOTAL_GROSS_SALES_AMOUNT", "number"), ("FIELD2", "ECOM_TOTAL_NET_SALES_AMOUNT", "number"),
    ("FIELD3", "ECOM_TOTAL_REFUND_AMOUNT", "number"), ("FIELD4", "ECOM_NUMBER_OF_ORDER_DAYS", "number"),
    ("FIELD5", "ECOM_NUMBER_OF_ORDERS", "number"), ("FIELD6", "NUMBEROFCAMPAIGNS_1M", "number"),
    ("FIELD7", "ECOM_TOTAL_GROSS_SALES_AMOUNT_1M", "number"), ("FIELD8", "ECOM_TOTAL_NET_SALES_AMOUNT_1M", "number"),
    ("FIELD9", "ECOM_TOTAL_REFUND_AMOUNT_1M", "number"), ("FIELD10", "ECOM_NUMBER_OF_ORDER_DAYS_1M", "number"),
    ("FIELD11", "ECOM_NUMBER_OF_ORDERS_1M", "number"), ("FIELD153", "LIFETIME_VALUE", "number"),
)
CATALOG_FILE = Path(__file__).resolve().parents[2] / "metrics" / "customer_profile_fields.yml"
KPIS = ("ECOM_TOTAL_GROSS_SALES_AMOUNT", "ECOM_TOTAL_NET_SALES_AMOUNT", "ECOM_TOTAL_REFUND_AMOUNT",
        "ECOM_NUMBER_OF_ORDER_DAYS", "ECOM_NUMBER_OF_ORDERS")
SCHEDULE = ("TARGET_GROUP_NAME", "CHANNEL_NAME", "TEMPLATE_NAME", "PROMOTION_ID", "TAG_NAMES")


def _descriptions() -> dict[str, str | None]:
    fields = yaml.safe_load(CATALOG_FILE.read_text())["mappings"][0]["fields"]
    return {f["field"]: f.get("description") for f in fields}


def profile_fields(tables, as_of, params):
    desc = _descriptions()
    return (["FIELD_NAME", "ALIAS_FIELD_NAME", "FIELD_TYPE", "DESCRIPTION"],
            [(f, a, t, desc[f]) for f, a, t in SPEC_MAPPING])


def real_field_names(tables, as_of, params):
    columns = ["PROFILE_DATE", "CLIENT_CUSTOMER_ID", *(a for _, a, _ in SPEC_MAPPING)]
    rows = [(p["PROFILE_DATE"], p["CLIENT_CUSTOMER_ID"], *(p[f] for f, _, _ in SPEC_MAPPING))
            for p in tables.get("CUSTOMER_PROFILES", [])]
    return columns, rows


def marketing_impact(tables, as_of, params):
    alias = {a: f for f, a, _ in SPEC_MAPPING}
    profiles = {(p["CLIENT_CUSTOMER_ID"], p["PROFILE_DATE"]): p for p in tables.get("CUSTOMER_PROFILES", [])}
    columns = ["EXECUTION_DATE", "CLIENT_CUSTOMER_ID", "PLAN_ID", "PLAN_DETAIL_ID", "CAMPAIGN_ACTION_ID",
               "CAMPAIGN_ACTION_NAME", *KPIS, "LAST_UPDATED_TIME"]
    rows = []
    for t in tables.get("TARGETED_AND_EXCLUDED_CUSTOMERS", []):
        if t["PLAN_DETAIL_ID"] is None:
            continue
        p = profiles.get((t["CLIENT_CUSTOMER_ID"], t["EXECUTION_DATE"]))  # exact, case-sensitive key
        rows.append((t["EXECUTION_DATE"], t["CLIENT_CUSTOMER_ID"], t["PLAN_ID"], t["PLAN_DETAIL_ID"],
                     t["CAMPAIGN_ACTION_ID"], t["CAMPAIGN_ACTION_NAME"],
                     *((p[alias[k]] if p else None) for k in KPIS), t["LAST_UPDATED_TIME"]))
    return columns, rows


def sent_campaigns(tables, as_of, params):
    schedule = {(s["PLAN_ID"], s["PLAN_DETAIL_ID"]): s for s in tables.get("SCHEDULED_CAMPAIGNS", [])}
    columns = ["EXECUTION_DATE", "CLIENT_CUSTOMER_ID", "TARGET_GROUP_NAME", "PLAN_ID", "PLAN_DETAIL_ID",
               "CAMPAIGN_ACTION_ID", "CAMPAIGN_ACTION_NAME", "CHANNEL_NAME", "TEMPLATE_NAME", "PROMOTION_ID",
               "TAG_NAMES"]
    rows = []
    for t in tables.get("TARGETED_AND_EXCLUDED_CUSTOMERS", []):
        if t["PLAN_DETAIL_ID"] is None:
            continue
        s = schedule.get((t["PLAN_ID"], t["PLAN_DETAIL_ID"])) or {}
        rows.append((t["EXECUTION_DATE"], t["CLIENT_CUSTOMER_ID"], s.get("TARGET_GROUP_NAME"), t["PLAN_ID"],
                     t["PLAN_DETAIL_ID"], t["CAMPAIGN_ACTION_ID"], t["CAMPAIGN_ACTION_NAME"], s.get("CHANNEL_NAME"),
                     s.get("TEMPLATE_NAME"), s.get("PROMOTION_ID"), s.get("TAG_NAMES")))
    return columns, rows
