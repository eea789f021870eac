"""Deterministic random rows for every table of the reference schema.

``random_tables(seed, as_of=...)`` returns ``{table: [row, ...]}`` with rows
keyed exactly by the schema's column names and valued with the types a
loader expects: ERP dates as zero-padded ``'YYYY/MM/DD'`` strings, DECIMAL as
``Decimal`` at the column's scale, DOUBLE PRECISION as ``float``, DATE as
``datetime.date`` and TIMESTAMP as ``datetime.datetime`` (whole seconds).

Besides random activity spread over ~400 days around ``as_of`` (including
dates after it), every seed contains the edge cases of
CustomerPotentialAnalyticsView on dedicated customers (see ``EDGE_CUSTOMERS``)
so that a property or engine test meets them whatever the seed:

* invoices on ``as_of - 89`` (inside a 90-day window), ``as_of - 90``
  (outside), ``as_of`` and ``as_of + 1``; several invoices on the same day;
* canceled invoices (also one dated after the last final invoice, and one
  being the only invoice of a pair), invoices without lines, NULL Cost, ties
  in Amount;
* customers with visits only, with a single invoice, on several channels,
  with activity only before the window, and invoices of a customer that has
  no Customer row.

The collection, return, visit, route, assignment and delivery views get theirs on
the customers of ``OPERATIONS_CUSTOMERS`` (see ``_operations_edge_cases``).

The Customer Insights and segmentation views (purchase history, composition,
quarterly RFM, single customer view, ABC classes) get theirs on the customers of
``INSIGHTS_CUSTOMERS`` (see ``_insights_edge_cases``): purchases on year, quarter
and month boundaries, same-day purchases, one, two and many purchases, canceled
invoices between purchases, purchases after ``as_of``, NULL Cost, NTILE ties and
customers with visits but no purchases (or the reverse).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

Row = dict[str, Any]

CHANNELS = ((1, "Retail"), (2, "Wholesale"), (3, "Modern trade"), (4, "Online"))
GROUPS = ((1, "Supermarkets"), (2, "Grocery stores"), (3, "Restaurants"), (4, "Pharmacies"), (5, "Kiosks"))
NO_ORDER_REASONS = ("Shop closed", "Enough stock", "Price too high", "Owner absent", "Credit limit")
RETURN_REASONS = ("Damaged", "Expired", "Wrong item", None)
DELIVERY_STATUSES = ("delivered", "partial", "failed", "pending")

# Dedicated customers carrying the edge cases; random activity never touches
# them, so e.g. "a single invoice" stays a single invoice.
EDGE_CUSTOMERS = {
    "window_edges": 1,  # invoices on as_of-90, as_of-89, as_of, as_of+1; same-day invoices
    "canceled": 2,  # canceled invoices around a final one; a canceled-only pair
    "visits_only": 3,  # visits (with and without order), no invoice at all
    "single_invoice": 4,  # exactly one invoice, without lines
    "multi_channel": 5,  # invoices and visits on three channels
    "old_only": 6,  # every activity before the window
    "ties": 7,  # equal amounts, NULL Cost
}
MIN_CUSTOMERS = len(EDGE_CUSTOMERS) + 3
# CustID of the invoices and visits whose customer has no Customer row.
ORPHAN_OFFSET = 9000

# The CDP field catalog of spec/customer-360.md, with the catalog's descriptions.
PROFILE_FIELDS = (
    ("STR1", "COUNTRY", "string", "Country of the customer's billing address"),
    ("STR2", "LIFECYCLE_STAGE", "string", "Lifecycle stage: new, active, at_risk or churned"),
    ("STR3", "PREFERRED_CHANNEL", "string", "Sales channel the customer buys on most"),
    ("STR12", "CUSTOMER_TIER", "string", "Loyalty tier: bronze, silver or gold"),
    ("FIELD1", "ECOM_TOTAL_GROSS_SALES_AMOUNT", "number", "Lifetime gross sales amount"),
    ("FIELD2", "ECOM_TOTAL_NET_SALES_AMOUNT", "number", "Lifetime net sales amount (gross minus refunds)"),
    ("FIELD3", "ECOM_TOTAL_REFUND_AMOUNT", "number", "Lifetime refunded amount"),
    ("FIELD4", "ECOM_NUMBER_OF_ORDER_DAYS", "number", "Lifetime number of distinct days with an order"),
    ("FIELD5", "ECOM_NUMBER_OF_ORDERS", "number", "Lifetime number of orders"),
    ("FIELD6", "NUMBEROFCAMPAIGNS_1M", "number", "Campaigns sent to the customer in the last month"),
    ("FIELD7", "ECOM_TOTAL_GROSS_SALES_AMOUNT_1M", "number", "Gross sales amount in the last month"),
    ("FIELD8", "ECOM_TOTAL_NET_SALES_AMOUNT_1M", "number", "Net sales amount in the last month"),
    ("FIELD9", "ECOM_TOTAL_REFUND_AMOUNT_1M", "number", "Refunded amount in the last month"),
    ("FIELD10", "ECOM_NUMBER_OF_ORDER_DAYS_1M", "number", "Distinct days with an order in the last month"),
    ("FIELD11", "ECOM_NUMBER_OF_ORDERS_1M", "number", "Number of orders in the last month"),
    ("FIELD153", "LIFETIME_VALUE", "number", "Predicted lifetime value"),
)

CENT = Decimal("0.01")
MILLI = Decimal("0.001")


def erp_date(day: datetime.date) -> str:
    """Format a date as the ERP stores it: ``'2024/06/30'``."""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def client_customer_id(cust_id: int) -> str:
    """The CDP's customer key for an ERP customer: ``'C0003'``."""
    return f"C{cust_id:04d}"


