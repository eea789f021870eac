"""A JSON Schema (draft 2020-12) of a catalog file, for editors (`semview schema`).

It mirrors what `validate.py` accepts: the sections, each item's keys (unknown keys
are refused), required keys, the enums for `agg` and `cardinality` (taken from the
model's enums), and the patterns for types, text-date formats and ISO dates.
`tests/test_schema.py` reads validate.py's key lists and fails when the two drift.
What needs the whole catalog (does that metric exist? is that alias unique?) is left
to `semview validate`.

Editors read YAML 1.2, where `2024-06-30` and `no` stay text, as semview's loader
does; every scalar that semview reads as text is accepted as a string, number or
boolean, because semview reads all of them as text.

    >>> catalog_schema()["properties"]["metrics"]["items"]["$ref"]
    '#/$defs/metric'
"""
from __future__ import annotations

import itertools
import json
from typing import Any

from .model import Agg, Cardinality, FieldType

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SECTIONS = ("sources", "entities", "relationships", "metrics", "views", "mappings")
AGGREGATIONS = tuple(a.value for a in Agg)
CARDINALITIES = tuple(c.value for c in Cardinality)
# What validate.parse_type accepts (case-insensitive), each spelled the portable way.
TYPE_NAMES = ("integer", "int", "smallint", "bigint", "double", "double precision", "float", "real", "decimal",
              "numeric", "string", "text", "varchar", "char", "date", "timestamp", "boolean", "bool")
FIELD_TYPES = tuple(t.value for t in FieldType)
PERIOD_UNITS = ("year", "quarter", "month", "day")  # fragments.PERIODS: no week, engines disagree on it

Schema = dict[str, Any]


