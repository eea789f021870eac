"""Every primitive of a dialect, run on its real engine and checked against known values.

SQL text proves nothing by itself: `STR_TO_DATE(...)` can parse on one engine and not exist on
another, and `1 / 3` can be 0.3333 on one and 0.333333333333 on the next. Each test here builds
a primitive with the engine's own dialect, runs it in a SELECT and compares the value.
"""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from sqlglot import exp

from semview.dialects import Dialect, get_dialect
from semview.generator.model import DataType, DateFormat

from .harness import ENGINE_NAMES

D = datetime.date
SLASHED = "%Y/%m/%d"

ROWS = {
    "Customer": [  # CustID 1 has no CustomerGroup row: the LEFT JOIN must give NULL for it
        {"CustID": 1, "CustName": "A", "GrpID": 7, "SCID": 2, "Lat": None, "Lng": None, "CreatedDate": "2024/06/30"},
        {"CustID": 2, "CustName": "B", "GrpID": 1, "SCID": 3, "Lat": None, "Lng": None, "CreatedDate": None},
        {"CustID": 3, "CustName": "C", "GrpID": 1, "SCID": 0, "Lat": None, "Lng": None, "CreatedDate": "2024/01/05"},
    ],
    "CustomerGroup": [{"GrpID": 1, "GrpName": "Retail"}],
    "Factor": [  # Amount / Discount: 7.00 / 2.00, 1.00 / 3.00, 5.00 / 0.00
        {"FactorID": 1, "CustID": 1, "SCID": 2, "SellerID": None, "FactorDate": "2024/06/30",
         "Amount": Decimal("7.00"), "Discount": Decimal("2.00"), "Cost": None, "Status": "final"},
        {"FactorID": 2, "CustID": 2, "SCID": 3, "SellerID": None, "FactorDate": "2024/04/02",
         "Amount": Decimal("1.00"), "Discount": Decimal("3.00"), "Cost": None, "Status": "final"},
        {"FactorID": 3, "CustID": 3, "SCID": 0, "SellerID": None, "FactorDate": "2024/02/28",
         "Amount": Decimal("5.00"), "Discount": Decimal("0.00"), "Cost": None, "Status": "final"},
    ],
    "FactorDetail": [  # ProductID 1, 2, 2 and UnitPrice 1.00, 2.00, 2.00: both average 5/3
        {"FactorID": 1, "LineNo": n, "ProductID": p, "Qty": Decimal("1.000"), "UnitPrice": Decimal(f"{p}.00")}
        for n, p in ((1, 1), (2, 2), (3, 2))
    ],
}


@pytest.fixture(scope="module")
def db(engine):
    """The engine loaded with ROWS (once per engine: no test here writes to a table), and its dialect."""
    engine.load(ROWS)
    return engine, get_dialect(engine.name)


def column(name: str, table: str | None = None) -> exp.Column:
    return exp.column(name, table)


def select(db, *values: exp.Expression, table: str | None = None, order: str | None = None) -> list[tuple]:
    """The rows of `SELECT values FROM table ORDER BY order` on the engine."""
    engine, dialect = db
    query = exp.select(*(exp.alias_(v, f"v{i}") for i, v in enumerate(values)))
    if table:
        query = query.from_(table).order_by(order) if order else query.from_(table)
    return engine.query(dialect.generate(query))[1]


def one(db, *values: exp.Expression) -> tuple:
    (row,) = select(db, *values)
    return row


def as_date(value):
    """`value`, checked to be a DATE (the harness turns SQLite's 'YYYY-MM-DD' text into one); a datetime fails."""
    assert value is None or (isinstance(value, D) and not isinstance(value, datetime.datetime)), \
        f"not a DATE: {value!r}"
    return value


def lit(dialect: Dialect, iso: str) -> exp.Expression:
    return dialect.date_literal(D.fromisoformat(iso))


# -- dates stored as text -----------------------------------------------------------------


def test_parse_date(db):
    _, d = db
    rows = select(db, d.parse_date(column("CreatedDate"), SLASHED), table="Customer", order="CustID")
    assert [as_date(v) for (v,) in rows] == [D(2024, 6, 30), None, D(2024, 1, 5)]
    # Other field orders, as literals.
    dmy = d.parse_date(exp.Literal.string("05.01.2024"), "%d.%m.%Y")
    iso = d.parse_date(exp.Literal.string("2024-01-05"), "%Y-%m-%d")
    assert [as_date(v) for v in one(db, dmy, iso)] == [D(2024, 1, 5), D(2024, 1, 5)]