class _Builder:
    """Accumulates rows with sequential keys, so primary keys stay unique."""

    def __init__(self, rng: random.Random, as_of: datetime.date, customers: int) -> None:
        self.rng = rng
        self.as_of = as_of
        self.customers = customers
        self.tables: dict[str, list[Row]] = {
            name: []
            for name in (
                "SalesChannel", "CustomerGroup", "Customer", "Seller", "CustAssignToSeller",
                "Factor", "FactorDetail", "CustomerVisit", "SellerVisitPath", "Collection",
                "ReturnFactor", "Delivery", "CUSTOMER_PROFILES", "CUSTOMER_PROFILE_FIELDS",
                "TARGETED_AND_EXCLUDED_CUSTOMERS", "SCHEDULED_CAMPAIGNS",
            )
        }
        self._next_factor = 100001
        self._next_visit = 500001

    def day(self, offset: int) -> datetime.date:
        return self.as_of + datetime.timedelta(days=offset)

    def seller_for(self, scid: int) -> int:
        # Sellers 1..8 work channel ((SellerID - 1) % 4) + 1.
        return scid + 4 * self.rng.randrange(2)

    def amount(self) -> Decimal:
        # Mostly a skewed amount between 5 and ~3000, sometimes a round price
        # point, so equal amounts occur naturally too.
        if self.rng.random() < 0.15:
            return Decimal(self.rng.choice((50, 100, 250, 500))).quantize(CENT)
        value = min(5 + self.rng.lognormvariate(5.0, 0.9), 9000.0)
        return Decimal(str(value)).quantize(CENT)

    def invoice(
        self,
        cust_id: int,
        scid: int,
        offset: int,
        *,
        status: str = "final",
        lines: int | None = None,
        amount: Decimal | None = None,
        cost: Decimal | None | str = "random",
    ) -> int:
        """Add an invoice (and its lines) dated ``as_of + offset``; return its FactorID."""
        rng = self.rng
        factor_id = self._next_factor
        self._next_factor += 1
        amount = self.amount() if amount is None else amount
        if cost == "random":
            cost = None if rng.random() < 0.1 else (amount * Decimal(str(rng.uniform(0.55, 0.9)))).quantize(CENT)
        discount = Decimal(0).quantize(CENT) if rng.random() < 0.7 else (amount * Decimal("0.05")).quantize(CENT)
        self.tables["Factor"].append(
            {
                "FactorID": factor_id,
                "CustID": cust_id,
                "SCID": scid,
                "SellerID": None if rng.random() < 0.05 else self.seller_for(scid),
                "FactorDate": erp_date(self.day(offset)),
                "Amount": amount,
                "Discount": discount,
                "Cost": cost,
                "Status": status,
            }
        )
        if lines is None:
            lines = 0 if rng.random() < 0.08 else rng.randint(1, 6)
        for line_no in range(1, lines + 1):
            self.tables["FactorDetail"].append(
                {
                    "FactorID": factor_id,
                    "LineNo": line_no,
                    "ProductID": rng.randint(1, 300),
                    "Qty": Decimal(str(rng.uniform(0.5, 40))).quantize(MILLI),
                    "UnitPrice": Decimal(str(rng.uniform(0.5, 400))).quantize(CENT),
                }
            )
        return factor_id

    def visit(
        self,
        cust_id: int,
        scid: int,
        offset: int,
        has_order: int,
        factor_id: int | None = None,
    ) -> int:
        """Add a visit dated ``as_of + offset``; return its VisitID."""
        rng = self.rng
        visit_id = self._next_visit
        self._next_visit += 1
        reason = None
        if has_order == 0 and rng.random() < 0.8:
            reason = rng.choice(NO_ORDER_REASONS)
        self.tables["CustomerVisit"].append(
            {
                "VisitID": visit_id,
                "CustID": cust_id,
                "SellerID": self.seller_for(scid),
                "SCID": scid,
                "VisitDate": erp_date(self.day(offset)),
                "HasOrder": has_order,
                "NoOrderReason": reason,
                "FactorID": factor_id,
            }
        )
        return visit_id


