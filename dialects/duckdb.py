"""DuckDB: sqlglot's defaults are DuckDB's own spelling, except date arithmetic; `latest` is a top-N aggregate."""
from __future__ import annotations

from sqlglot import exp

from .base import Dialect, operand


class DuckDB(Dialect):
    name = "duckdb"
    sqlglot_name = "duckdb"
    title = "DuckDB 1.1+"
    verified = "engine"
    # ARG_MIN over a row value compares it field by field, as ORDER BY would (bench/README.md:
    # CustomerVisitLogsView, the WINDOW over the reason counts against a hash aggregate).
    # https://duckdb.org/docs/stable/sql/functions/aggregates#arg_minarg-val
    top_value_aggregate = True
    # Grouping on a quarter read from the text's digits instead of DATE_TRUNC(STRPTIME()) on every
    # row: CustomerQuarterlyPurchasesView 1.17 -> 1.0x of the hand-written query (bench/README.md).
    text_period_keys = True
    # arg_max / max_by read each row once in the aggregation; ROW_NUMBER sorted every row of
    # the scope first (bench/README.md: CustAssignToSellerView, CustomerSingleView).
    latest_aggregate = True
    # No aggregate_filter: DuckDB slices the rows per FILTERed aggregate; with several conditions
    # in a scope CASE measured faster (OrderCollectionAnalyticsView 1.25x with FILTER), with one
    # shared condition FILTER did (CustomerPotentialSignalsView 1.09 -> 1.03x; bench/README.md,
    # items 18 and 22).
    shared_condition_filter = True
    # CustomerPotentialSignalsView: FULL JOIN of the two aggregates, as its baseline (item 18).
    full_join = True

    # A function that cannot raise runs once per distinct value of a column read
    # dictionary-compressed from storage, as stored dates are; one that can raise (STRPTIME, CAST)
    # runs on every row (duckdb PRs 15152 and 18127). So a stored date is parsed, and its digits
    # read, with the TRY_ form first: 5-7x less for a parse, a third less for CustomerQuarterly-
    # PurchasesView's quarter key (bench/README.md, item 26). The strict form, run only on the
    # rows the TRY_ form left NULL, keeps the error that a malformed date raises. Only a column
    # can arrive as a dictionary: an aggregate's text (a last purchase date) is read strictly once.

    def parse_date(self, text: exp.Expression, strftime: str) -> exp.Expression:
        strict = super().parse_date(text, strftime)
        return _tried(text, exp.StrToDate(this=text.copy(), format=exp.Literal.string(strftime), safe=True), strict)

    def text_digits(self, text: exp.Expression, start: int, length: int) -> exp.Expression:
        strict = super().text_digits(text, start, length)
        return _tried(text, exp.TryCast(this=strict.this.copy(), to=strict.to.copy()), strict)

    def add_days(self, date: exp.Expression, days: int) -> exp.Expression:
        # DATE ± INTERVAL is a TIMESTAMP on DuckDB; DATE ± integer stays a DATE.
        # https://duckdb.org/docs/stable/sql/functions/date
        if days < 0:
            return exp.Sub(this=operand(date), expression=exp.Literal.number(-days))
        return exp.Add(this=operand(date), expression=exp.Literal.number(days))

    def latest(self, value: exp.Expression, order: list[exp.Expression], offset: int, count: int,
               condition: exp.Expression | None, value_never_null: bool = False,
               order_never_null: tuple[bool, ...] = ()) -> exp.Expression:
        # The ordering is one STRUCT compared field by field; a NULL field compares above every
        # value there, so each column that may be NULL is preceded by `column IS NOT NULL` to
        # rank NULL lowest. arg_max_null keeps a NULL value (arg_max and the top-N form skip
        # rows whose value is NULL), so the top-N form reads a value that may be NULL inside a
        # STRUCT, which is never NULL. A column declared `not_null` needs neither guard (the
        # wider key and the STRUCT were 10% of CustomerSingleView, bench/README.md item 20).
        # https://duckdb.org/docs/stable/sql/functions/aggregates#arg_max_nullarg-val
        safe = order_never_null or (False,) * len(order)
        key = exp.Tuple(expressions=[part for column, never_null in zip(order, safe) for part in (
            (column,) if never_null else (exp.Not(this=exp.Is(this=column.copy(), expression=exp.Null())), column))])
        field = exp.to_identifier("v", quoted=True)
        if count == 1:
            top: exp.Expression = exp.Anonymous(this="ARG_MAX_NULL", expressions=[value, key])
        elif value_never_null:  # the offsets of one value share the list of its top `count`
            top = exp.ArgMax(this=value, expression=key, count=exp.Literal.number(count))
        else:
            top = exp.ArgMax(this=exp.Struct(expressions=[exp.PropertyEQ(this=field, expression=value)]),
                             expression=key, count=exp.Literal.number(count))
        if condition is not None:
            top = exp.Filter(this=top, expression=exp.Where(this=condition))
        if count == 1:
            return top
        # past the list's end (fewer rows than offset + 1) the element is NULL
        element = exp.Bracket(this=top, expressions=[exp.Literal.number(offset + 1)], offset=1)
        return element if value_never_null else exp.Dot(this=element, expression=field.copy())


def _tried(text: exp.Expression, loose: exp.Expression, strict: exp.Expression) -> exp.Expression:
    """`loose` (a TRY_ form), then `strict` where it is NULL; `strict` alone unless `text` is a column."""
    if not isinstance(text, exp.Column):
        return strict
    return exp.Coalesce(this=loose, expressions=[strict])
