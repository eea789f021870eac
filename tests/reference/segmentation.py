"""Plain-Python references of the seven segmentation views (views/segmentation.yml).

Written from the view and metric definitions alone (metrics/segmentation.yml,
orders.yml, visits.yml, customer_potential.yml and docs/model.md), without SQL
and without the semview package. Each function takes ``(tables, as_of,
params)`` and returns ``(column_names, rows)``.

Rules used throughout:

* a purchase is a ``Factor`` row with ``Status <> 'canceled'`` (SQL: a NULL
  status does not pass either) dated on or before ``as_of``; a visit is a
  ``CustomerVisit`` row dated on or before ``as_of``;
* ``window: window_days`` = ``as_of - (window_days - 1) <= day <= as_of``;
* ``default: 0`` replaces a NULL aggregate (no rows, or a sum over NULLs only);
* ``/`` is true division; ``days_between(a, b)`` = ``(b - a).days``; NULL in,
  NULL out;
* window functions have standard SQL semantics (NTILE, ROW_NUMBER, SUM ... ROWS
  BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW, MIN/MAX OVER () ignoring NULL).

Types: ids and counts ``int``; DECIMAL sums and amounts ``Decimal``; means,
ratios and scores ``float``; dates ``datetime.date``; text ``str``.
"""
from __future__ import annotations

import datetime
import decimal
from collections import defaultdict
from decimal import Decimal
from typing import Any

from tests.reference.customer_potential import customer_potential, parse_erp_date
from tests.reference.insights import period_start