def _any_case(word: str) -> str:
    """`date` -> `[Dd][Aa][Tt][Ee]`: JSON Schema patterns have no case-insensitive flag."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


def type_pattern(names: tuple[str, ...] = TYPE_NAMES) -> str:
    """The pattern of a column type: a name, optionally `(p)` or `(p,s)`, any case."""
    alternatives = "|".join(_any_case(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return rf"^\s*(?:{alternatives})\s*(?:\(\s*\d+\s*(?:,\s*\d+\s*)?\))?\s*$"


def date_format_pattern() -> str:
    """YYYY, MM and DD once each, in any order, each pair optionally separated by / - . or space."""
    sep = r"[/\-. ]?"
    orders = ["".join((a, sep, b, sep, c)) for a, b, c in itertools.permutations(("YYYY", "MM", "DD"))]
    return "^(?:" + "|".join(orders) + ")$"


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _described(schema: Schema, text: str) -> Schema:
    return {**schema, "description": text}


def _object(properties: dict[str, Schema], required: tuple[str, ...] = (), **extra: Any) -> Schema:
    out: Schema = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        out["required"] = list(required)
    out.update(extra)
    return out


def _requires_any(*keys: str) -> Schema:
    return {"anyOf": [{"required": [k]} for k in keys]}


def _defs() -> dict[str, Schema]:
    scalar_types = ["string", "number", "boolean"]  # semview reads any non-null scalar as text
    text = {"type": scalar_types}
    return {
        "text": _described(text, "Text (semview reads any scalar value as text)."),
        "name": {"type": scalar_types, "pattern": r"^[^\u0000-\u001f\u007f]*\S[^\u0000-\u001f\u007f]*$",
                 "description": "A name: printable text, not empty, no control characters (always quoted in SQL)."},
        "identifier": {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$",
                       "description": "A plain SQL identifier (letters, digits, _), as unquoted names must be."},
        "fragment": {"type": scalar_types, "pattern": r"\S",
                     "description": "One SQL expression (checked by semview: declared names, allow-listed "
                                    "functions, no subquery or statement)."},
        "type": {"type": "string", "pattern": type_pattern(),
                 "description": "integer, bigint, double, decimal(p,s), string, date, timestamp or boolean "
                                "(also int, smallint, float, real, numeric, text, varchar, char, bool)."},
        "dateFormat": {"type": "string", "pattern": date_format_pattern(),
                       "description": "How a date is written as text: YYYY, MM and DD once each, optionally "
                                      "separated by / - . or a space, e.g. YYYY/MM/DD."},
        "isoDate": {"type": "string", "pattern": r"^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$",
                    "description": "A date written YYYY-MM-DD."},
        "number": {"type": "number", "description": "A number, written without quotes."},
        "positiveInteger": {"type": "integer", "minimum": 1},
        "agg": {"enum": list(AGGREGATIONS), "description": "The aggregation."},
        "cardinality": {"enum": list(CARDINALITIES),
                        "description": "Seen from `from`: many_to_one, one_to_many or one_to_one."},
        "names": {"type": "object", "minProperties": 1, "additionalProperties": text,
                  "description": "A mapping of names to names."},
        "nameList": {"type": "array", "items": text},
        "column": {
            "description": "A column's type, or {type, format, sortable_text, not_null, description}.",
            "oneOf": [
                _ref("type"),
                _object({"type": _ref("type"), "format": _ref("dateFormat"),
                         "sortable_text": {"type": "boolean", "description": (
                             "The text is zero-padded, year first (YYYY/MM/DD): windows compare it as text.")},
                         "not_null": {"type": "boolean", "description": (
                             "The column never holds NULL (NOT NULL in the schema): views keyed on it may "
                             "FULL JOIN their scopes.")},
                         "description": _ref("text")},
                        ("type",),
                        **{"if": {"required": ["format"]},
                           "then": {"properties": {"type": {"pattern": type_pattern(("date",))}}}}),
            ],
        },
        "source": _source(),
        "rollup": _object({
            "name": _ref("name"),
            "from": _described(_ref("text"), "The child source (needs a relationship child -> this source)."),
            "agg": _ref("agg"), "expr": _ref("fragment"), "filter": _ref("fragment"),
            "default": _described(_ref("number"), "Value for a parent row without children."),
            "description": _ref("text"),
        }, ("name", "from", "agg"), description="A per-row value of the source from a one-to-many child."),
        "relationship": _object({
            "from": _ref("text"), "to": _ref("text"),
            "on": _described(_ref("names"), "from-column: to-column pairs."),
            "cardinality": _ref("cardinality"),
        }, ("from", "to", "on", "cardinality"), description="How two sources join, and where a join fans out."),
        "entity": _object({
            "name": _ref("name"),
            "column": _described(_ref("name"), "The key's name in every view."),
            "type": _ref("type"),
            "keys": _described(_ref("names"), "source: key column in that source."),
            "dimension": _described(_ref("text"), "The source with one row per key, holding attributes."),
            "description": _ref("text"),
        }, ("name", "column", "type", "keys"), description="A business key such as customer CustID."),
        "metric": _metric(),
        "view": _view(),
        "join": _object({
            "to": _described(_ref("text"), "A source or a view."),
            "as": _described(_ref("name"), "The alias columns are named through (default: `to`)."),
            "on": _described(_ref("names"), "base column: joined column pairs."),
            "cardinality": {"enum": ["many_to_one", "one_to_one"],
                            "description": "many_to_one or one_to_one: a view's join never repeats its rows."},
        }, ("to", "on", "cardinality"), description="A left join of a row-level view."),
        "viewColumn": _view_column(),
        "periodGrain": _object({
            "period": {"description": "One calendar unit, or several stacked (needs `label`).",
                       "oneOf": [{"enum": list(PERIOD_UNITS)},
                                 {"type": "array", "items": {"enum": list(PERIOD_UNITS)}, "minItems": 1}]},
            "column": _described(_ref("name"), "The period's first day (default: PeriodStart)."),
            "label": _described(_ref("name"), "A column holding the unit's name ('year', 'month', ...)."),
        }, ("period",), description="Rows per calendar period of each source's time column.",
            **{"if": {"properties": {"period": {"type": "array", "minItems": 2}}},
               "then": {"required": ["label"]}}),
        "mapping": _object({
            "name": _ref("name"), "description": _ref("text"),
            "source": _described(_ref("text"), "The source with generic column names."),
            "keys": _described(_ref("nameList"), "Columns exposed first, under their own names."),
            "view": _described(_ref("name"), "The generated view: mapped columns under their real names."),
            "fields_view": _described(_ref("name"), "A generated view listing the mapping itself."),
            "fields_description": _ref("text"),
            "fields": {"type": "array", "items": _object({
                "field": _described(_ref("text"), "The generic column, e.g. FIELD153."),
                "alias": _described(_ref("name"), "Its real name, e.g. LIFETIME_VALUE."),
                "type": {"enum": list(FIELD_TYPES)},
                "description": _ref("text"),
            }, ("field", "alias", "type"))},
        }, ("name", "source", "keys", "view", "fields"),
            description="A CDP field mapping: generic column -> real name."),
    }


def _source() -> Schema:
    identifier = _ref("identifier")
    return _object({
        "name": _ref("name"),
        "description": _ref("text"),
        "table": _described(_ref("text"), "The table's name (default: name)."),
        "schema": _described(_ref("text"), "The table's schema, e.g. sales."),
        "quoted": {"type": "boolean", "description": "The table was created with quoted, case-sensitive names."},
        "filter": _described(_ref("fragment"), "Rows that never count, for every metric of the source."),
        "time": _described(_ref("text"), "The date column: as-of cut and windows."),
        "columns": {"type": "object", "additionalProperties": _ref("column"),
                    "description": "Column name: type."},
        "rollups": {"type": "array", "items": _ref("rollup")},
        "view": _described(_ref("name"), "A view of the catalog this source reads (instead of a table)."),
    }, ("name", "columns"), description="A table, or a view of the catalog, that metrics read.", allOf=[
        {"if": {"required": ["view"]}, "then": {"not": _requires_any("table", "schema", "quoted")}},
    ], **{
        # Unquoted names are written into SQL as they are, so they must be plain identifiers;
        # a view's columns are semview's own output names, always quoted.
        "if": {"anyOf": [{"required": ["quoted"], "properties": {"quoted": {"const": True}}},
                         {"required": ["view"]}]},
        "else": {
            "properties": {"table": identifier, "schema": identifier, "columns": {"propertyNames": identifier}},
            "if": {"not": {"required": ["table"]}},
            "then": {"properties": {"name": identifier}},
        },
    })


def _metric() -> Schema:
    only_aggregate = ("source", "agg", "expr", "filter", "window", "as_text", "order_by", "offset")
    return _object({
        "name": _ref("name"),
        "description": _ref("text"),
        "source": _described(_ref("text"), "The source aggregated (aggregate metrics)."),
        "agg": _ref("agg"),
        "expr": _described(_ref("fragment"), "The per-row value; count without expr counts rows."),
        "formula": _described(_ref("fragment"), "A formula over other metrics (derived metrics)."),
        "filter": _described(_ref("fragment"), "Rows this metric counts."),
        "window": {"description": "The last N days as of the as-of date: a number, or a view parameter's name.",
                   "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"\S"}]},
        "default": _described(_ref("number"), "The value for a group without rows, e.g. 0."),
        "type": _described(_ref("type"), "The output type, cast on every engine."),
        "as_text": {"type": "boolean", "description": "min/max of a text date, returned in its text format."},
        "order_by": {"type": "array", "items": _ref("text"), "minItems": 1,
                     "description": "agg latest: the columns that order the rows; the last row is the latest."},
        "offset": {"type": "integer", "minimum": 0, "description": "agg latest: 1 = the row before the last."},
    }, ("name",), description="An aggregate metric (source + agg) or a derived one (formula).", allOf=[
        {"if": {"required": ["formula"]},
         "then": {"not": _requires_any(*only_aggregate)},
         "else": {"required": ["source", "agg"]}},
        {"if": {"required": ["agg"], "properties": {"agg": {"not": {"const": "count"}}}},
         "then": {"required": ["expr"]}},
        {"if": {"required": ["agg"], "properties": {"agg": {"const": "latest"}}},
         "then": {"required": ["order_by"]}},
        {"if": _requires_any("order_by", "offset"),
         "then": {"required": ["agg"], "properties": {"agg": {"const": "latest"}}}},
    ])


def _view() -> Schema:
    return _object({
        "name": _ref("name"),
        "description": _ref("text"),
        "grain": {"type": "array", "items": {"anyOf": [_ref("text"), _ref("periodGrain")]}, "minItems": 1,
                  "contains": {"type": "object"}, "minContains": 0, "maxContains": 1,
                  "description": "Entities (and at most one period): one row per key combination."},
        "rows": {"type": "array", "items": _ref("text"),
                 "description": "Count metrics: the keys where one of them is above zero."},
        "parameters": {"type": "object", "additionalProperties": _ref("positiveInteger"),
                       "description": "Whole numbers used by metrics' windows and expressions, e.g. "
                                      "window_days: 90."},
        "as_of": _ref("isoDate"),
        "from": _described(_ref("text"), "A source or view: one row per row of it (row-level view)."),
        "filter": _described(_ref("fragment"), "Rows of `from` the view keeps."),
        "joins": {"type": "array", "items": _ref("join")},
        "columns": {"type": "array", "items": _ref("viewColumn")},
    }, ("name", "columns"), description="An aggregated view (grain) or a row-level view (from).",
        oneOf=[{"required": ["grain"]}, {"required": ["from"]}],
        allOf=[
            {"if": {"required": ["grain"]}, "then": {"not": _requires_any("filter", "joins")}},
            {"if": {"required": ["from"]}, "then": {"not": {"required": ["rows"]}}},
        ])


def _view_column() -> Schema:
    kinds = ("period", "entity", "attribute", "metric", "column", "expr")
    return _object({
        "name": _ref("name"),
        "period": {"enum": ["start", "label"], "description": "The period grain's first day, or its unit."},
        "entity": _described(_ref("text"), "A grain entity: its key column."),
        "attribute": {"type": ["string", "number", "boolean"], "pattern": r"^[^.]+\..+$",
                      "description": "entity.Column: a column of the entity's dimension."},
        "metric": _ref("text"),
        "column": _described(_ref("text"), "Column or alias.Column of a row-level view's base or joins."),
        "expr": _described(_ref("fragment"), "An expression over those columns (needs a name)."),
        "description": _ref("text"),
    }, description="Exactly one of period, entity, attribute, metric, column, expr.",
        oneOf=[{"required": [k]} for k in kinds],
        **{"if": {"required": ["expr"]}, "then": {"required": ["name"]}})


def catalog_schema() -> Schema:
    """The schema as a dict, in a fixed key order (so its JSON text never churns)."""
    return {
        "$schema": DRAFT,
        "title": "semview catalog file",
        "description": "A YAML file of a semview project (metrics/ or views/). See docs/model.md.",
        "type": "object",
        "additionalProperties": False,
        "properties": {s: {"type": "array", "items": _ref(s[:-1] if s != "entities" else "entity")}
                       for s in SECTIONS},
        "$defs": _defs(),
    }


def schema_json() -> str:
    """The schema as the text `semview schema` writes (and `schema/semview.schema.json` holds)."""
    return json.dumps(catalog_schema(), indent=2, ensure_ascii=False) + "\n"
