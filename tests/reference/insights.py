"""Plain-Python references of the four Customer Insights views.

Written from ``views/customer_insights.yml``, ``metrics/insights.yml`` and
``shared/spec/customer-insights.md`` alone, without SQL and without the semview
package. Each function takes ``(tables, as_of, params)`` and returns
``(column_names, rows)``.

Common definitions (the spec's):

* a purchase is an invoice (``Factor``) whose ``Status <> 'canceled'`` (SQL
  semantics: a NULL status is not a purchase either) dated on or before
  ``as_of``; invoices after ``as_of`` do not exist for these views;
* a customer's purchases are numbered 1, 2, 3, ... by (FactorDate, FactorID);
  the previous purchase is the one numbered one less, so two purchases on the
  same day are 0 days apart;
* a customer is new in a period when their first purchase date falls in it.

Types: ids, counts and numbers ``int``; ``Amount`` and sums ``Decimal``;
means and ratios ``float``; dates ``datetime.date``; NULL ``None``.
"""
from __future__ import annotations

import datetime
import decimal
from collections import defaultdict
from decimal import Decimal
from typing import Any

from tests.reference.customer_potential import parse_erp_date

# Ratios of DECIMAL sums are computed exactly enough (40 digits), then made floats.
_CTX = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)

HISTORY_COLUMNS = ["FactorID", "CustID", "SCID", "OrderDate", "Amount", "PurchaseNo",
                   "FirstPurchaseDate", "DaysSincePrevious"]
DAILY_COLUMNS = ["FactorID", "CustID", "SCID", "OrderDate", "Amount", "PurchaseNo", "IsNewCustomerOrder"]
SEQUENCE_COLUMNS = ["PurchaseNo", "Customers", "TotalAmount", "AvgAmount", "AvgDaysSincePrevious"]
COMPOSITION_COLUMNS = ["Grain", "PeriodStart", "NewCustomers", "ReturningCustomers", "NewSales",
                       "ReturningSales", "NewSalesShare", "AvgSalesPerNewCustomer",
                       "AvgSalesPerReturningCustomer", "AvgDaysSincePreviousPurchase"]
GRAINS = ("year", "month", "day")


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _ratio(numerator: Decimal | int, denominator: Decimal | int) -> float | None:
    """numerator / denominator as a float (true division); None when the denominator is 0."""
    if denominator == 0:
        return None
    return float(_CTX.divide(Decimal(numerator), Decimal(denominator)))


def _mean(values: list) -> float | None:
    if not values:
        return None
    return _ratio(sum((Decimal(v) for v in values), Decimal(0)), len(values))


def purchases(tables: dict, as_of: datetime.date) -> list[dict]:
    """The rows of CustomerPurchaseHistoryView as dicts (one per purchase), in history order."""
    rows = []
    for invoice in tables.get("Factor", ()):
        status = invoice["Status"]
        if status is None or status == "canceled":
            continue
        day = parse_erp_date(invoice["FactorDate"])
        if day > as_of:
            continue
        rows.append({
            "FactorID": int(invoice["FactorID"]),
            "CustID": int(invoice["CustID"]),
            "SCID": int(invoice["SCID"]),
            "OrderDate": day,
            "Amount": _dec(invoice["Amount"]),
        })
    rows.sort(key=lambda r: (r["CustID"], r["OrderDate"], r["FactorID"]))
    by_customer: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_customer[row["CustID"]].append(row)
    for history in by_customer.values():
        first = history[0]["OrderDate"]  # the earliest date: the list is in date order
        previous = None
        for number, row in enumerate(history, start=1):
            row["PurchaseNo"] = number
            row["FirstPurchaseDate"] = first
            row["DaysSincePrevious"] = None if previous is None else (row["OrderDate"] - previous).days
            previous = row["OrderDate"]
    return rows


def purchase_history(tables: dict, as_of: datetime.date, params: dict):
    """CustomerPurchaseHistoryView: one row per purchase."""
    return list(HISTORY_COLUMNS), [tuple(r[c] for c in HISTORY_COLUMNS) for r in purchases(tables, as_of)]


def daily_sales_orders(tables: dict, as_of: datetime.date, params: dict):
    """DailySalesOrdersView: one row per purchase; IsNewCustomerOrder = 1 on the first purchase date."""
    rows = []
    for r in purchases(tables, as_of):
        rows.append((r["FactorID"], r["CustID"], r["SCID"], r["OrderDate"], r["Amount"], r["PurchaseNo"],
                     1 if r["OrderDate"] == r["FirstPurchaseDate"] else 0))
    return list(DAILY_COLUMNS), rows


def purchase_sequence(tables: dict, as_of: datetime.date, params: dict):
    """PurchaseSequenceView: one row per purchase number reached by at least one customer."""
    groups: dict[int, list[dict]] = defaultdict(list)
    for r in purchases(tables, as_of):
        groups[r["PurchaseNo"]].append(r)
    rows = []
    for number, group in sorted(groups.items()):
        amounts = [r["Amount"] for r in group]
        gaps = [r["DaysSincePrevious"] for r in group if r["DaysSincePrevious"] is not None]
        rows.append((
            number,
            len({r["CustID"] for r in group}),
            sum(amounts, Decimal(0)),
            _mean(amounts),
            _mean(gaps),
        ))
    return list(SEQUENCE_COLUMNS), rows


def period_start(unit: str, day: datetime.date) -> datetime.date:
    """First day of the calendar period (year, quarter, month or day) holding ``day``."""
    if unit == "year":
        return datetime.date(day.year, 1, 1)
    if unit == "quarter":
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if unit == "month":
        return datetime.date(day.year, day.month, 1)
    if unit == "day":
        return day
    raise ValueError(unit)


def customer_composition(tables: dict, as_of: datetime.date, params: dict):
    """CustomerCompositionView: new vs returning customers per (Grain, PeriodStart) with purchases."""
    history = purchases(tables, as_of)
    rows = []
    for grain in GRAINS:
        periods: dict[datetime.date, list[dict]] = defaultdict(list)
        for r in history:
            periods[period_start(grain, r["OrderDate"])].append(r)
        for start, group in sorted(periods.items()):
            new = [r for r in group if r["FirstPurchaseDate"] >= start]
            returning = [r for r in group if r["FirstPurchaseDate"] < start]
            new_customers = len({r["CustID"] for r in new})
            returning_customers = len({r["CustID"] for r in returning})
            new_sales = sum((r["Amount"] for r in new), Decimal(0))
            returning_sales = sum((r["Amount"] for r in returning), Decimal(0))
            gaps = [r["DaysSincePrevious"] for r in group if r["DaysSincePrevious"] is not None]
            rows.append((
                grain,
                start,
                new_customers,
                returning_customers,
                new_sales,
                returning_sales,
                _ratio(new_sales, new_sales + returning_sales),
                _ratio(new_sales, new_customers),
                _ratio(returning_sales, returning_customers),
                _mean(gaps),
            ))
    return list(COMPOSITION_COLUMNS), rows