_CTX = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _div(numerator: Any, denominator: Any) -> Decimal | None:
    """Exact-enough true division of two numbers; None when either is NULL or the denominator is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return _CTX.divide(Decimal(str(numerator)) if isinstance(numerator, float) else Decimal(numerator),
                       Decimal(str(denominator)) if isinstance(denominator, float) else Decimal(denominator))


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _purchases(tables: dict, as_of: datetime.date) -> list[dict]:
    """Non-canceled invoices on or before as_of, with FactorDate parsed."""
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
            "Date": day,
            "Amount": _dec(invoice["Amount"]),
            "Cost": None if invoice.get("Cost") is None else _dec(invoice["Cost"]),
        })
    return rows


def _visits(tables: dict, as_of: datetime.date) -> list[dict]:
    rows = []
    for visit in tables.get("CustomerVisit", ()):
        day = parse_erp_date(visit["VisitDate"])
        if day <= as_of:
            rows.append({"CustID": int(visit["CustID"]), "Date": day})
    return rows


def _ntile(buckets: int, count: int) -> list[int]:
    """NTILE(buckets) of ``count`` ordered rows: the first count % buckets groups get one row more."""
    size, larger = divmod(count, buckets)
    result = []
    for index in range(count):
        if index < larger * (size + 1):
            result.append(index // (size + 1) + 1)
        else:
            result.append(larger + (index - larger * (size + 1)) // size + 1)
    return result


# --------------------------------------------------------------------------- quarterly RFM

QUARTERLY_COLUMNS = ["CustID", "QuarterStart", "Frequency", "Monetary", "Profit"]


def _quarterly(tables: dict, as_of: datetime.date) -> list[tuple]:
    groups: dict[tuple[int, datetime.date], list[dict]] = defaultdict(list)
    for p in _purchases(tables, as_of):
        groups[(p["CustID"], period_start("quarter", p["Date"]))].append(p)
    rows = []
    for (cust_id, quarter), group in sorted(groups.items()):
        # QuarterProfit: sum of Amount - Cost over the invoices whose Cost is known; 0 when none.
        profit = sum((p["Amount"] - p["Cost"] for p in group if p["Cost"] is not None), Decimal(0))
        rows.append((cust_id, quarter, len(group), sum((p["Amount"] for p in group), Decimal(0)), profit))
    return rows


def customer_quarterly_purchases(tables: dict, as_of: datetime.date, params: dict):
    """CustomerQuarterlyPurchasesView: invoices, amount and profit per customer and calendar quarter."""
    return list(QUARTERLY_COLUMNS), _quarterly(tables, as_of)


PURCHASE_DATES_COLUMNS = ["CustID", "FirstPurchaseDate", "LastPurchaseDate"]


def _purchase_dates(tables: dict, as_of: datetime.date) -> dict[int, tuple[datetime.date, datetime.date]]:
    dates: dict[int, tuple[datetime.date, datetime.date]] = {}
    for p in _purchases(tables, as_of):
        first, last = dates.get(p["CustID"], (p["Date"], p["Date"]))
        dates[p["CustID"]] = (min(first, p["Date"]), max(last, p["Date"]))
    return dates


def customer_purchase_dates(tables: dict, as_of: datetime.date, params: dict):
    """CustomerPurchaseDatesView: first and latest purchase date per customer."""
    return list(PURCHASE_DATES_COLUMNS), [(c, f, l) for c, (f, l) in sorted(_purchase_dates(tables, as_of).items())]


RFM_COLUMNS = ["CustID", "QuarterStart", "Frequency", "Monetary", "Profit", "FrequencyScore", "ProfitScore",
               "Segment", "FirstPurchaseDate", "LastPurchaseDate", "IsRecent"]


def _segment(total: int) -> str:
    if total >= 7:
        return "High Value"
    if total >= 5:
        return "Average"
    if total >= 3:
        return "Below Average"
    return "Low Value"


def customer_quarterly_rfm(tables: dict, as_of: datetime.date, params: dict):
    """CustomerQuarterlyRFMView: quartile scores of Frequency and Profit within each quarter."""
    quarterly = _quarterly(tables, as_of)
    dates = _purchase_dates(tables, as_of)
    by_quarter: dict[datetime.date, list[tuple]] = defaultdict(list)
    for row in quarterly:
        by_quarter[row[1]].append(row)
    frequency_score: dict[tuple[int, datetime.date], int] = {}
    profit_score: dict[tuple[int, datetime.date], int] = {}
    for quarter, group in by_quarter.items():
        by_frequency = sorted(group, key=lambda r: (r[2], r[0]))
        for row, score in zip(by_frequency, _ntile(4, len(group))):
            frequency_score[(row[0], quarter)] = score
        by_profit = sorted(group, key=lambda r: (r[4], r[0]))
        for row, score in zip(by_profit, _ntile(4, len(group))):
            profit_score[(row[0], quarter)] = score
    current_quarter = period_start("quarter", as_of)
    rows = []
    for cust_id, quarter, frequency, monetary, profit in quarterly:
        fs, ps = frequency_score[(cust_id, quarter)], profit_score[(cust_id, quarter)]
        first, last = dates.get(cust_id, (None, None))
        is_recent = 1 if last is not None and last >= current_quarter else 0
        rows.append((cust_id, quarter, frequency, monetary, profit, fs, ps, _segment(fs + ps), first, last,
                     is_recent))
    return list(RFM_COLUMNS), rows


# --------------------------------------------------------------------------- single customer view

SINGLE_COLUMNS = ["CustID", "GrpID", "SCID", "Lat", "Lng", "TOTAL_VISIT", "TOTAL_SPEND", "AVG_WEEKLY_VISIT",
                  "AVG_WEEKLY_SPEND", "AVG_BASKET_SIZE", "LAST_BASKET_SIZE", "PREVIOUS_1BASKET_SIZE",
                  "PREVIOUS_2BASKET_SIZE", "MTBP", "LTV", "ARPU", "VISIT_DIFF"]


def customer_single(tables: dict, as_of: datetime.date, params: dict):
    """CustomerSingleView: one row per customer with a purchase or a visit on or before as_of."""
    lifespan_years = params.get("lifespan_years", 3)
    purchases: dict[int, list[dict]] = defaultdict(list)
    for p in _purchases(tables, as_of):
        purchases[p["CustID"]].append(p)
    visits: dict[int, list[datetime.date]] = defaultdict(list)
    for v in _visits(tables, as_of):
        visits[v["CustID"]].append(v["Date"])
    customers = {int(c["CustID"]): c for c in tables.get("Customer", ())}
    rows = [_single_row(cust_id, sorted(purchases.get(cust_id, []), key=lambda p: (p["Date"], p["FactorID"])),
                        visits.get(cust_id, []), customers.get(cust_id, {}), as_of, lifespan_years)
            for cust_id in sorted(set(purchases) | set(visits))]
    return list(SINGLE_COLUMNS), rows


def _single_row(cust_id: int, history: list[dict], days: list[datetime.date], customer: dict,
                as_of: datetime.date, lifespan_years: Any) -> tuple:
    """One row of CustomerSingleView; ``history`` is the customer's purchases by (FactorDate, FactorID)."""

    def attribute(name: str, kind: type) -> Any:
        value = customer.get(name)
        return None if value is None else kind(value)

    def basket(offset: int) -> Decimal | None:  # `latest` with `offset`: NULL with too few purchases
        return history[-1 - offset]["Amount"] if len(history) > offset else None

    visit_count = len(days)
    invoices = len(history)
    revenue = sum((p["Amount"] for p in history), Decimal(0))  # TotalRevenue, default 0
    first_visit, last_visit = (min(days), max(days)) if days else (None, None)
    first_purchase = history[0]["Date"] if history else None
    last_purchase = history[-1]["Date"] if history else None
    avg_invoice = _CTX.divide(revenue, invoices) if invoices else None  # TotalAvgInvoiceValue

    weekly_visits = None if first_visit is None else _div(visit_count * 7, (as_of - first_visit).days + 1)
    weekly_spend = None if first_purchase is None else _div(revenue * 7, (as_of - first_purchase).days + 1)
    mtbp = None if first_purchase is None else _div((last_purchase - first_purchase).days, invoices - 1)
    # LTV = mean purchase value x purchases x 365.25 / (days from first purchase to as_of + 1) x lifespan
    ltv = None if avg_invoice is None else \
        _CTX.multiply(_div(_CTX.multiply(_CTX.multiply(avg_invoice, invoices), Decimal("365.25")),
                           (as_of - first_purchase).days + 1), Decimal(lifespan_years))
    arpu = _div(revenue, visit_count)  # NULL without visits; 0 with visits but no purchase
    visit_diff = None if first_visit is None else (last_visit - first_visit).days
    return (
        cust_id,
        attribute("GrpID", int),
        attribute("SCID", int),
        attribute("Lat", float),
        attribute("Lng", float),
        visit_count,
        revenue,
        _float(weekly_visits),
        _float(weekly_spend),
        _float(avg_invoice),
        basket(0),
        basket(1),
        basket(2),
        _float(mtbp),
        _float(ltv),
        _float(arpu),
        visit_diff,
    )