def _dimensions(b: _Builder) -> None:
    rng, t = b.rng, b.tables
    t["SalesChannel"] = [{"SCID": scid, "SCName": name} for scid, name in CHANNELS]
    t["CustomerGroup"] = [{"GrpID": grp, "GrpName": name} for grp, name in GROUPS]
    t["Seller"] = [
        {"SellerID": sid, "SellerName": f"Seller {sid:02d}", "SCID": (sid - 1) % 4 + 1} for sid in range(1, 9)
    ]
    for cust_id in range(1, b.customers + 1):
        located = rng.random() < 0.9
        t["Customer"].append(
            {
                "CustID": cust_id,
                "CustName": f"Customer {cust_id:05d}",
                "GrpID": None if rng.random() < 0.05 else rng.randint(1, len(GROUPS)),
                "SCID": rng.randint(1, len(CHANNELS)),
                "Lat": round(rng.uniform(35.55, 35.80), 6) if located else None,
                "Lng": round(rng.uniform(51.20, 51.60), 6) if located else None,
                "CreatedDate": None if rng.random() < 0.03 else erp_date(b.day(-rng.randint(400, 1500))),
            }
        )


def _edge_cases(b: _Builder) -> None:
    e = EDGE_CUSTOMERS
    # Window edges on channel 1, plus three invoices on one day (one of them
    # without lines) inside the window.
    c = e["window_edges"]
    for offset in (-90, -89, 0, 1):
        b.invoice(c, 1, offset)
    for lines in (2, 0, 5):
        b.invoice(c, 1, -30, lines=lines)
    b.visit(c, 1, -90, 0)
    b.visit(c, 1, -89, 0)
    b.visit(c, 1, 1, 0)
    # Canceled: a canceled invoice after the last final one (LastFacktorDate
    # must skip it), and a pair whose only invoice is canceled (no row).
    c = e["canceled"]
    b.invoice(c, 1, -40)
    b.invoice(c, 1, -10, status="canceled")
    b.invoice(c, 2, -20, status="canceled", lines=3)
    # Visits only: in the window with and without order, one before it.
    c = e["visits_only"]
    b.visit(c, 2, -5, 0)
    b.visit(c, 2, -3, 1)
    b.visit(c, 2, -200, 0)
    # A single invoice (AveFactorFerq NULL) without lines (basket 0).
    b.invoice(e["single_invoice"], 3, -15, lines=0)
    # Several channels: invoices on 1 and 2, visits on 2 and 4.
    c = e["multi_channel"]
    b.invoice(c, 1, -60)
    b.invoice(c, 1, -2)
    b.invoice(c, 2, -45)
    b.visit(c, 2, -45, 1)
    b.visit(c, 4, -7, 0)
    # Only activity older than the window: no row, but a recency history.
    c = e["old_only"]
    b.invoice(c, 1, -150)
    b.invoice(c, 1, -95)
    b.visit(c, 1, -91, 0)
    # Ties in amounts, one with NULL Cost.
    c = e["ties"]
    tie = Decimal("250.00")
    b.invoice(c, 4, -70, amount=tie, cost=None)
    b.invoice(c, 4, -35, amount=tie)
    b.invoice(c, 4, -12, amount=Decimal("99.90"), cost=None)
    # Invoices (and a visit) of customers that have no Customer row.
    orphan = ORPHAN_OFFSET + b.customers
    b.invoice(orphan, 2, -25)
    b.invoice(orphan, 2, -24)
    b.visit(orphan + 1, 3, -8, 0)


def _random_activity(b: _Builder) -> None:
    """Invoices and visits of the non-edge customers, ~330 days back to ~70 ahead."""
    rng = b.rng
    for customer in b.tables["Customer"][len(EDGE_CUSTOMERS):]:
        cust_id, home = customer["CustID"], customer["SCID"]
        channels = [home] + ([rng.randint(1, len(CHANNELS))] if rng.random() < 0.3 else [])
        for _ in range(rng.choice((0, 1, 2, 3, 5, 8, 12))):
            scid = rng.choice(channels)
            offset = rng.randint(-330, 70)
            status = "canceled" if rng.random() < 0.07 else "final"
            factor_id = b.invoice(cust_id, scid, offset, status=status)
            if rng.random() < 0.5:
                b.visit(cust_id, scid, offset, 1, factor_id)
            if rng.random() < 0.15:
                # a second invoice on the same day
                b.invoice(cust_id, scid, offset)
        for _ in range(rng.randint(0, 6)):
            b.visit(cust_id, rng.choice(channels), rng.randint(-330, 70), rng.choice((0, 0, 1)))


