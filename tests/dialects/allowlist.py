"""The SQL functions semview may emit on each target, each with the engine's documentation.

Golden-file tests check `functions_used(sql, dialect) <= set(ALLOWED[dialect])`, so that a
function of another engine (STR_TO_DATE on SQLite, DATE_SUB on SQL Server) cannot leak into a
view unnoticed. A name is listed as the generator spells it (ClickHouse's `formatDateTime` is
case-sensitive); extend a list only with a link to the engine's own documentation.
"""
from __future__ import annotations

import re

import sqlglot
from sqlglot import exp


def _docs(base: str, names: dict[str, str]) -> dict[str, str]:
    return {name: base + page for name, page in names.items()}


_AGGREGATES = ("AVG", "COUNT", "SUM", "MIN", "MAX")

ALLOWED: dict[str, dict[str, str]] = {
    "duckdb": _docs("https://duckdb.org/docs/stable/sql/", {
        "CAST": "expressions/cast",
        "STRPTIME": "functions/dateformat#strptime-examples",
        "TRY_STRPTIME": "functions/dateformat#strptime-examples",  # a stored date, parsed per distinct value
        "TRY_CAST": "expressions/cast#try_cast",
        "STRFTIME": "functions/dateformat#strftime-examples",
        "DATE_DIFF": "functions/date#date_diffpart-startdate-enddate",
        "CURRENT_DATE": "functions/date#current_date",
        "NULLIF": "functions/utility#nullifa-b",
        "COALESCE": "functions/utility#coalesceexpr-",
        "ROUND": "functions/numeric#roundv-numeric-s-integer",
        "ARG_MIN": "functions/aggregates#arg_minarg-val",
        "SUBSTRING": "functions/text#substringstring-start-length",
        "MAKE_DATE": "functions/date#make_dateyear-month-day",
        "ARG_MAX": "functions/aggregates#arg_maxarg-val-n",  # `latest` with an offset
        "ARG_MAX_NULL": "functions/aggregates#arg_max_nullarg-val",  # `latest`
        **{name: "functions/aggregates" for name in _AGGREGATES},
    }),
    "postgres": _docs("https://www.postgresql.org/docs/current/", {
        "TO_DATE": "functions-formatting.html",
        "TO_CHAR": "functions-formatting.html",
        "CURRENT_DATE": "functions-datetime.html#FUNCTIONS-DATETIME-CURRENT",
        "CAST": "sql-expressions.html#SQL-SYNTAX-TYPE-CASTS",
        "NULLIF": "functions-conditional.html#FUNCTIONS-NULLIF",
        "COALESCE": "functions-conditional.html#FUNCTIONS-COALESCE-NVL-IFNULL",
        "ROUND": "functions-math.html",
        "SUBSTRING": "functions-string.html",
        "MAKE_DATE": "functions-datetime.html",
        **{name: "functions-aggregate.html" for name in _AGGREGATES},
    }),
    "sqlite": _docs("https://www.sqlite.org/", {
        "DATE": "lang_datefunc.html",
        "STRFTIME": "lang_datefunc.html",
        "JULIANDAY": "lang_datefunc.html",
        "CURRENT_DATE": "lang_expr.html",
        "CAST": "lang_expr.html#castexpr",
        "REPLACE": "lang_corefunc.html#replace",
        "SUBSTRING": "lang_corefunc.html#substr",
        "ROUND": "lang_corefunc.html#round",
        "NULLIF": "lang_corefunc.html#nullif",
        "COALESCE": "lang_corefunc.html#coalesce",
        **{name: "lang_aggfunc.html" for name in _AGGREGATES},
    }),
    "mysql": _docs("https://dev.mysql.com/doc/refman/8.0/en/", {
        "STR_TO_DATE": "date-and-time-functions.html#function_str-to-date",
        "DATE_FORMAT": "date-and-time-functions.html#function_date-format",
        "DATEDIFF": "date-and-time-functions.html#function_datediff",
        "DATE_ADD": "date-and-time-functions.html#function_date-add",
        "DATE_SUB": "date-and-time-functions.html#function_date-sub",
        "CURRENT_DATE": "date-and-time-functions.html#function_current-date",
        "CAST": "cast-functions.html#function_cast",
        "NULLIF": "flow-control-functions.html#function_nullif",
        "COALESCE": "comparison-operators.html#function_coalesce",
        "ROUND": "mathematical-functions.html#function_round",
        **{name: "aggregate-functions.html" for name in _AGGREGATES},
    }),
    "spark": _docs("https://spark.apache.org/docs/latest/api/sql/index.html#", {
        name: name.lower() for name in (
            "TO_DATE", "DATE_FORMAT", "DATEDIFF", "DATE_ADD", "CURRENT_DATE", "CAST", "NULLIF",
            "COALESCE", "ROUND", *_AGGREGATES)
    }),
    "clickhouse": _docs("https://clickhouse.com/docs/en/sql-reference/", {
        "CAST": "functions/type-conversion-functions#cast",
        "STR_TO_DATE": "functions/type-conversion-functions#parsedatetimeornull",
        "formatDateTime": "functions/date-time-functions#formatdatetime",
        "DATE_DIFF": "functions/date-time-functions#date_diff",
        "DATE_ADD": "functions/date-time-functions#date_add",
        "DATE_SUB": "functions/date-time-functions#date_sub",
        "CURRENT_DATE": "functions/date-time-functions#today",
        "nullIf": "functions/functions-for-nulls#nullif",
        "COALESCE": "functions/functions-for-nulls#coalesce",
        "ROUND": "functions/rounding-functions#round",
        **{name: f"aggregate-functions/reference/{name.lower()}" for name in _AGGREGATES},
    }),
    "snowflake": _docs("https://docs.snowflake.com/en/sql-reference/functions/", {
        "DATE": "to_date",
        **{name: name.lower() for name in (
            "TO_CHAR", "DATEDIFF", "DATEADD", "CURRENT_DATE", "CAST", "NULLIF", "COALESCE", "ROUND",
            *_AGGREGATES)},
    }),
    "bigquery": _docs("https://cloud.google.com/bigquery/docs/reference/standard-sql/", {
        **{name: f"date_functions#{name.lower()}" for name in (
            "PARSE_DATE", "FORMAT_DATE", "DATE_DIFF", "DATE_ADD", "DATE_SUB", "CURRENT_DATE")},
        "CAST": "conversion_functions#cast",
        "NULLIF": "conditional_expressions#nullif",
        "COALESCE": "conditional_expressions#coalesce",
        "ROUND": "mathematical_functions#round",
        **{name: f"aggregate_functions#{name.lower()}" for name in _AGGREGATES},
    }),
    "tsql": _docs("https://learn.microsoft.com/en-us/sql/t-sql/", {
        "CAST": "functions/cast-and-convert-transact-sql",
        "CONVERT": "functions/cast-and-convert-transact-sql",
        "FORMAT": "functions/format-transact-sql",
        "DATEDIFF": "functions/datediff-transact-sql",
        "DATEADD": "functions/dateadd-transact-sql",
        "GETDATE": "functions/getdate-transact-sql",
        "NULLIF": "language-elements/nullif-transact-sql",
        "COALESCE": "language-elements/coalesce-transact-sql",
        "ROUND": "functions/round-transact-sql",
        "COUNT_BIG": "functions/count-big-transact-sql",
        **{name: f"functions/{name.lower()}-transact-sql" for name in _AGGREGATES},
    }),
    "trino": _docs("https://trino.io/docs/current/functions/", {
        **{name: f"datetime.html#{name.lower()}" for name in (
            "DATE_PARSE", "DATE_FORMAT", "DATE_DIFF", "DATE_ADD", "CURRENT_DATE")},
        "CAST": "conversion.html#cast",
        "NULLIF": "conditional.html#nullif",
        "COALESCE": "conditional.html#coalesce",
        "ROUND": "math.html#round",
        **{name: f"aggregate.html#{name.lower()}" for name in _AGGREGATES},
    }),
    "redshift": _docs("https://docs.aws.amazon.com/redshift/latest/dg/", {
        "TO_DATE": "r_TO_DATE_function.html",
        "TO_CHAR": "r_TO_CHAR.html",
        "DATEDIFF": "r_DATEDIFF_function.html",
        "DATEADD": "r_DATEADD_function.html",
        "CURRENT_DATE": "r_CURRENT_DATE_function.html",
        "CAST": "r_CAST_function.html",
        "NULLIF": "r_NULLIF_function.html",
        "COALESCE": "r_NVL_function.html",
        "ROUND": "r_ROUND.html",
        **{name: f"r_{name}.html" for name in _AGGREGATES},
    }),
}