# --------------------------------------------------------------------------- ABC classes

WINDOW_REVENUE_COLUMNS = ["CustID", "Revenue"]


def _window_revenue(tables: dict, as_of: datetime.date, window_days: int) -> list[tuple[int, Decimal]]:
    start = as_of - datetime.timedelta(days=window_days - 1)
    revenue: dict[int, Decimal] = {}
    for p in _purchases(tables, as_of):
        if start <= p["Date"] <= as_of:
            revenue[p["CustID"]] = revenue.get(p["CustID"], Decimal(0)) + p["Amount"]
    return sorted(revenue.items())


def customer_window_revenue(tables: dict, as_of: datetime.date, params: dict):
    """CustomerWindowRevenueView: revenue per customer with an invoice in the last window_days days."""
    return list(WINDOW_REVENUE_COLUMNS), _window_revenue(tables, as_of, params.get("window_days", 90))


ABC_COLUMNS = ["CustID", "Revenue", "RevenueRank", "CumulativeRevenue", "AllCustomersRevenue", "CumulativeShare",
               "ABCClass"]


def customer_abc_class(tables: dict, as_of: datetime.date, params: dict):
    """CustomerABCClassView: rank by window revenue (desc, then CustID), cumulative share, A/B/C class."""
    a_percent = params.get("a_percent", 80)
    b_percent = params.get("b_percent", 15)
    ranked = sorted(_window_revenue(tables, as_of, params.get("window_days", 90)), key=lambda r: (-r[1], r[0]))
    total = sum((revenue for _, revenue in ranked), Decimal(0))
    rows = []
    cumulative = Decimal(0)
    for rank, (cust_id, revenue) in enumerate(ranked, start=1):
        cumulative += revenue
        above = cumulative - revenue
        if 100 * above < a_percent * total:
            abc = "A"
        elif 100 * above < (a_percent + b_percent) * total:
            abc = "B"
        else:
            abc = "C"
        rows.append((cust_id, revenue, rank, cumulative, total, _float(_div(cumulative, total)), abc))
    return list(ABC_COLUMNS), rows


