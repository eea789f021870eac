"""Metrics in words: one sentence generated from agg, expr, filter, window and default.

    count of CustomerVisit rows where HasOrder = 0, in the last window_days days as of
    the as-of date; 0 when none

The sentence is built from the model, never from the description, so it cannot drift
from what the SQL does; fragments are quoted as the analyst wrote them.
"""
from __future__ import annotations

from sqlglot import exp

from ..generator.model import Agg, Metric, Rollup, Source, Window
from ..generator.resolve import Catalog

_AGG = {
    Agg.COUNT: "count of {src} rows",
    Agg.COUNT_DISTINCT: "number of distinct {expr} among {src} rows",
    Agg.SUM: "sum of {expr} over {src} rows",
    Agg.MIN: "smallest {expr} among {src} rows",
    Agg.MAX: "largest {expr} among {src} rows",
    Agg.AVG: "mean of {expr} over {src} rows",
}
_BINARY = {exp.Add: "plus", exp.Sub: "minus", exp.Mul: "times", exp.Div: "divided by", exp.Mod: "modulo"}


def _text(fragment) -> str:
    return " ".join(fragment.text.split()) if fragment is not None else ""


def _aggregate(agg: Agg, src: str, expr: str | None, order_by: tuple[str, ...] = (), offset: int = 0) -> str:
    if agg is Agg.COUNT and expr:
        return f"count of {src} rows with a non-NULL {expr}"
    if agg.value == "most_frequent":
        return f"most frequent {expr} among {src} rows (ties: the smallest)"
    if agg.value == "latest":
        which = "latest" if not offset else f"{_ordinal(offset)} before the latest"
        return f"{expr} of the {which} {src} row by {', '.join(order_by) or '?'}"
    # An aggregation newer than these docs still reads sensibly.
    return _AGG.get(agg, f"{agg.value} of {{expr}} over {{src}} rows").format(src=src, expr=expr or "")


def _ordinal(n: int) -> str:
    return {1: "the row", 2: "the second row"}.get(n, f"the {n}th row")


def window_words(window: Window | None, source: Source | None) -> str:
    """`in the last 90 days as of the as-of date`, or the cut every time-stamped source gets."""
    if window is not None:
        return f"in the last {window.days} days as of the as-of date"
    if source is not None and source.time:
        return f"on or before the as-of date (by {source.time})"
    return "over all rows"


def metric_sentence(catalog: Catalog, m: Metric) -> str:
    """What `m` computes, as one sentence."""
    if m.derived:
        tree = catalog.fragments.get(m.expr) if m.expr is not None else None
        text = formula_words(tree) if tree is not None else _text(m.expr)
    else:
        source = catalog.sources.get(m.source or "")
        text = _aggregate(m.agg, m.source or "?", _text(m.expr) or None, tuple(getattr(m, "order_by", ())),
                          getattr(m, "offset", 0)) if m.agg else f"a value of {m.source}"
        if m.filter is not None:
            text += f" where {_text(m.filter)}"
        text += ", " + window_words(m.window, source)
        if m.as_text:
            fmt = _text_format(catalog, m)
            text += f", shown as {fmt} text" if fmt else ", shown as text"
    if m.type is not None:
        text += f", as {m.type}"
    text += f"; {m.default} when none" if m.default is not None else ("; NULL when none" if not m.derived else "")
    return text


def rollup_sentence(parent: str, r: Rollup) -> str:
    """`count of FactorDetail rows per Factor row; 0 when none`."""
    text = _aggregate(r.agg, r.source, _text(r.expr) or None) + f" per {parent} row"
    if r.filter is not None:
        text = text.replace(f" per {parent} row", f" where {_text(r.filter)} per {parent} row")
    return text + (f"; {r.default} when none" if r.default is not None else "; NULL when none")


def _text_format(catalog: Catalog, m: Metric) -> str | None:
    source = catalog.sources.get(m.source or "")
    tree = catalog.fragments.get(m.expr) if m.expr is not None else None
    col = source.column(tree.name) if source is not None and isinstance(tree, exp.Column) else None
    return col.date_format.pattern if col is not None and col.date_format is not None else None


def formula_words(node: exp.Expression) -> str:
    """A formula read aloud: `days from A to B divided by (C minus 1, NULL when that is 0)`."""
    if isinstance(node, exp.Paren):
        return formula_words(node.this)
    if isinstance(node, exp.Column):
        return node.name
    if isinstance(node, exp.Literal):
        return node.this if not node.is_string else f"'{node.this}'"
    if isinstance(node, exp.Neg):
        return f"minus {_operand(node.this)}"
    for cls, word in _BINARY.items():
        if type(node) is cls:
            return f"{_operand(node.this)} {word} {_operand(node.expression)}"
    if isinstance(node, exp.Anonymous) and node.name.lower() == "days_between" and len(node.expressions) == 2:
        a, b = node.expressions
        return f"days from {_operand(a)} to {_operand(b)}"
    if isinstance(node, exp.Nullif):
        return f"{formula_words(node.this)}, NULL when that is {formula_words(node.expression)}"
    if isinstance(node, exp.Coalesce):
        rest = " or ".join(formula_words(e) for e in node.expressions)
        return f"{formula_words(node.this)}, or {rest} when that is NULL"
    if isinstance(node, exp.Abs):
        return f"absolute value of {_operand(node.this)}"
    if isinstance(node, (exp.Greatest, exp.Least)):
        word = "larger" if isinstance(node, exp.Greatest) else "smaller"
        args = [node.this, *node.expressions]
        return f"the {word} of " + ", ".join(_operand(a) for a in args[:-1]) + f" and {_operand(args[-1])}"
    if isinstance(node, exp.Round):
        places = node.args.get("decimals")
        return f"{_operand(node.this)} rounded" + (f" to {formula_words(places)} decimals" if places else "")
    return node.sql(dialect="duckdb")  # anything rarer reads best as the SQL itself


def _operand(node: exp.Expression) -> str:
    """Compound operands get parentheses, so `a / (b - 1)` is not read as `a / b - 1`."""
    words = formula_words(node)
    inner = node.this if isinstance(node, exp.Paren) else node
    if isinstance(inner, (exp.Binary, exp.Nullif, exp.Coalesce)) and not isinstance(inner, exp.Column):
        return f"({words})"
    return words