def _operations(b: _Builder) -> None:
    """Assignments, planned routes, collections, returns and deliveries."""
    rng, t = b.rng, b.tables
    for customer in t["Customer"]:
        t["CustAssignToSeller"].append(
            {
                "CustID": customer["CustID"],
                "SellerID": b.seller_for(customer["SCID"]),
                "SCID": customer["SCID"],
                "AssignDate": customer["CreatedDate"],
            }
        )
    for visit in t["CustomerVisit"]:
        if rng.random() < 0.85:
            t["SellerVisitPath"].append(
                {
                    "PathDate": visit["VisitDate"],
                    "SellerID": visit["SellerID"],
                    "CustID": visit["CustID"],
                    "SCID": visit["SCID"],
                }
            )
    for _ in range(max(3, b.customers // 4)):
        # planned visits that never happened
        scid = rng.randint(1, len(CHANNELS))
        t["SellerVisitPath"].append(
            {
                "PathDate": erp_date(b.day(rng.randint(-330, 70))),
                "SellerID": b.seller_for(scid),
                "CustID": rng.randint(1, b.customers),
                "SCID": scid,
            }
        )
    collection_id, return_id, delivery_id = 1, 1, 1
    for invoice in t["Factor"]:
        if invoice["Status"] == "canceled":
            continue
        day = datetime.date(*map(int, invoice["FactorDate"].split("/")))
        due = day + datetime.timedelta(days=30)
        paid = due + datetime.timedelta(days=rng.randint(-25, 40))
        t["Collection"].append(
            {
                "CollectionID": collection_id,
                "FactorID": invoice["FactorID"],
                "CustID": invoice["CustID"],
                "DueDate": erp_date(due),
                "PayDate": erp_date(paid) if paid <= b.as_of and rng.random() < 0.9 else None,
                "Amount": invoice["Amount"],
            }
        )
        collection_id += 1
        if rng.random() < 0.08:
            t["ReturnFactor"].append(
                {
                    "ReturnID": return_id,
                    "FactorID": invoice["FactorID"],
                    "CustID": invoice["CustID"],
                    "ReturnDate": erp_date(day + datetime.timedelta(days=rng.randint(1, 20))),
                    "Amount": (invoice["Amount"] * Decimal(str(rng.uniform(0.05, 0.5)))).quantize(CENT),
                    "Reason": rng.choice(RETURN_REASONS),
                }
            )
            return_id += 1
        planned = day + datetime.timedelta(days=rng.randint(0, 3))
        if planned > b.as_of:
            status = "pending"
        else:
            status = rng.choices(DELIVERY_STATUSES, weights=(85, 5, 5, 5))[0]
        delivered = planned + datetime.timedelta(days=rng.randint(0, 2))
        t["Delivery"].append(
            {
                "DeliveryID": delivery_id,
                "FactorID": invoice["FactorID"],
                "PlannedDate": erp_date(planned),
                "DeliveredDate": erp_date(delivered) if status in ("delivered", "partial") else None,
                "Status": status,
            }
        )
        delivery_id += 1


def _totals(
    history: list[tuple[datetime.date, Decimal]], until: datetime.date, since: datetime.date | None = None
) -> tuple[float, int, int]:
    """Sales amount, orders and distinct order days in ``(since, until]``."""
    rows = [(d, a) for d, a in history if d <= until and (since is None or d > since)]
    return float(sum((a for _, a in rows), Decimal(0))), len(rows), len({d for d, _ in rows})


def _cdp(b: _Builder) -> None:
    """A few weekly profile snapshots and two campaign plans, coherent with Factor."""
    rng, t = b.rng, b.tables
    t["CUSTOMER_PROFILE_FIELDS"] = [
        {"FIELD_NAME": f, "ALIAS_FIELD_NAME": a, "FIELD_TYPE": ty, "DESCRIPTION": d}
        for f, a, ty, d in PROFILE_FIELDS
    ]
    profiled = list(range(1, min(b.customers, 12) + 1))
    snapshot_days = [b.as_of - datetime.timedelta(days=7 * k) for k in (3, 2, 1, 0)]
    invoices: dict[int, list[tuple[datetime.date, Decimal]]] = {}
    for invoice in t["Factor"]:
        if invoice["Status"] != "canceled":
            day = datetime.date(*map(int, invoice["FactorDate"].split("/")))
            invoices.setdefault(invoice["CustID"], []).append((day, invoice["Amount"]))
    channel_names = dict(CHANNELS)
    homes = {c["CustID"]: c["SCID"] for c in t["Customer"]}
    for cust_id in profiled:
        history = invoices.get(cust_id, [])
        for snapshot in snapshot_days:
            gross, orders, order_days = _totals(history, snapshot)
            gross_1m, orders_1m, days_1m = _totals(history, snapshot, snapshot - datetime.timedelta(days=30))
            refund = round(gross * 0.03, 2)
            refund_1m = round(gross_1m * 0.03, 2)
            t["CUSTOMER_PROFILES"].append(
                {
                    "PROFILE_DATE": snapshot,
                    "CLIENT_CUSTOMER_ID": client_customer_id(cust_id),
                    "STR1": rng.choice(("IR", "AE", "TR")),
                    "STR2": "active" if orders_1m else ("new" if orders == 0 else "at_risk"),
                    "STR3": channel_names[homes[cust_id]],
                    "STR12": "gold" if gross > 3000 else ("silver" if gross > 1000 else "bronze"),
                    "FIELD1": round(gross, 2),
                    "FIELD2": round(gross - refund, 2),
                    "FIELD3": refund,
                    "FIELD4": float(order_days),
                    "FIELD5": float(orders),
                    "FIELD6": float(rng.randint(0, 4)),
                    "FIELD7": round(gross_1m, 2),
                    "FIELD8": round(gross_1m - refund_1m, 2),
                    "FIELD9": refund_1m,
                    "FIELD10": float(days_1m),
                    "FIELD11": float(orders_1m),
                    "FIELD153": None if cust_id % 5 == 0 else round(gross * 1.8, 2),
                }
            )
    t["SCHEDULED_CAMPAIGNS"] = [
        {"PLAN_ID": 1, "PLAN_DETAIL_ID": 1, "TARGET_GROUP_NAME": "High value", "CHANNEL_NAME": "Email",
         "TEMPLATE_NAME": "Summer sale", "PROMOTION_ID": "PROMO-1", "TAG_NAMES": "summer,vip"},
        {"PLAN_ID": 1, "PLAN_DETAIL_ID": 2, "TARGET_GROUP_NAME": "High value", "CHANNEL_NAME": "SMS",
         "TEMPLATE_NAME": "Summer sale reminder", "PROMOTION_ID": "PROMO-1", "TAG_NAMES": "summer"},
        {"PLAN_ID": 2, "PLAN_DETAIL_ID": 1, "TARGET_GROUP_NAME": "At risk", "CHANNEL_NAME": "Push",
         "TEMPLATE_NAME": "We miss you", "PROMOTION_ID": None, "TAG_NAMES": None},
    ]
    actions = {1: "Send email", 2: "Send SMS", 3: "Send push"}
    for plan_id, detail_ids, execution in ((1, (1, 2), snapshot_days[1]), (2, (1, 3), snapshot_days[3])):
        for cust_id in profiled:
            # detail 3 of plan 2 is not scheduled: its rows find no campaign.
            detail = None if cust_id % 4 == 0 else rng.choice(detail_ids)  # None = control group
            action = None if detail is None else rng.randint(1, 3)
            # Customer 2 is targeted on a day without a profile snapshot, and
            # customer 3 under a lower-case key ('c0003' is not the profile
            # 'C0003'): both find no profile in a join.
            key = client_customer_id(cust_id)
            t["TARGETED_AND_EXCLUDED_CUSTOMERS"].append(
                {
                    "EXECUTION_DATE": execution - datetime.timedelta(days=1) if cust_id == 2 else execution,
                    "CLIENT_CUSTOMER_ID": key.lower() if cust_id == 3 else key,
                    "PLAN_ID": plan_id,
                    "PLAN_DETAIL_ID": detail,
                    "CAMPAIGN_ACTION_ID": action,
                    "CAMPAIGN_ACTION_NAME": None if action is None else actions[action],
                    "LAST_UPDATED_TIME": datetime.datetime.combine(
                        execution, datetime.time(rng.randint(6, 20), rng.randint(0, 59), rng.randint(0, 59))
                    ),
                }
            )


# Customers of the operations edge cases (_operations_edge_cases): CustIDs from
# ORPHAN_OFFSET + customers + OPERATIONS_OFFSET on, without a Customer row, so the
# random activity and the CustomerPotentialAnalyticsView edge cases stay untouched.
OPERATIONS_OFFSET = 10
OPERATIONS_CUSTOMERS = {
    "payments": 0,  # installments paid early, late, on the due date, unpaid, due/paid after as_of; all-NULL Cost
    "future_payments": 1,  # only installments due or paid after as_of; a zero-amount invoice
    "prepaid": 2,  # only a payment made before its due date, which is after as_of
    "returns": 3,  # tied most frequent return reasons, NULL reasons, a return after as_of
    "null_returns": 4,  # returns without reason against a canceled invoice, no sales
    "visits": 5,  # visit reasons with ties; planned route rows with and without visits
    "assignments": 6,  # same-day assignments, one after as_of, NULL AssignDate
    "deliveries": 7,  # on time, early, late, failed, pending, partial, canceled/missing invoice, after as_of
    "canceled_delivery": 8,  # only a delivery of a canceled invoice
}


def _operations_edge_cases(b: _Builder) -> None:
    """Edge cases of the collection, return, visit, route, assignment and delivery views.

    Runs after every other builder, so the rows before it stay what they were; every
    value that matters here is explicit (offsets are days from ``as_of``).
    """
    t = b.tables
    base = ORPHAN_OFFSET + b.customers + OPERATIONS_OFFSET
    cust = {name: base + k for name, k in OPERATIONS_CUSTOMERS.items()}

    def next_id(table: str, key: str) -> int:
        return max((row[key] for row in t[table]), default=0) + 1

    def day(offset: int | None) -> str | None:
        return None if offset is None else erp_date(b.day(offset))

    def collection(cust_id: int, factor_id: int, due: int, paid: int | None, amount: str) -> None:
        t["Collection"].append({"CollectionID": next_id("Collection", "CollectionID"), "FactorID": factor_id,
                                "CustID": cust_id, "DueDate": day(due), "PayDate": day(paid),
                                "Amount": Decimal(amount)})

    def return_(cust_id: int, factor_id: int, offset: int, amount: str, reason: str | None) -> None:
        t["ReturnFactor"].append({"ReturnID": next_id("ReturnFactor", "ReturnID"), "FactorID": factor_id,
                                  "CustID": cust_id, "ReturnDate": day(offset), "Amount": Decimal(amount),
                                  "Reason": reason})

    def visit(cust_id: int, seller: int, offset: int, has_order: int, reason: str | None = None,
              scid: int | None = None) -> None:
        t["CustomerVisit"].append({"VisitID": b._next_visit, "CustID": cust_id, "SellerID": seller,
                                   "SCID": scid or (seller - 1) % 4 + 1, "VisitDate": day(offset),
                                   "HasOrder": has_order, "NoOrderReason": reason, "FactorID": None})
        b._next_visit += 1

    def plan(cust_id: int, seller: int, offset: int, scid: int | None = None) -> None:
        t["SellerVisitPath"].append({"PathDate": day(offset), "SellerID": seller, "CustID": cust_id,
                                     "SCID": scid or (seller - 1) % 4 + 1})

    def assign(cust_id: int, scid: int, seller: int, offset: int | None) -> None:
        t["CustAssignToSeller"].append({"CustID": cust_id, "SellerID": seller, "SCID": scid,
                                        "AssignDate": day(offset)})

    def delivery(factor_id: int, planned: int, delivered: int | None, status: str) -> None:
        t["Delivery"].append({"DeliveryID": next_id("Delivery", "DeliveryID"), "FactorID": factor_id,
                              "PlannedDate": day(planned), "DeliveredDate": day(delivered), "Status": status})

    # Collections. Two invoices whose Cost is unknown: the pair's margins are NULL.
    c = cust["payments"]
    old = b.invoice(c, 1, -100, amount=Decimal("1000.00"), cost=None, lines=1)
    b.invoice(c, 1, -20, amount=Decimal("400.00"), cost=None, lines=1)
    collection(c, old, -20, -25, "100.00")  # paid 5 days early
    collection(c, old, -40, -30, "200.00")  # paid 10 days late
    collection(c, old, -10, -10, "300.00")  # paid on the due date
    collection(c, old, -5, None, "400.00")  # unpaid, overdue
    collection(c, old, 0, None, "50.00")  # due on as_of, unpaid: outstanding, not overdue
    collection(c, old, 0, 0, "25.00")  # due and paid on as_of
    collection(c, old, 10, None, "60.00")  # due after as_of: not billed yet
    collection(c, old, -3, 2, "70.00")  # paid after as_of: still outstanding and overdue
    collection(c, old, 15, -1, "80.00")  # paid early, due after as_of: collected, not billed
    # Only future installments: no collection row. A zero invoice: margin 0 / NULLIF(0, 0).
    c = cust["future_payments"]
    zero = b.invoice(c, 3, -5, amount=Decimal("0.00"), cost=Decimal("0.00"), lines=0)
    collection(c, zero, 5, None, "10.00")
    collection(c, zero, 30, 3, "20.00")
    c = cust["prepaid"]
    collection(c, b.invoice(c, 2, 1, amount=Decimal("90.00")), 20, -2, "90.00")

    # Returns: Expired and Damaged tie (Damaged wins), NULL is the most frequent but never
    # counts, and a later Expired return is after as_of.
    c = cust["returns"]
    sold = b.invoice(c, 2, -60, amount=Decimal("1000.00"))
    for offset, reason in ((-50, "Expired"), (-45, None), (-40, "Damaged"), (-30, None), (-20, "Expired"),
                           (-10, None), (0, "Damaged"), (3, "Expired")):
        return_(c, sold, offset, "25.00", reason)
    c = cust["null_returns"]
    canceled = b.invoice(c, 2, -30, status="canceled", amount=Decimal("300.00"))
    return_(c, canceled, -25, "30.00", None)
    return_(c, canceled, -24, "40.00", None)

    # Visits and the planned route of seller 1 (channel 1) and seller 5 (channel 1).
    c = cust["visits"]
    for offset, reason in ((-30, "Shop closed"), (-29, "Enough stock"), (-28, None), (-27, "Shop closed"),
                           (-26, None), (-25, "Enough stock"), (-24, None)):
        visit(c, 1, offset, 0, reason)  # with the two Owner absent below: a 2-2-2 tie, Enough stock
    visit(c, 1, -23, 1)
    visit(c, 1, -22, 1)
    visit(c, 1, 1, 0, "Shop closed")  # after as_of: would break the tie
    plan(c, 1, -30)  # visited that day
    plan(c, 1, -22, scid=2)  # visited that day (the route matches on seller, customer and day)
    plan(c, 1, -8)  # two rows for one day, two visits that day: two rows made, no unplanned visit
    plan(c, 1, -8)
    visit(c, 1, -8, 1)
    visit(c, 1, -8, 0, "Owner absent")
    plan(c, 1, -4)  # one row, two visits that day: one row made
    visit(c, 1, -4, 1)
    visit(c, 1, -4, 0, "Owner absent")
    plan(c, 1, -6)  # missed: only seller 5 came that day
    plan(c, 1, -2)  # missed
    plan(c, 1, -2)  # missed, a duplicate row
    plan(c, 1, 2)  # after as_of
    visit(c, 1, 2, 1)  # after as_of, on a planned day
    visit(c, 5, -6, 0)  # seller 5: unplanned visits, without any reason
    visit(c, 5, -5, 0)
    plan(c, 2, -3)  # seller 2: planned only, never visited
    plan(c, 6, 5)  # seller 6: planned only after as_of: no row
    visit(c, 3, 4, 1)  # seller 3: visited only after as_of: no row

    # Assignments: two sellers on one day (the higher SellerID is current), a later one
    # after as_of; a channel assigned only after as_of; a NULL AssignDate.
    c = cust["assignments"]
    assign(c, 1, 1, -100)
    assign(c, 1, 5, -20)
    assign(c, 1, 1, -20)
    assign(c, 1, 1, 3)
    assign(c, 2, 2, 1)
    assign(c, 3, 3, None)
    assign(c, 4, 4, -50)
    assign(c, 4, 8, None)

    # Deliveries of one customer's invoices.
    c = cust["deliveries"]
    first = b.invoice(c, 1, -30, amount=Decimal("120.00"))
    second = b.invoice(c, 1, -20, amount=Decimal("80.00"))
    void = b.invoice(c, 1, -15, status="canceled", amount=Decimal("60.00"))
    delivery(first, -29, -29, "delivered")  # on time
    delivery(first, -28, -30, "delivered")  # early: on time, negative delay
    delivery(second, -20, -17, "delivered")  # 3 days late
    delivery(second, -19, None, "failed")
    delivery(second, -5, None, "pending")
    delivery(second, -4, -3, "partial")
    delivery(second, 0, 1, "delivered")  # planned on as_of, delivered (as recorded) a day late
    delivery(second, 2, None, "pending")  # planned after as_of
    delivery(void, -14, -14, "delivered")  # of a canceled invoice
    delivery(b._next_factor + 1000, -10, -10, "delivered")  # of a missing invoice
    c = cust["canceled_delivery"]
    delivery(b.invoice(c, 3, -12, status="canceled"), -11, -11, "delivered")


# Customers of the Customer Insights / segmentation edge cases (_insights_edge_cases):
# CustIDs customers + 1 + k, each with a Customer row appended after the others, so the
# random activity and the other edge cases stay untouched.
INSIGHTS_CUSTOMERS = {
    "boundaries": 0,  # Mar 31 / Apr 1, Dec 31 / Jan 1; canceled between; one after as_of
    "month_pair": 1,  # exactly two purchases, Jan 31 / Feb 1; visits
    "same_day": 2,  # two purchases on the first day and two on the last (FactorID order)
    "single": 3,  # exactly one purchase; a canceled one and one after as_of; no visits
    "two_canceled": 4,  # exactly two purchases with canceled invoices between them
    "visits_only": 5,  # visits (one after as_of), only a canceled invoice
    "future_only": 6,  # its only purchase is after as_of: no row anywhere
    "tie_1": 7,  # tie_1 .. tie_7: one old quarter of their own, with Frequency/Profit ties
    "tie_2": 8,
    "tie_3": 9,
    "tie_4": 10,
    "tie_5": 11,
    "tie_6": 12,
    "tie_7": 13,
}


def _insights_edge_cases(b: _Builder) -> None:
    """Edge cases of the Customer Insights and segmentation views.

    Runs after every other builder, so the rows before it stay what they were; every
    value that matters here is explicit (a date is absolute or a day offset from as_of).
    """
    t = b.tables
    cust = {name: b.customers + 1 + k for name, k in INSIGHTS_CUSTOMERS.items()}
    for name, cust_id in cust.items():
        k = INSIGHTS_CUSTOMERS[name]
        t["Customer"].append({
            "CustID": cust_id, "CustName": f"Customer {cust_id:05d}",
            "GrpID": None if k == 3 else k % len(GROUPS) + 1, "SCID": k % len(CHANNELS) + 1,
            "Lat": None if k == 4 else 35.6 + k / 100, "Lng": None if k == 4 else 51.3 + k / 100,
            "CreatedDate": erp_date(b.day(-900)),
        })

    def at(day: datetime.date) -> int:
        return (day - b.as_of).days

    def buy(cust_id: int, offset: int, amount: str, cost: str | None = "random", status: str = "final",
            scid: int = 1) -> int:
        return b.invoice(cust_id, scid, offset, status=status, amount=Decimal(amount),
                         cost=cost if cost in (None, "random") else Decimal(cost))

    def swap_last_two() -> None:
        # The higher FactorID is stored first: only ORDER BY FactorID numbers them right.
        t["Factor"][-1], t["Factor"][-2] = t["Factor"][-2], t["Factor"][-1]

    y = b.as_of.year
    # Quarter, month and year boundaries (the first purchase is on Mar 31 of last year).
    c = cust["boundaries"]
    buy(c, at(datetime.date(y - 1, 3, 31)), "120.00")
    buy(c, at(datetime.date(y - 1, 4, 1)), "80.00", scid=2)
    buy(c, at(datetime.date(y - 1, 5, 15)), "999.00", status="canceled")
    buy(c, at(datetime.date(y - 1, 12, 31)), "45.50")
    buy(c, at(datetime.date(y, 1, 1)), "54.50", cost=None)
    buy(c, 2, "300.00")  # after as_of
    b.visit(c, 1, at(datetime.date(y - 1, 4, 1)), 1)
    # Exactly two purchases across a month boundary, and visits.
    c = cust["month_pair"]
    buy(c, at(datetime.date(y - 1, 1, 31)), "10.00")
    buy(c, at(datetime.date(y - 1, 2, 1)), "20.00")
    b.visit(c, 3, -40, 0)
    b.visit(c, 3, -10, 0)
    b.visit(c, 3, 0, 1)
    # Two purchases on the first day and two on the last, each pair stored in reverse.
    c = cust["same_day"]
    buy(c, -61, "11.00")
    buy(c, -61, "22.00")
    swap_last_two()
    buy(c, -30, "33.00", status="canceled")
    buy(c, -20, "44.00")
    buy(c, -1, "55.00")
    buy(c, -1, "66.00")
    swap_last_two()
    b.visit(c, 2, -61, 1)
    # Exactly one purchase (on as_of), a canceled invoice and a purchase after it; no visits.
    c = cust["single"]
    buy(c, -300, "5.00", status="canceled")
    buy(c, 0, "75.25")
    buy(c, 1, "1.00")
    # Exactly two purchases with two canceled invoices between them (and one after).
    c = cust["two_canceled"]
    buy(c, -150, "200.00", cost="150.00")
    buy(c, -120, "7000.00", status="canceled")
    buy(c, -100, "7000.00", status="canceled")
    buy(c, -80, "300.00", cost="100.00")
    buy(c, -5, "8000.00", status="canceled")
    # Visits but no purchase: only a canceled invoice; a visit after as_of.
    c = cust["visits_only"]
    buy(c, -50, "60.00", status="canceled")
    b.visit(c, 4, -70, 0)
    b.visit(c, 4, -35, 1)
    b.visit(c, 4, 5, 0)
    # The only purchase is after as_of.
    buy(cust["future_only"], 10, "500.00")

    # A quarter more than 800 days back, where the random activity never reaches: seven
    # customers tied on Frequency and Profit, stored from the highest CustID down, so
    # NTILE(4) (sizes 2, 2, 2, 1) only gets them right when it orders by CustID too.
    # Frequency: 1, 1, 1, 1, 2, 2, 1; Profit: 40, 40, 0 (NULL Cost), 40, 40, 40, 40.
    quarter = b.as_of - datetime.timedelta(days=800)
    q = at(datetime.date(quarter.year, 3 * ((quarter.month - 1) // 3) + 1, 1))
    ties = [
        (cust["tie_7"], [(q + 40, "100.00", "60.00")]),
        (cust["tie_6"], [(q + 10, "60.00", "20.00"), (q + 70, "40.00", None)]),
        (cust["tie_5"], [(q + 5, "50.00", "30.00"), (q + 6, "50.00", "30.00")]),
        (cust["tie_4"], [(q, "100.00", "60.00")]),
        (cust["tie_3"], [(q + 88, "100.00", None)]),
        (cust["tie_2"], [(q + 30, "100.00", "60.00")]),
        (cust["tie_1"], [(q + 30, "100.00", "60.00")]),
    ]
    for cust_id, invoices in ties:
        for offset, amount, cost in invoices:
            buy(cust_id, offset, amount, cost)
    buy(cust["tie_1"], q + 31, "100.00", "60.00", status="canceled")
    # Later purchases: IsRecent at the as-of quarter's first day and the day before it,
    # and tied window revenues (ABC ranks broken by CustID).
    current = at(datetime.date(y, 3 * ((b.as_of.month - 1) // 3) + 1, 1))
    buy(cust["tie_7"], 0, "777.77")
    buy(cust["tie_4"], -10, "777.77")
    buy(cust["tie_6"], current, "777.77")
    buy(cust["tie_5"], current - 1, "250.00")


def random_tables(seed: int, *, as_of: datetime.date, customers: int = 40) -> dict[str, list[dict]]:
    """Rows for every table of the reference schema, the same for the same arguments.

    ``customers`` is the number of Customer rows with random activity (at least
    ``MIN_CUSTOMERS``); the first ones are ``EDGE_CUSTOMERS``; ``len(INSIGHTS_CUSTOMERS)``
    more Customer rows follow (CustIDs ``customers + 1`` on, see
    ``_insights_edge_cases``), and CustIDs from ``ORPHAN_OFFSET + customers`` on have
    invoices or visits but no Customer row.
    """
    if customers < MIN_CUSTOMERS:
        raise ValueError(f"customers must be at least {MIN_CUSTOMERS}, got {customers}")
    builder = _Builder(random.Random(seed), as_of, customers)
    _dimensions(builder)
    _edge_cases(builder)
    _random_activity(builder)
    _operations(builder)
    _cdp(builder)
    _operations_edge_cases(builder)
    _insights_edge_cases(builder)
    return builder.tables