# --------------------------------------------------------------------------- potential score

SCORE_COLUMNS = ["CustID", "SCID", "Monetary", "RecencyDays", "MonetaryScore", "FrequencyScore", "RegularityScore",
                 "RecencyScore", "VisitScore", "PotentialIndex"]


def _min_max(values: list, higher_is_better: bool) -> list[Decimal | float]:
    """COALESCE((x - MIN) / NULLIF(MAX - MIN, 0), 0), or (MAX - x) / ... when lower is better.

    MIN and MAX ignore NULLs; a NULL x, no non-NULL value, or MAX = MIN score 0.
    """
    known = [v for v in values if v is not None]
    if not known:
        return [0] * len(values)
    low, high = min(known), max(known)
    scores = []
    for v in values:
        if v is None:
            scores.append(0)
            continue
        score = _div(v - low if higher_is_better else high - v, high - low)
        scores.append(0 if score is None else score)
    return scores


SIGNAL_COLUMNS = ["SCID", "CustID", "AvgAmount", "CountFactor", "AveFactorFerq", "CountNotOrder", "RecencyDays"]


def _signals(tables: dict, as_of: datetime.date, window_days: int) -> list[dict[str, Any]]:
    """CustomerPotentialAnalyticsView's rows, with the days from LastFacktorDate to the as-of date."""
    columns, rows = customer_potential(tables, as_of, window_days)
    signals = [dict(zip(columns, row)) for row in rows]
    for s in signals:
        last = s["LastFacktorDate"]
        s["RecencyDays"] = None if last is None else (as_of - parse_erp_date(last)).days
    return signals


def customer_potential_signals(tables: dict, as_of: datetime.date, params: dict):
    """CustomerPotentialSignalsView: the analytics view's scoring signals, recency as a number of days."""
    signals = _signals(tables, as_of, params.get("window_days", 90))
    return list(SIGNAL_COLUMNS), [tuple(s[c] for c in SIGNAL_COLUMNS) for s in signals]


def customer_potential_score(tables: dict, as_of: datetime.date, params: dict):
    """CustomerPotentialScoreView: min-max scores of CustomerPotentialAnalyticsView's signals, weighted."""
    weights = (params.get("w_monetary", 30), params.get("w_frequency", 25), params.get("w_regularity", 15),
               params.get("w_recency", 20), params.get("w_visits", 10))
    signals = _signals(tables, as_of, params.get("window_days", 90))
    monetary = [_CTX.multiply(Decimal(0) if s["AvgAmount"] is None else _dec(s["AvgAmount"]), s["CountFactor"])
                for s in signals]
    recency = [s["RecencyDays"] for s in signals]
    scores = [
        _min_max(monetary, True),
        _min_max([s["CountFactor"] for s in signals], True),
        _min_max([s["AveFactorFerq"] for s in signals], False),
        _min_max(recency, False),
        _min_max([s["CountNotOrder"] for s in signals], False),
    ]
    rows = []
    for i, s in enumerate(signals):
        row_scores = [Decimal(str(score)) if isinstance(score, float) else Decimal(score) for score in
                      (column[i] for column in scores)]
        weighted = sum((_CTX.multiply(Decimal(w), sc) for w, sc in zip(weights, row_scores)), Decimal(0))
        index = _div(100 * weighted, sum(weights))
        rows.append((s["CustID"], s["SCID"], monetary[i], recency[i], *(float(sc) for sc in row_scores),
                     float(index)))
    return list(SCORE_COLUMNS), rows