def test_format_date_round_trips_zero_padded(db):
    _, d = db
    parsed = d.parse_date(column("FactorDate"), SLASHED)
    rows = select(db, d.format_date(parsed, SLASHED), column("FactorDate"), table="Factor", order="FactorID")
    assert [text for text, _ in rows] == [original for _, original in rows] == ["2024/06/30", "2024/04/02", "2024/02/28"]
    assert one(db, d.format_date(lit(d, "2024-01-05"), SLASHED)) == ("2024/01/05",)


def test_date_literal_compares_with_parsed_dates(db):
    _, d = db
    assert as_date(one(db, lit(d, "2024-06-30"))[0]) == D(2024, 6, 30)
    query = exp.select("CustID").from_("Customer").where(
        exp.EQ(this=d.parse_date(column("CreatedDate"), SLASHED), expression=lit(d, "2024-01-05")))
    assert db[0].query(d.generate(query))[1] == [(3,)]


# -- date arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "days"), [
    ("2024-04-02", "2024-06-30", 89),
    ("2024-06-30", "2024-04-02", -89),
    ("2024-02-28", "2024-03-01", 2),  # across a leap day
    ("2023-12-31", "2024-01-01", 1),  # across a year end
])
def test_days_between(db, start, end, days):
    _, d = db
    (value,) = one(db, d.days_between(lit(d, start), lit(d, end)))
    assert value == days and isinstance(value, int), repr(value)


def test_days_between_parsed_text(db):
    _, d = db
    as_of = lit(d, "2024-06-30")
    rows = select(db, d.days_between(d.parse_date(column("FactorDate"), SLASHED), as_of),
                  table="Factor", order="FactorID")
    assert rows == [(0,), (89,), (123,)]


@pytest.mark.parametrize(("start", "days", "end"), [
    ("2024-06-30", -89, "2024-04-02"),
    ("2024-06-30", 1, "2024-07-01"),
    ("2024-02-28", 1, "2024-02-29"),
    ("2024-01-01", -1, "2023-12-31"),
    ("2024-06-30", 0, "2024-06-30"),
])
def test_add_days_is_a_date(db, request, start, days, end):
    engine, d = db
    (value,) = one(db, d.add_days(lit(d, start), days))
    assert as_date(value) == D.fromisoformat(end)


def test_current_date(db):
    _, d = db
    before = D.today()
    (value,) = one(db, d.current_date())
    assert as_date(value) in {before, D.today()}  # the query may straddle midnight


# -- arithmetic -------------------------------------------------------------------------------


def nullif_zero(value: exp.Expression) -> exp.Expression:
    return exp.Nullif(this=value, expression=exp.Literal.number(0))


@pytest.mark.parametrize(("table", "numerator", "denominator", "key"), [
    ("Customer", "GrpID", "SCID", "CustID"),  # INTEGER / INTEGER
    ("Factor", "Amount", "Discount", "FactorID"),  # DECIMAL(18, 2) / DECIMAL(18, 2)
])
def test_divide_is_true_division(db, table, numerator, denominator, key):
    _, d = db
    quotient = d.divide(column(numerator), nullif_zero(column(denominator)))
    (half,), (third,), (null,) = select(db, quotient, table=table, order=key)
    assert float(half) == 3.5
    assert float(third) == pytest.approx(1 / 3, rel=0, abs=1e-12)
    assert null is None


def test_divide_keeps_compound_operands_together(db):
    _, d = db
    numerator = exp.Sub(this=exp.Literal.number(9), expression=exp.Literal.number(2))
    denominator = exp.Add(this=exp.Literal.number(1), expression=exp.Literal.number(1))
    assert float(one(db, d.divide(numerator, denominator))[0]) == 3.5  # (9 - 2) / (1 + 1)


@pytest.mark.parametrize("value", ["ProductID", "UnitPrice"])  # INTEGER 1, 2, 2 and DECIMAL 1.00, 2.00, 2.00
def test_average_is_exact(db, value):
    _, d = db
    ((mean,),) = select(db, d.average(column(value)), table="FactorDetail")
    assert float(mean) == pytest.approx(5 / 3, rel=0, abs=1e-12)


