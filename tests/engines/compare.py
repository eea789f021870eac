"""Compare an engine's result with the expected one, the way the engine tests need.

    >>> from decimal import Decimal
    >>> actual = (["CustID", "Total"], [(2, Decimal("7.50")), (1, 3.0)])
    >>> expected = (["CustID", "Total"], [(1, 3), (2, 7.5)])
    >>> assert_same_rows(actual, expected, keys=["CustID"])

Rules: column names and order must be equal; rows are paired after sorting by
``keys`` (None first; the rest of the row breaks ties); None equals only None;
an expected ``int`` must be matched exactly (``Decimal("3.00")`` or ``3.0``
pass, ``3.0000001`` does not; ``bool`` counts as int, for engines without a
boolean); other numbers are equal within 1e-9 relative (1e-9 absolute near 0),
NaN equal to NaN; strings, dates and timestamps must be equal and of the same
kind (a ``date`` never equals a ``datetime``), except that SQLite's ISO text
(``harness.IsoText``) equals both the date and the text.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .harness import IsoText

Result = tuple[Sequence[str], Sequence[Sequence[Any]]]

REL_TOL = 1e-9
ABS_TOL = 1e-9
_SHOWN = 5  # differing rows shown in a failure message


def assert_same_rows(actual: Result, expected: Result, keys: list[str]) -> None:
    """Raise AssertionError with the first differing rows unless ``actual`` matches ``expected``."""
    actual_columns, actual_rows = list(actual[0]), [tuple(r) for r in actual[1]]
    expected_columns, expected_rows = list(expected[0]), [tuple(r) for r in expected[1]]
    if actual_columns != expected_columns:
        raise AssertionError(f"columns differ:\n  actual:   {actual_columns}\n  expected: {expected_columns}")
    missing = [k for k in keys if k not in expected_columns]
    if missing:
        raise ValueError(f"key column(s) {missing} not in the columns {expected_columns}")
    key_at = [expected_columns.index(k) for k in keys]

    def order(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(_sort_key(row[i]) for i in key_at) + tuple(_sort_key(v) for v in row)

    actual_rows.sort(key=order)
    expected_rows.sort(key=order)
    problems = []
    if len(actual_rows) == len(expected_rows):
        pairs = list(zip(actual_rows, expected_rows))
    else:
        problems.append(_count_report(actual_rows, expected_rows, key_at, keys))
        # Pair by key, so that one missing row does not make every later row differ.
        by_key: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for row in actual_rows:
            by_key.setdefault(tuple(row[i] for i in key_at), row)
        pairs = [(by_key[k], e) for e in expected_rows if (k := tuple(e[i] for i in key_at)) in by_key] if keys else []
    differing = [(a, e) for a, e in pairs if any(not values_equal(av, ev) for av, ev in zip(a, e))]
    if differing:
        problems.append(
            f"{len(differing)} of {len(pairs)} paired rows differ "
            f"(sorted by {', '.join(keys) or 'all columns'}); first {min(len(differing), _SHOWN)}:"
        )
        problems.extend(_row_report(a, e, actual_columns) for a, e in differing[:_SHOWN])
    if problems:
        raise AssertionError("\n".join(problems))


def values_equal(actual: Any, expected: Any) -> bool:
    """One value against its expectation, by the rules in the module docstring."""
    if actual is None or expected is None:
        return actual is None and expected is None
    if _is_number(actual) or _is_number(expected):
        if not (_is_number(actual) and _is_number(expected)):
            return False
        if _is_nan(actual) or _is_nan(expected):
            return _is_nan(actual) and _is_nan(expected)
        if isinstance(expected, int):  # incl. bool: an integral result must be exact
            return actual == expected
        return math.isclose(float(actual), float(expected), rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(actual, IsoText):  # SQLite: ISO text that is both a date and text
        return bool(actual == expected)
    # Same type: a str never equals a date, nor a date a datetime (a date subclass).
    return type(actual) is type(expected) and actual == expected


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal))


def _is_nan(value: Any) -> bool:
    return (isinstance(value, float) and math.isnan(value)) or (isinstance(value, Decimal) and value.is_nan())


def _sort_key(value: Any) -> tuple[Any, ...]:
    """None first; then values grouped by kind so that mixed kinds never compare."""
    if value is None:
        return (0,)
    if _is_number(value):
        return (1, "number", float("-inf") if _is_nan(value) else value)
    if isinstance(value, IsoText):  # sorts as its text, which is also its date order
        return (1, "str", value.text)
    if isinstance(value, (dt.date, str)):  # a datetime is a date, but its own kind here
        return (1, type(value).__name__, value)
    return (1, type(value).__name__, repr(value))


def _count_report(
    actual: list[tuple[Any, ...]], expected: list[tuple[Any, ...]], key_at: list[int], keys: list[str]
) -> str:
    # Numbers that are equal hash equal (1 == 1.0 == Decimal(1)), so keys match across types.
    actual_keys = Counter(tuple(r[i] for i in key_at) for r in actual)
    expected_keys = Counter(tuple(r[i] for i in key_at) for r in expected)
    only_actual = list((actual_keys - expected_keys).elements())
    only_expected = list((expected_keys - actual_keys).elements())
    return (
        f"row counts differ: actual {len(actual)}, expected {len(expected)}\n"
        f"  ({', '.join(keys)}) only in actual:   {only_actual[:10]}{' ...' if len(only_actual) > 10 else ''}\n"
        f"  ({', '.join(keys)}) only in expected: {only_expected[:10]}{' ...' if len(only_expected) > 10 else ''}"
    )


def _row_report(actual: tuple[Any, ...], expected: tuple[Any, ...], columns: list[str]) -> str:
    differences = ", ".join(
        f"{c}: {a!r} != {e!r}" for c, a, e in zip(columns, actual, expected) if not values_equal(a, e)
    )
    return f"  actual   {actual!r}\n  expected {expected!r}\n  differ   {differences}"
