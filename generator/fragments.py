"""SQL fragments written in YAML: parsed by sqlglot, one expression, allow-listed.

A fragment may use only declared names, a small set of portable functions and
operators, and no comments, subqueries or statements, so a YAML value can never carry
SQL of its own into the generated DDL.
"""
from __future__ import annotations

import re
from typing import Callable

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import TokenType

from .diagnostics import Collector, did_you_mean
from .model import Fragment

# Portable functions users may call; each dialect spells them. `days_between(start, end)`
# is semview's own and becomes the target's date difference.
FUNCTIONS: dict[type[exp.Expression], str] = {
    exp.Coalesce: "coalesce", exp.Nullif: "nullif", exp.Abs: "abs", exp.Round: "round",
    exp.Greatest: "greatest", exp.Least: "least", exp.Lower: "lower", exp.Upper: "upper",
    exp.Trim: "trim", exp.Length: "length", exp.If: "if",
}
SEMVIEW_FUNCTIONS = {"days_between": 2, "period_start": 2}
PERIODS = ("year", "quarter", "month", "day")  # no week: engines disagree on its first day
# Window functions, allowed only in row-level views' columns and only under OVER (...).
_WINDOW_FUNCTIONS = (exp.RowNumber, exp.Rank, exp.DenseRank, exp.Ntile, exp.Lag, exp.Lead, exp.FirstValue,
                     exp.LastValue, exp.Sum, exp.Min, exp.Max, exp.Avg, exp.Count)
_WINDOW_NODES = (exp.Window, exp.WindowSpec, exp.Order, exp.Ordered, exp.Star, *_WINDOW_FUNCTIONS)
_NODES = (
    exp.Column, exp.Identifier, exp.Literal, exp.Boolean, exp.Null, exp.Paren, exp.Neg, exp.Not,
    exp.And, exp.Or, exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.EQ, exp.NEQ, exp.GT, exp.GTE,
    exp.LT, exp.LTE, exp.Is, exp.In, exp.Between, exp.Like, exp.Case, exp.If, exp.Cast, exp.DataType,
    exp.DataTypeParam, exp.Anonymous, exp.Var, *FUNCTIONS,
)
AS_OF = "as_of"  # the view's as-of date, usable in filters
PERIOD_START = "period_start_date"  # in a metric filter: the first day of the row's period


def parse_fragment(fragment: Fragment, diags: Collector, names: Callable[[str], bool], what: str,
                   allow_as_of: bool = False, qualified: bool = False,
                   windows: bool = False) -> exp.Expression | None:
    """The fragment as one checked sqlglot expression, or None after reporting why not.

    `names(n)` says whether `n` is a declared name in this context (columns, metrics);
    with `qualified`, `alias.column` is allowed and checked as the name "alias.column";
    with `windows`, window functions under OVER (...). `as_of` becomes
    `exp.Placeholder(this="as_of")`; `:name` is a view parameter (checked per view).
    """
    span = fragment.span
    try:
        # A `;` ends a statement, so a fragment never holds one: `Amount > 0;` nor `x; DROP ...`,
        # whether or not what follows parses.
        # The neutral dialect: NULLs sort small, as on most engines, so no NULLS FIRST/LAST
        # needs spelling out (MySQL and SQL Server have no such syntax).
        dialect = Dialect.get_or_raise(None)
        tokens = dialect.tokenize(fragment.text)
        semicolon = next((t.start for t in tokens if t.token_type == TokenType.SEMICOLON), None)
        statements = dialect.parser().parse(tokens, fragment.text) if semicolon is None else []
    except (ParseError, TokenError) as exc:
        detail = exc.errors[0] if isinstance(exc, ParseError) and exc.errors else {}
        at = span.shifted(max(int(detail.get("col", 1) or 1) - 1, 0)) if detail.get("line", 1) == 1 else span
        message = str(detail.get("description") or exc).splitlines()[0]
        diags.error("SV120", f"{what} does not parse: {message}", at,
                    "write one SQL expression, e.g. Status <> 'canceled'")
        return None
    statements = [s for s in statements if s is not None]
    if len(statements) != 1 or semicolon is not None:
        found = f"{len(statements)} statements" if semicolon is None else "';'"
        at = span.shifted(semicolon) if semicolon is not None and "\n" not in fragment.text[:semicolon] else span
        diags.error("SV121", f"{what} must be one expression, found {found}", at,
                    "remove ';' and everything after it")
        return None
    tree = statements[0]
    if isinstance(tree, (exp.Query, exp.DDL, exp.DML, exp.Command)) or not isinstance(tree, exp.Expression):
        diags.error("SV121", f"{what} must be an expression, not a {tree.key.upper()} statement", span,
                    "write only the condition or value, e.g. Amount * 2")
        return None
    ok = True
    for node in tree.walk():
        if node.comments:
            diags.error("SV122", f"{what} contains a comment", _locate(fragment, "--", "/*"),
                        "remove the -- or /* */ comment")
            return None
        if windows and isinstance(node, _WINDOW_NODES):
            if isinstance(node, _WINDOW_FUNCTIONS) and not isinstance(node.parent, exp.Window):
                diags.error("SV122", f"{what} uses {node.key.upper()} without OVER (...)", span,
                            "aggregate rows in a view with `grain`; here write e.g. SUM(x) OVER (PARTITION BY k)")
                ok = False
            elif isinstance(node, exp.Star) and not isinstance(node.parent, exp.Count):
                diags.error("SV122", f"{what} may not contain *", span, "name the columns")
                ok = False
            continue
        if isinstance(node, exp.Placeholder):
            if not node.name or node.name == AS_OF:
                diags.error("SV122", f"{what} has a placeholder without a parameter name", span,
                            "write :name for a view parameter, or as_of for the as-of date")
                ok = False
            continue
        if isinstance(node, exp.Anonymous):
            fname = str(node.this).lower()
            if fname == "period_start" and len(node.expressions) == 2 and not (
                    isinstance(node.expressions[0], exp.Literal) and node.expressions[0].is_string
                    and node.expressions[0].name.lower() in PERIODS):
                diags.error("SV122", f"period_start() needs a period in quotes: {', '.join(PERIODS)}", span,
                            "e.g. period_start('quarter', OrderDate)")
                ok = False
            elif fname not in SEMVIEW_FUNCTIONS:
                known = sorted({*FUNCTIONS.values(), *SEMVIEW_FUNCTIONS})
                diags.error("SV122", f"{what} uses unknown function '{node.this}'", _locate(fragment, str(node.this)),
                            did_you_mean(fname, known) or f"allowed functions: {', '.join(known)}")
                ok = False
            elif len(node.expressions) != SEMVIEW_FUNCTIONS[fname]:
                diags.error("SV122", f"{fname}() takes {SEMVIEW_FUNCTIONS[fname]} arguments", span,
                            "write days_between(start, end) or period_start('month', date)")
                ok = False
        elif not isinstance(node, _NODES):
            diags.error("SV122", f"{what} may not contain {_describe(node)}", _locate(fragment, _written(node)),
                        "fragments are single expressions over declared columns: operators, CASE, CAST and "
                        f"the functions {', '.join(sorted({*FUNCTIONS.values(), *SEMVIEW_FUNCTIONS}))}")
            return None  # its children would only repeat the same complaint
        elif isinstance(node, exp.Column):
            if node.args.get("db") or node.args.get("catalog") or (node.table and not qualified):
                diags.error("SV122", f"{what} may not qualify column '{node.sql()}' with a table",
                            _locate(fragment, node.parts[0].name),
                            f"write just '{node.name}'")
                ok = False
            elif node.table and not names(f"{node.table}.{node.name}"):
                diags.error("SV123", f"{what} references undeclared column '{node.table}.{node.name}'",
                            _locate(fragment, node.name), _hint(f"{node.table}.{node.name}", names))
                ok = False
            elif not node.table and not names(node.name) and \
                    not (allow_as_of and node.name in (AS_OF, PERIOD_START) and not node.this.quoted):
                diags.error("SV123", f"{what} references undeclared column '{node.name}'",
                            _locate(fragment, node.name), _hint(node.name, names))
                ok = False
    if not ok:
        return None
    if allow_as_of:
        tree = tree.transform(lambda n: exp.Placeholder(this=n.name)
                              if isinstance(n, exp.Column) and n.name in (AS_OF, PERIOD_START) and not n.table
                              and not n.this.quoted and not names(n.name) else n)
    return tree