_HEAD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(\()?")


def functions_used(sql: str, dialect: str) -> set[str]:
    """The functions called in `sql`, spelled as written there.

    >>> sorted(functions_used("SELECT CAST(STRPTIME(d, '%Y') AS DATE) FROM t", "duckdb"))
    ['CAST', 'STRPTIME']
    """
    names: set[str] = set()
    for statement in sqlglot.parse(sql, read=dialect):
        for node in statement.find_all(exp.Func) if statement else ():
            if isinstance(node, (exp.Case, exp.If, exp.Connector)):  # CASE, WHEN, AND, OR: syntax
                continue
            if "start" in node.meta:  # the parser recorded where the name was written
                names.add(sql[node.meta["start"]:node.meta["end"] + 1])
                continue
            # CAST(...) and bare CURRENT_DATE are keyword syntax and carry no position; other
            # nodes without one are the parser's own wrappers, whose names are not in the text.
            spelled = node.sql(dialect=dialect)
            head = _HEAD.match(spelled)
            niladic = spelled == (head and head.group(1)) and next(node.iter_expressions(), None) is None
            if head and (head.group(2) or niladic):
                written = re.search(rf"\b{head.group(1)}\b", sql, re.IGNORECASE)
                if written:
                    names.add(written.group(0))
    return names


# Window functions (purchase numbering, previous purchase, quartile scores) and the first day
# of a period, as each engine spells them.
_WINDOWS_AND_PERIODS: dict[str, dict[str, str]] = {
    "duckdb": _docs("https://duckdb.org/docs/stable/sql/functions/", {
        "ROW_NUMBER": "window_functions", "LAG": "window_functions", "NTILE": "window_functions",
        "DATE_TRUNC": "date#date_truncpart-date"}),
    "postgres": _docs("https://www.postgresql.org/docs/current/", {
        "ROW_NUMBER": "functions-window.html", "LAG": "functions-window.html", "NTILE": "functions-window.html",
        "DATE_TRUNC": "functions-datetime.html#FUNCTIONS-DATETIME-TRUNC"}),
    "sqlite": _docs("https://www.sqlite.org/windowfunctions.html", {
        "ROW_NUMBER": "#built_in_window_functions", "LAG": "#built_in_window_functions",
        "NTILE": "#built_in_window_functions"}),
    "mysql": _docs("https://dev.mysql.com/doc/refman/8.0/en/", {
        "ROW_NUMBER": "window-function-descriptions.html", "LAG": "window-function-descriptions.html",
        "NTILE": "window-function-descriptions.html",
        "CONCAT": "string-functions.html#function_concat", "DATE": "date-and-time-functions.html#function_date",
        "YEAR": "date-and-time-functions.html#function_year", "MONTH": "date-and-time-functions.html#function_month",
        "QUARTER": "date-and-time-functions.html#function_quarter"}),
    "spark": _docs("https://spark.apache.org/docs/latest/api/sql/index.html", {
        "ROW_NUMBER": "#row_number", "LAG": "#lag", "NTILE": "#ntile", "TRUNC": "#trunc"}),
    "clickhouse": _docs("https://clickhouse.com/docs/", {
        "ROW_NUMBER": "sql-reference/window-functions/row_number", "lag": "sql-reference/window-functions/lag",
        "NTILE": "sql-reference/window-functions/ntile",
        "dateTrunc": "sql-reference/functions/date-time-functions#date_trunc"}),
    "snowflake": _docs("https://docs.snowflake.com/en/sql-reference/functions/", {
        "ROW_NUMBER": "row_number", "LAG": "lag", "NTILE": "ntile", "DATE_TRUNC": "date_trunc"}),
    "bigquery": _docs("https://cloud.google.com/bigquery/docs/reference/standard-sql/", {
        "ROW_NUMBER": "numbering_functions#row_number", "LAG": "navigation_functions#lag",
        "NTILE": "numbering_functions#ntile", "DATE_TRUNC": "date_functions#date_trunc"}),
    "tsql": _docs("https://learn.microsoft.com/en-us/sql/t-sql/functions/", {
        "ROW_NUMBER": "row-number-transact-sql", "LAG": "lag-transact-sql", "NTILE": "ntile-transact-sql",
        "DATEFROMPARTS": "datefromparts-transact-sql", "YEAR": "year-transact-sql",
        "MONTH": "month-transact-sql"}),
    "trino": _docs("https://trino.io/docs/current/functions/", {
        "ROW_NUMBER": "window.html#row_number", "LAG": "window.html#lag", "NTILE": "window.html#ntile",
        "DATE_TRUNC": "datetime.html#date_trunc"}),
    "redshift": _docs("https://docs.aws.amazon.com/redshift/latest/dg/", {
        "ROW_NUMBER": "r_WF_ROW_NUMBER.html", "LAG": "r_WF_LAG.html", "NTILE": "r_WF_NTILE.html",
        "DATE_TRUNC": "r_DATE_TRUNC.html"}),
}
# FIRST_VALUE sits with LAG on every target's window-function page.
_FIRST_VALUE = {"clickhouse": "https://clickhouse.com/docs/sql-reference/window-functions/first_value",
                "redshift": "https://docs.aws.amazon.com/redshift/latest/dg/r_WF_first_value.html",
                "tsql": "https://learn.microsoft.com/en-us/sql/t-sql/functions/first-value-transact-sql",
                "spark": "https://spark.apache.org/docs/latest/api/sql/index.html#first_value",
                "bigquery": "https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#first_value",
                "snowflake": "https://docs.snowflake.com/en/sql-reference/functions/first_value"}
for _dialect, _extra in _WINDOWS_AND_PERIODS.items():
    ALLOWED[_dialect].update(_extra)
    lag = next(url for name, url in _extra.items() if name.upper() == "LAG")
    ALLOWED[_dialect]["FIRST_VALUE"] = _FIRST_VALUE.get(_dialect, lag)