@pytest.mark.parametrize(("value", "dtype", "expected"), [
    (exp.Literal.string("42"), DataType("integer"), 42),
    (exp.Literal.string("9000000000"), DataType("bigint"), 9_000_000_000),
    (exp.Literal.string("2.5"), DataType("double"), 2.5),
    (exp.Literal.string("1234.5"), DataType("decimal", 18, 2), Decimal("1234.50")),
    (exp.Literal.number(7), DataType("string"), "7"),
    (exp.Literal.string("2024-06-30"), DataType("date"), D(2024, 6, 30)),
])
def test_cast(db, value, dtype, expected):
    _, d = db
    (result,) = one(db, d.cast(value, dtype))
    if dtype.kind == "date":
        result = as_date(result)
    assert result == expected
    assert type(result) is not bool


@pytest.mark.parametrize(("numerator", "expected"), [(5, Decimal("1.67")), (-5, Decimal("-1.67"))])
def test_cast_to_decimal_rounds(db, numerator, expected):
    _, d = db
    third = d.divide(exp.Literal.number(numerator), exp.Literal.number(3))
    (result,) = one(db, d.cast(third, DataType("decimal", 18, 2)))
    assert float(result) == pytest.approx(float(expected), rel=0, abs=1e-9)


# -- views ----------------------------------------------------------------------------------


def test_create_view_twice_keeps_case_and_outer_join_nulls(db):
    engine, d = db
    query = (
        exp.select(
            exp.alias_(column("CustID", "c"), "CustID", quoted=True),
            exp.alias_(column("GrpID", "g"), "GroupKey", quoted=True),
            exp.alias_(column("GrpName", "g"), "GrpName", quoted=True),
        )
        .from_("Customer AS c")
        .join("CustomerGroup AS g", on="c.GrpID = g.GrpID", join_type="LEFT")
    )
    name = exp.to_table("sv_primitive_view")
    for _ in range(2):  # the second run replaces the first view
        for statement in d.create_view(name.copy(), query.copy()):
            engine.execute_script(d.generate(statement))
    read = exp.select(exp.Star()).from_(name.copy()).order_by(exp.column("CustID", quoted=True))
    columns, rows = engine.query(d.generate(read))
    assert list(columns) == ["CustID", "GroupKey", "GrpName"]
    assert [tuple(r) for r in rows] == [(1, None, None), (2, 1, "Retail"), (3, 1, "Retail")]


@pytest.mark.parametrize("day, unit, start", [
    ("2024-08-15", "year", "2024-01-01"), ("2024-08-15", "quarter", "2024-07-01"),
    ("2024-03-31", "quarter", "2024-01-01"), ("2024-12-31", "quarter", "2024-10-01"),
    ("2024-10-01", "quarter", "2024-10-01"), ("2024-02-29", "month", "2024-02-01"),
    ("2024-08-15", "day", "2024-08-15"),
])
def test_truncate_date_is_the_periods_first_day(db, day, unit, start):
    _, d = db
    (value,) = one(db, d.truncate_date(lit(d, day), unit))
    assert isinstance(value, D) and not isinstance(value, datetime.datetime), f"not a DATE: {value!r}"
    assert value == D.fromisoformat(start)


# only the engines whose dialect groups text periods on their digits (nothing to skip elsewhere)
@pytest.mark.parametrize("engine", [n for n in ENGINE_NAMES if get_dialect(n).text_period_keys], indirect=True)
@pytest.mark.parametrize("day, unit, start", [
    ("2024/08/15", "year", "2024-01-01"), ("2024/08/15", "quarter", "2024-07-01"),
    ("2024/03/31", "quarter", "2024-01-01"), ("2024/12/31", "quarter", "2024-10-01"),
    ("2024/10/01", "quarter", "2024-10-01"), ("2024/01/01", "quarter", "2024-01-01"),
    ("2024/02/29", "month", "2024-02-01"), ("2024/12/31", "month", "2024-12-01"),
    ("2024/01/31", "month", "2024-01-01"), ("2024/08/15", "day", "2024-08-15"),
])
def test_text_period_key_gives_the_periods_first_day(db, day, unit, start):
    """Where a period of sortable text is grouped on its digits, the key made back into a DATE."""
    _, d = db
    fmt = DateFormat("YYYY/MM/DD", SLASHED)
    key = d.text_period_key(exp.Literal.string(day), fmt, unit)
    (value,) = one(db, d.text_period_start(key, fmt, unit))
    assert as_date(value) == D.fromisoformat(start)
