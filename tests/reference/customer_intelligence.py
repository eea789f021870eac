"""Plain-Python references of the seven customer-intelligence views.

Written from ``views/customer_intelligence.yml`` and the descriptions of the metrics
they use (``metrics/orders.yml``, ``collections.yml``, ``returns.yml``, ``visits.yml``,
``assignments.yml``, ``deliveries.yml``) and of their sources (``metrics/sources.yml``),
without SQL and without the semview package.

Shared rules, as the model defines them (docs/model.md):

* a source with a ``time`` column never counts a row dated after the as-of date
  (nor a row without a date: it is not "on or before" it);
* a window of N days is ``as_of - (N - 1) <= day <= as_of``;
* a canceled invoice (Factor.Status = 'canceled') never counts, nor do the
  deliveries of a canceled or missing invoice (Delivery reaches its customer
  through its invoice);
* a view with ``rows`` has one row per key where one of those counts is > 0,
  otherwise one per key of any of its metrics' rows;
* ``/`` in a formula is true division, ``NULLIF(x, 0)`` makes it NULL.

Result types: keys and counts ``int``; sums of DECIMAL columns ``Decimal``;
averages, ratios and delays ``float``; text dates ``'YYYY/MM/DD'``; NULL ``None``.
Each function takes ``(tables, as_of, params)`` and returns ``(columns, rows)``,
rows sorted by their keys.
"""
from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

Tables = Mapping[str, Iterable[Mapping[str, Any]]]


# --------------------------------------------------------------------------- helpers

def _date(text: str | None) -> datetime.date | None:
    """``'2024/06/30'`` -> date; None stays None."""
    if text is None:
        return None
    year, month, day = (int(part) for part in str(text).strip().split("/"))
    return datetime.date(year, month, day)


def _text(day: datetime.date | None) -> str | None:
    return None if day is None else f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """SQL SUM: NULLs ignored, NULL when nothing is left."""
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def _avg(values: Iterable[Any]) -> float | None:
    """SQL AVG as a float: NULLs ignored, NULL when nothing is left (exact mean, then float)."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    if any(isinstance(v, Decimal) for v in known):
        return float(sum((_dec(v) for v in known), Decimal(0)) / len(known))
    return sum(known) / len(known)


def _ratio(numerator: Any, denominator: Any) -> float | None:
    """``numerator / NULLIF(denominator, 0)`` as a float (true division)."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    if isinstance(numerator, Decimal) or isinstance(denominator, Decimal):
        return float(_dec(numerator) / _dec(denominator))
    return numerator / denominator