def parameters(tree: exp.Expression) -> list[exp.Placeholder]:
    """The `:name` view parameters a fragment uses."""
    return [p for p in tree.find_all(exp.Placeholder) if p.name not in (AS_OF, PERIOD_START)]


def _hint(name: str, names: Callable[[str], bool]) -> str:
    pool = getattr(names, "candidates", None)
    return (did_you_mean(name, pool) if pool else None) or "declare it under the source's columns"


def _written(node: exp.Expression) -> str:
    """How `node` starts in the text, to point at it: a function's name, SELECT, or nothing."""
    if isinstance(node, (exp.Subquery, exp.Query)):
        return "select"
    return node.sql_name() if isinstance(node, exp.Func) else ""


def _locate(fragment: Fragment, *texts: str):
    """Where the first of `texts` appears in the fragment (ignoring case), if on its first line;
    else the fragment's start."""
    found = [m.start() for m in (re.search(re.escape(t), fragment.text, re.I) for t in texts) if m]
    offset = min(found, default=-1)
    return fragment.span.shifted(offset) if offset >= 0 and "\n" not in fragment.text[:offset] else fragment.span


def _describe(node: exp.Expression) -> str:
    if isinstance(node, (exp.Subquery, exp.Query)):
        return "a subquery"
    if isinstance(node, exp.Func):
        return f"the function {node.sql_name() if hasattr(node, 'sql_name') else node.key}"
    return f"'{node.key}'"


class NameSet:
    """A name predicate that also offers its names for "did you mean" hints.

    Sorted only when a hint is wanted: one is built per fragment, and sorting every metric
    name for each formula made resolving quadratic in the number of metrics. A set or a
    dict (e.g. the catalog's metrics by name) is used as it is, not copied.
    """

    def __init__(self, names: set[str] | dict[str, object] | list[str]) -> None:
        self._names = names if isinstance(names, (set, frozenset, dict)) else set(names)

    @property
    def candidates(self) -> list[str]:
        return sorted(self._names)

    def __call__(self, name: str) -> bool:
        return name in self._names


def referenced_columns(tree: exp.Expression) -> list[str]:
    """Column names a checked fragment uses, in order of appearance, without repeats."""
    seen: dict[str, None] = {}
    for col in tree.find_all(exp.Column):
        seen.setdefault(col.name, None)
    return list(seen)
