"""Plain-Python reference of ``CustomerPotentialAnalyticsView``.

Written from ``spec/customer-potential.md`` alone, without SQL and without the
semview package, so that the SQL every dialect generates can be checked
against an independent computation over the same rows.

Result types (what the engine tests compare against):

* SCID, CustID, GrpID, CountFactor, CountNotOrder, MinSKU, MaxSKU: ``int``
  (GrpID ``None`` when the Customer row or its GrpID is missing);
* Lat, Lng: ``float`` or ``None``;
* MinAmount, MaxAmount: ``Decimal`` (exact: they are source values);
* AvgAmount: ``Decimal``, the exact sum divided by the count in a 28-digit
  decimal context, so it may differ from an engine's rounded average in the
  last digits: compare with a relative tolerance (1e-9);
* AveFactorFerq, AvgSKU: ``float``;
* LastVisitDate, LastFacktorDate: zero-padded ``'YYYY/MM/DD'`` strings.

Example::

    columns, rows = customer_potential(tables, datetime.date(2024, 6, 30))
"""

from __future__ import annotations

import datetime
import decimal
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

COLUMNS: tuple[str, ...] = (
    "SCID",
    "CustID",
    "GrpID",
    "Lat",
    "Lng",
    "MinAmount",
    "MaxAmount",
    "AvgAmount",
    "CountFactor",
    "AveFactorFerq",
    "CountNotOrder",
    "MinSKU",
    "MaxSKU",
    "AvgSKU",
    "LastVisitDate",
    "LastFacktorDate",
)

# A 28-digit context is what Decimal uses by default; fixing it here keeps the
# reference independent of whatever context the caller has installed.
_AVG_CONTEXT = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)


def parse_erp_date(text: str) -> datetime.date:
    """Parse an ERP date string ``'YYYY/MM/DD'`` (also tolerates ``'2024/9/3'``).

    >>> parse_erp_date("2024/06/30")
    datetime.date(2024, 6, 30)
    """
    year, month, day = (int(part) for part in text.strip().split("/"))
    return datetime.date(year, month, day)


def format_erp_date(value: datetime.date) -> str:
    """Format a date the way the view exposes it: zero-padded ``'YYYY/MM/DD'``."""
    return f"{value.year:04d}/{value.month:02d}/{value.day:02d}"


def _to_decimal(value: Any) -> Decimal:
    # Engines hand DECIMAL back as Decimal, but fixtures may use int or str;
    # going through str keeps a float's shortest repr instead of its binary
    # expansion.
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


@dataclass(slots=True)
class _Pair:
    """What the view needs to know about one (SCID, CustID) pair."""

    amounts: list[Decimal] = field(default_factory=list)
    invoice_dates: list[datetime.date] = field(default_factory=list)
    baskets: list[int] = field(default_factory=list)
    visits_in_window: int = 0
    no_order_visits: int = 0
    last_visit: datetime.date | None = None
    last_invoice: datetime.date | None = None


def _later(current: datetime.date | None, candidate: datetime.date) -> datetime.date:
    return candidate if current is None or candidate > current else current


def customer_potential(
    tables: Mapping[str, Iterable[Mapping[str, Any]]],
    as_of: datetime.date,
    window_days: int = 90,
) -> tuple[list[str], list[tuple]]:
    """Compute CustomerPotentialAnalyticsView over ``tables`` as of ``as_of``.

    ``tables`` maps a table name of the reference schema to its rows (dicts
    keyed by column name); only Customer, Factor, FactorDetail and
    CustomerVisit are read, and a missing table counts as empty. Returns the
    column names in the contract's order and one tuple per row, sorted by
    (SCID, CustID).
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    window_start = as_of - datetime.timedelta(days=window_days - 1)

    def in_window(day: datetime.date) -> bool:
        return window_start <= day <= as_of

    # Basket size counts lines, so an invoice absent from FactorDetail has 0.
    lines_per_invoice: dict[int, int] = defaultdict(int)
    for line in tables.get("FactorDetail", ()):
        lines_per_invoice[int(line["FactorID"])] += 1

    pairs: dict[tuple[int, int], _Pair] = defaultdict(_Pair)

    for invoice in tables.get("Factor", ()):
        if invoice["Status"] == "canceled":
            continue
        day = parse_erp_date(invoice["FactorDate"])
        if day > as_of:
            continue
        pair = pairs[(int(invoice["SCID"]), int(invoice["CustID"]))]
        pair.last_invoice = _later(pair.last_invoice, day)
        if in_window(day):
            pair.amounts.append(_to_decimal(invoice["Amount"]))
            pair.invoice_dates.append(day)
            pair.baskets.append(lines_per_invoice.get(int(invoice["FactorID"]), 0))

    for visit in tables.get("CustomerVisit", ()):
        day = parse_erp_date(visit["VisitDate"])
        if day > as_of:
            continue
        pair = pairs[(int(visit["SCID"]), int(visit["CustID"]))]
        pair.last_visit = _later(pair.last_visit, day)
        if in_window(day):
            pair.visits_in_window += 1
            if int(visit["HasOrder"]) == 0:
                pair.no_order_visits += 1

    customers = {int(row["CustID"]): row for row in tables.get("Customer", ())}

    rows: list[tuple] = []
    for (scid, cust_id), pair in sorted(pairs.items()):
        count = len(pair.amounts)
        # Pairs seen only outside the window (or only through recency) are
        # not rows of the view.
        if count == 0 and pair.visits_in_window == 0:
            continue
        customer = customers.get(cust_id)
        grp_id = customer.get("GrpID") if customer is not None else None
        lat = customer.get("Lat") if customer is not None else None
        lng = customer.get("Lng") if customer is not None else None
        if count:
            total = sum(pair.amounts, Decimal(0))
            avg_amount: Decimal | None = _AVG_CONTEXT.divide(total, Decimal(count))
            first, last = min(pair.invoice_dates), max(pair.invoice_dates)
            ave_ferq = (last - first).days / (count - 1) if count >= 2 else None
            min_sku: int | None = min(pair.baskets)
            max_sku: int | None = max(pair.baskets)
            avg_sku: float | None = sum(pair.baskets) / count
        else:
            avg_amount = ave_ferq = min_sku = max_sku = avg_sku = None
        rows.append(
            (
                scid,
                cust_id,
                None if grp_id is None else int(grp_id),
                None if lat is None else float(lat),
                None if lng is None else float(lng),
                min(pair.amounts) if count else None,
                max(pair.amounts) if count else None,
                avg_amount,
                count,
                ave_ferq,
                pair.no_order_visits,
                min_sku,
                max_sku,
                avg_sku,
                None if pair.last_visit is None else format_erp_date(pair.last_visit),
                None if pair.last_invoice is None else format_erp_date(pair.last_invoice),
            )
        )
    return list(COLUMNS), rows