def _most_frequent(values: Iterable[str | None]) -> str | None:
    """The value seen most often; ties -> the smallest; NULLs never count."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _or0(value: Decimal | None) -> Decimal:
    return Decimal(0) if value is None else value


def _window(as_of: datetime.date, params: Mapping[str, Any]) -> tuple[datetime.date, int]:
    days = int(params.get("window_days", 90))
    if days < 1:
        raise ValueError(f"window_days must be at least 1, got {days}")
    return as_of - datetime.timedelta(days=days - 1), days


def _invoices(tables: Tables, as_of: datetime.date) -> list[dict]:
    """Non-canceled invoices dated on or before as_of, with their date parsed."""
    out = []
    for row in tables.get("Factor", ()):
        if row["Status"] == "canceled":
            continue
        day = _date(row["FactorDate"])
        if day is None or day > as_of:
            continue
        out.append({**row, "_day": day})
    return out


def _visits(tables: Tables, as_of: datetime.date) -> list[dict]:
    """Visits dated on or before as_of, with their date parsed."""
    out = []
    for row in tables.get("CustomerVisit", ()):
        day = _date(row["VisitDate"])
        if day is None or day > as_of:
            continue
        out.append({**row, "_day": day})
    return out


# --------------------------------------------------------------------------- views

ORDER_FINANCIAL_COLUMNS = [
    "CustID", "SCID",
    "WindowInvoices", "WindowRevenue", "WindowDiscount", "WindowCost", "WindowProfit", "WindowMargin",
    "WindowAvgInvoiceValue",
    "TotalInvoices", "TotalRevenue", "TotalDiscount", "TotalCost", "TotalProfit", "TotalMargin",
    "TotalAvgInvoiceValue",
]


def _financials(invoices: list[dict]) -> tuple:
    """(count, revenue, discount, cost, profit, margin, avg) over some invoices (defaults applied)."""
    amounts = [_dec(f["Amount"]) for f in invoices]
    costed = [f for f in invoices if f["Cost"] is not None]
    profit = _sum(_dec(f["Amount"]) - _dec(f["Cost"]) for f in costed)
    costed_revenue = _sum(_dec(f["Amount"]) for f in costed)  # no default: NULL without a known Cost
    return (
        len(invoices),
        _or0(_sum(amounts)),
        _or0(_sum(_dec(f["Discount"]) for f in invoices)),
        _or0(_sum(_dec(f["Cost"]) for f in costed)),
        _or0(profit),
        _ratio(_or0(profit), costed_revenue),
        _avg(amounts),
    )


def order_financial_summary(tables: Tables, as_of: datetime.date, params: Mapping[str, Any]):
    """Per (CustID, SCID) with a non-canceled invoice on or before as_of: the window's and
    all time's count, revenue (Amount), discount, cost (known only), profit (Amount - Cost
    where Cost is known), margin (profit / revenue of the costed invoices) and mean Amount."""
    start, _ = _window(as_of, params)
    pairs: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for f in _invoices(tables, as_of):
        pairs[(int(f["CustID"]), int(f["SCID"]))].append(f)
    rows = []
    for (cust, scid), invoices in sorted(pairs.items()):
        in_window = [f for f in invoices if start <= f["_day"] <= as_of]
        rows.append((cust, scid, *_financials(in_window), *_financials(invoices)))
    return list(ORDER_FINANCIAL_COLUMNS), rows


ORDER_COLLECTION_COLUMNS = [
    "CustID", "BilledAmount", "CollectedAmount", "OutstandingAmount", "OverdueAmount",
    "AvgPaymentDelayDays", "OnTimePaymentShare",
]


def order_collection_analytics(tables: Tables, as_of: datetime.date, params: Mapping[str, Any]):
    """Per customer with an installment due or paid on or before as_of: billed (due by
    as_of), collected (paid by as_of), outstanding (due by as_of, not paid by then),
    overdue (due strictly before as_of, not paid by then), the mean PayDate - DueDate of
    the payments made by as_of and the share of them paid on or before their due date."""
    per_customer: dict[int, list[tuple[datetime.date, datetime.date | None, Decimal]]] = defaultdict(list)
    for c in tables.get("Collection", ()):
        per_customer[int(c["CustID"])].append((_date(c["DueDate"]), _date(c["PayDate"]), _dec(c["Amount"])))
    rows = []
    for cust, items in sorted(per_customer.items()):
        due = [(d, p, a) for d, p, a in items if d is not None and d <= as_of]
        paid = [(d, p, a) for d, p, a in items if p is not None and p <= as_of]
        if not due and not paid:
            continue

        def unpaid(pay: datetime.date | None) -> bool:
            return pay is None or pay > as_of

        outstanding = [a for d, p, a in due if unpaid(p)]
        overdue = [a for d, p, a in due if d < as_of and unpaid(p)]
        delays = [(p - d).days for d, p, a in paid if d is not None]
        on_time = sum(1 for d, p, a in paid if d is not None and p <= d)
        rows.append((
            cust,
            _or0(_sum(a for _, _, a in due)),
            _or0(_sum(a for _, _, a in paid)),
            _or0(_sum(outstanding)),
            _or0(_sum(overdue)),
            _avg(delays),
            _ratio(on_time, len(paid)),
        ))
    return list(ORDER_COLLECTION_COLUMNS), rows


ORDER_RETURN_COLUMNS = ["CustID", "ReturnCount", "ReturnAmount", "SalesAmount", "ReturnRate", "TopReturnReason"]


def order_return_summary(tables: Tables, as_of: datetime.date, params: Mapping[str, Any]):
    """Per customer with a non-canceled invoice or a return on or before as_of: returns
    (count, Amount), non-canceled sales to date, returned share of them and the most
    frequent return reason."""
    sales: dict[int, list[Decimal]] = defaultdict(list)
    for f in _invoices(tables, as_of):
        sales[int(f["CustID"])].append(_dec(f["Amount"]))
    returns: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for r in tables.get("ReturnFactor", ()):
        day = _date(r["ReturnDate"])
        if day is not None and day <= as_of:
            returns[int(r["CustID"])].append(r)
    rows = []
    for cust in sorted(set(sales) | set(returns)):
        mine = returns.get(cust, [])
        amount = _or0(_sum(_dec(r["Amount"]) for r in mine))
        revenue = _or0(_sum(sales.get(cust, [])))
        rows.append((cust, len(mine), amount, revenue, _ratio(amount, revenue),
                     _most_frequent(r["Reason"] for r in mine)))
    return list(ORDER_RETURN_COLUMNS), rows


CUSTOMER_VISIT_LOG_COLUMNS = [
    "CustID", "SellerID", "Visits", "VisitsWithOrder", "VisitsWithoutOrder", "VisitConversionRate",
    "FirstVisitDate", "LastVisitDate", "TopNoOrderReason",
]


def customer_visit_logs(tables: Tables, as_of: datetime.date, params: Mapping[str, Any]):
    """Per (CustID, SellerID) with a visit on or before as_of: visits, with and without an
    order, conversion rate, first and last visit date, most frequent no-order reason."""
    pairs: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for v in _visits(tables, as_of):
        pairs[(int(v["CustID"]), int(v["SellerID"]))].append(v)
    rows = []
    for (cust, seller), visits in sorted(pairs.items()):
        with_order = sum(1 for v in visits if int(v["HasOrder"]) == 1)
        without = [v for v in visits if int(v["HasOrder"]) == 0]
        days = [v["_day"] for v in visits]
        rows.append((cust, seller, len(visits), with_order, len(without), _ratio(with_order, len(visits)),
                     _text(min(days)), _text(max(days)), _most_frequent(v["NoOrderReason"] for v in without)))
    return list(CUSTOMER_VISIT_LOG_COLUMNS), rows


SELLER_VISIT_PATH_COLUMNS = [
    "CustID", "SellerID", "PlannedVisits", "ActualVisitsOnPlannedDays", "UnplannedVisits", "CoverageRatio",
    "MissedPlannedVisits",
]


def seller_visit_path_customers(tables: Tables, as_of: datetime.date, params: Mapping[str, Any]):
    """Per (CustID, SellerID) with a planned route row or a visit on or before as_of: the
    planned rows, those with a visit of that seller to that customer on that day, those
    without, the visits on a day without such a planned row, and made / planned.

    A route row and a visit match on (SellerID, CustID, day) whatever their SCID; each
    route row (duplicates included) counts once."""
    visits = _visits(tables, as_of)
    plans = []
    for p in tables.get("SellerVisitPath", ()):
        day = _date(p["PathDate"])
        if day is not None and day <= as_of:
            plans.append((int(p["CustID"]), int(p["SellerID"]), day))
    # Matching rows of the other side are on the same day, so on or before as_of too.
    visits_per_day = Counter((int(v["CustID"]), int(v["SellerID"]), v["_day"]) for v in visits)
    plans_per_day = Counter(plans)

    planned: Counter = Counter()
    made: Counter = Counter()
    unplanned: Counter = Counter()
    for cust, seller, day in plans:
        planned[(cust, seller)] += 1
        if visits_per_day[(cust, seller, day)] > 0:
            made[(cust, seller)] += 1
    visit_counts: Counter = Counter()
    for v in visits:
        key = (int(v["CustID"]), int(v["SellerID"]))
        visit_counts[key] += 1
        if plans_per_day[(*key, v["_day"])] == 0:
            unplanned[key] += 1
    rows = []
    for key in sorted(set(planned) | set(visit_counts)):
        n_planned, n_made = planned[key], made[key]
        rows.append((*key, n_planned, n_made, unplanned[key], _ratio(n_made, n_planned), n_planned - n_made))
    return list(SELLER_VISIT_PATH_COLUMNS), rows


CUST_ASSIGN_COLUMNS = ["CustID", "SCID", "SellerID", "AssignDate"]


def cust_assign_to_seller(tables: Tables, as_of: datetime.date, params: Mapping[str, Any]):
    """Per (CustID, SCID) with an assignment dated on or before as_of: the SellerID and
    AssignDate of the latest one (latest AssignDate, then the higher SellerID)."""
    latest: dict[tuple[int, int], tuple[datetime.date, int]] = {}
    for a in tables.get("CustAssignToSeller", ()):
        day = _date(a["AssignDate"])
        if day is None or day > as_of:
            continue
        key = (int(a["CustID"]), int(a["SCID"]))
        candidate = (day, int(a["SellerID"]))
        if key not in latest or candidate > latest[key]:
            latest[key] = candidate
    rows = [(*key, seller, _text(day)) for key, (day, seller) in sorted(latest.items())]
    return list(CUST_ASSIGN_COLUMNS), rows


DELIVERY_COLUMNS = [
    "CustID", "Deliveries", "DeliveredOnTime", "DeliveredLate", "FailedDeliveries", "PendingDeliveries",
    "AvgDeliveryDelayDays",
]


def delivery_operation_analytics(tables: Tables, as_of: datetime.date, params: Mapping[str, Any]):
    """Per customer (the CustID of the delivery's non-canceled invoice) with a delivery
    planned on or before as_of: deliveries, delivered on time (DeliveredDate <=
    PlannedDate) and late, failed, pending or partial, and the mean DeliveredDate -
    PlannedDate of the delivered ones. Status is taken as recorded."""
    customer_of = {
        int(f["FactorID"]): int(f["CustID"]) for f in tables.get("Factor", ()) if f["Status"] != "canceled"
    }
    per_customer: dict[int, list[tuple[datetime.date, datetime.date | None, str]]] = defaultdict(list)
    for d in tables.get("Delivery", ()):
        cust = customer_of.get(int(d["FactorID"]))
        planned = _date(d["PlannedDate"])
        if cust is None or planned is None or planned > as_of:
            continue
        per_customer[cust].append((planned, _date(d["DeliveredDate"]), d["Status"]))
    rows = []
    for cust, items in sorted(per_customer.items()):
        delivered = [(p, dd) for p, dd, s in items if s == "delivered"]
        rows.append((
            cust,
            len(items),
            sum(1 for p, dd in delivered if dd is not None and dd <= p),
            sum(1 for p, dd in delivered if dd is not None and dd > p),
            sum(1 for _, _, s in items if s == "failed"),
            sum(1 for _, _, s in items if s in ("pending", "partial")),
            _avg([(dd - p).days for p, dd in delivered if dd is not None]),
        ))
    return list(DELIVERY_COLUMNS), rows
