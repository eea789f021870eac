"""Stage 2: YAML nodes -> model objects, collecting every shape problem at once.

Each catalog file may hold the top-level sections below; an item's keys are checked
against the fields it accepts, so a typo is an error with a "did you mean" hint rather
than a silently ignored setting.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Callable, Iterable, TypeVar

from .diagnostics import Collector, SourceSpan, did_you_mean
from .load import Document, Mapping, Node, Scalar, Sequence
from .fragments import PERIODS
from .model import (Agg, Cardinality, Column, ColumnKind, DataType, DateFormat, Entity, FieldMapping, FieldType,
                    Fragment, Join, MappedField, Metric, PeriodGrain, Project, Relationship, Rollup, Source, View,
                    ViewColumn, Window)

T = TypeVar("T")

SECTIONS = ("sources", "entities", "relationships", "metrics", "views", "mappings")
PLAIN_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TYPE = re.compile(r"^\s*([A-Za-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$")
_TYPE_NAMES = {
    "integer": "integer", "int": "integer", "smallint": "integer", "bigint": "bigint",
    "double": "double", "double precision": "double", "float": "double", "real": "double",
    "decimal": "decimal", "numeric": "decimal",
    "string": "string", "text": "string", "varchar": "string", "char": "string",
    "date": "date", "timestamp": "timestamp", "boolean": "boolean", "bool": "boolean",
}
_DATE_TOKENS = {"YYYY": "%Y", "MM": "%m", "DD": "%d"}
_DATE_FORMAT = re.compile(r"^(YYYY|MM|DD)([/\-. ]?)(YYYY|MM|DD)([/\-. ]?)(YYYY|MM|DD)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def validate(docs: Iterable[Document], diags: Collector) -> Project:
    """Build the model from every document; bad items are reported and left out."""
    r = _Reader(diags)
    parts: dict[str, list] = {s: [] for s in SECTIONS}
    readers: dict[str, Callable[[Node], object]] = {
        "sources": r.source, "entities": r.entity, "relationships": r.relationship,
        "metrics": r.metric, "views": r.view, "mappings": r.field_mapping,
    }
    for doc in docs:
        top = r.mapping(doc.root, "a catalog file", {s: False for s in SECTIONS}) if doc.root else None
        if top is None:
            continue
        for section, node in top.items():
            for item in r.sequence(node, section):
                value = readers[section](item)
                if value is not None:
                    parts[section].append(value)
    for section in ("sources", "entities", "metrics", "mappings"):
        _unique(parts[section], section[:-1], diags)
    # Mappings generate views, so their view names share the views' namespace.
    generated = [_Named(n, m.span) for m in parts["mappings"] for n in (m.view, m.fields_view) if n]
    _unique([*parts["views"], *generated], "view", diags)
    return Project(*(tuple(parts[s]) for s in SECTIONS))


@dataclass(frozen=True)
class _Named:
    name: str
    span: SourceSpan


def _unique(items: list, what: str, diags: Collector) -> None:
    # Ignoring case: DuckDB, SQLite and Spark fold it even in quoted names, so `Cnt` and `cnt`
    # would be one CTE column or view there (and one <view>.sql file on macOS and Windows).
    seen: dict[str, tuple[str, SourceSpan]] = {}
    for item in items:
        key = item.name.lower()
        if key in seen:
            name, first = seen[key]
            case = "" if name == item.name else f" ('{name}' ignoring case)"
            diags.error("SV108", f"duplicate {what} name '{item.name}'{case} (first defined at {first})", item.span,
                        f"rename one of the two {what}s")
        else:
            seen[key] = (item.name, item.span)


def mapping_problems(fields: list[tuple[str, str, str]], keys: tuple[str, ...] | list[str]
                     ) -> list[tuple[int, str, str, str, str]]:
    """Problems of a CDP field mapping: (index, code, message, hint, offending key).

    Shared by the validator and `semview mappings import`, which must refuse exactly
    what the catalog would refuse. Aliases are compared ignoring case because engines
    that fold case could not tell them apart.
    """
    out = []
    aliases: dict[str, int] = {}
    generic: dict[str, int] = {}
    key_names = {k.lower() for k in keys}
    for i, (field, alias, ftype) in enumerate(fields):
        if ftype not in {t.value for t in FieldType}:
            out.append((i, "SV144", f"field type '{ftype}' of '{field}' is neither string nor number",
                        did_you_mean(ftype, [t.value for t in FieldType]) or "use string or number", "type"))
        elif alias.lower() in aliases:
            out.append((i, "SV140", f"alias '{alias}' is used twice (aliases are compared ignoring case, "
                        "since some engines fold it)", "give each field its own alias", "alias"))
        elif field in generic:
            out.append((i, "SV141", f"generic column '{field}' is mapped twice", "map each generic column once",
                        "field"))
        elif alias.lower() in key_names:
            out.append((i, "SV143", f"alias '{alias}' clashes with the key column of the same name",
                        f"the view already exposes {', '.join(keys)}; rename the alias", "alias"))
        else:
            aliases[alias.lower()] = i
            generic[field] = i
    return out


def parse_type(text: str) -> DataType | None:
    m = _TYPE.match(text)
    if not m or m.group(1).strip().lower() not in _TYPE_NAMES:
        return None
    kind = _TYPE_NAMES[m.group(1).strip().lower()]
    if kind == "decimal":
        return DataType(kind, int(m.group(2) or 18), int(m.group(3) or 0))
    return DataType(kind)


def parse_date_format(text: str) -> DateFormat | None:
    m = _DATE_FORMAT.match(text)
    if not m or len({m.group(1), m.group(3), m.group(5)}) != 3:
        return None
    strftime = "".join(_DATE_TOKENS.get(part, part) for part in m.groups())
    return DateFormat(text, strftime)


def _sorts_like_date(fmt: DateFormat) -> bool:
    """Zero-padded text with the year first, then the month, then the day sorts like the date."""
    return fmt.strftime.startswith("%Y") and fmt.strftime.index("%m") < fmt.strftime.index("%d")


class _Reader:
    def __init__(self, diags: Collector) -> None:
        self.diags = diags

    # -- generic shapes -------------------------------------------------------------

    def mapping(self, node: Node | None, what: str, fields: dict[str, bool]) -> dict[str, Node] | None:
        """The node's entries if it is a mapping with only known keys and every required one."""
        if not isinstance(node, Mapping):
            self._wrong(node, what, "a mapping (key: value)")
            return None
        out: dict[str, Node] = {}
        for key, value in node.items:
            if key.value not in fields:
                hint = did_you_mean(key.value, fields) or f"allowed keys: {', '.join(fields)}"
                self.diags.error("SV101", f"unknown key '{key.value}' in {what}", key.span, hint)
                continue
            out[key.value] = value
        for name, required in fields.items():
            if required and name not in out:
                self.diags.error("SV102", f"{what} is missing required key '{name}'", node.span,
                                 f"add `{name}: ...`")
        return out

    def sequence(self, node: Node, what: str) -> tuple[Node, ...]:
        if isinstance(node, Sequence):
            return node.items
        self._wrong(node, what, "a list (lines starting with '- ')")
        return ()

    def string(self, node: Node | None, what: str) -> str | None:
        if isinstance(node, Scalar) and node.value is not None:
            return node.value
        self._wrong(node, what, "a text value")
        return None

    def name(self, node: Node | None, what: str) -> str | None:
        """An output name: any text the engines can quote, but no control characters."""
        text = self.string(node, what)
        if text is None:
            return None
        if not text.strip() or _CONTROL.search(text):
            self.diags.error("SV111", f"invalid {what} {text!r}: empty or contains control characters",
                             node.span, "use printable characters; newlines and tabs are not allowed in names")
            return None
        return text

    def integer(self, node: Node | None, what: str, minimum: int = 0) -> int | None:
        if isinstance(node, Scalar) and not node.quoted and node.value and re.fullmatch(r"-?\d+", node.value):
            value = int(node.value)
            if value >= minimum:
                return value
            self.diags.error("SV103", f"{what} must be at least {minimum}, got {value}", node.span,
                             f"use a whole number >= {minimum}")
            return None
        self._wrong(node, what, "a whole number")
        return None

    def boolean(self, node: Node | None, what: str) -> bool | None:
        if isinstance(node, Scalar) and not node.quoted and node.value in ("true", "false"):
            return node.value == "true"
        self._wrong(node, what, "true or false")
        return None

    def fragment(self, node: Node | None, what: str) -> Fragment | None:
        if isinstance(node, Scalar) and node.value is not None and not node.value.strip() == "":
            return Fragment(node.value, node.text_span)
        self._wrong(node, what, "a SQL expression in quotes")
        return None

    def enum(self, node: Node | None, what: str, enum: type[T]) -> T | None:
        text = self.string(node, what)
        if text is None:
            return None
        for member in enum:  # type: ignore[attr-defined]
            if member.value == text:
                return member
        allowed = [m.value for m in enum]  # type: ignore[attr-defined]
        self.diags.error("SV103", f"invalid {what} '{text}'", node.span,
                         did_you_mean(text, allowed) or f"use one of: {', '.join(allowed)}")
        return None

    def type(self, node: Node | None, what: str) -> DataType | None:
        text = self.string(node, what)
        if text is None:
            return None
        parsed = parse_type(text)
        if parsed is None:
            self.diags.error("SV103", f"unknown type '{text}' for {what}", node.span,
                             did_you_mean(text, set(_TYPE_NAMES.values()))
                             or "use integer, bigint, double, decimal(p,s), string, date, timestamp or boolean")
        return parsed

    def pairs(self, node: Node | None, what: str) -> tuple[tuple[Scalar, Scalar], ...]:
        """A mapping of names to names, e.g. `{Factor: CustID}`."""
        if not isinstance(node, Mapping):
            self._wrong(node, what, "a mapping of names")
            return ()
        out = []
        for key, value in node.items:
            if isinstance(value, Scalar) and value.value is not None:
                out.append((key, value))
            else:
                self._wrong(value, what, "a name")
        return tuple(out)

    def _wrong(self, node: Node | None, what: str, expected: str) -> None:
        span = node.span if node is not None else None
        got = _describe(node)
        self.diags.error("SV103", f"{what} must be {expected}, got {got}", span,
                         "see docs/model.md for the shape of each section")

    def _plain(self, node: Node, text: str, what: str, quoted: bool) -> bool:
        """Source names are written unquoted into SQL unless declared quoted, so they must be plain."""
        if quoted or PLAIN_IDENTIFIER.match(text):
            if quoted and _CONTROL.search(text):
                self.diags.error("SV111", f"invalid {what} {text!r}", node.span, "remove control characters")
                return False
            return True
        self.diags.error("SV111", f"{what} {text!r} is not a plain SQL identifier", node.span,
                         "use letters, digits and _ only, or set `quoted: true` on the source if the "
                         "table was created with quoted names")
        return False

    # -- sections ------------------------------------------------------------------

    def source(self, node: Node) -> Source | None:
        f = self.mapping(node, "a source", {"name": True, "description": False, "table": False, "schema": False,
                                           "quoted": False, "filter": False, "time": False, "columns": True,
                                           "rollups": False, "view": False})
        if f is None or "name" not in f:
            return None
        name = self.name(f["name"], "source name")
        view = self.name(f["view"], "view") if "view" in f else None
        for clash in ("table", "schema", "quoted"):
            if view and clash in f:
                self.diags.error("SV103", f"a source over a view cannot set `{clash}`", f[clash].span,
                                 "the view's own name, schema and quoting are used")
        if view:  # a view's columns are semview's output names: always quoted, exact case
            return Source(name=name, table=view, schema=None, quoted=True,
                          columns=self.columns(f["columns"], True) if "columns" in f else (), span=node.span,
                          filter=self.fragment(f["filter"], "filter") if "filter" in f else None,
                          time=self.string(f["time"], "time") if "time" in f else None,
                          description=self.string(f["description"], "description") if "description" in f else None,
                          view=view)
        quoted = self.boolean(f["quoted"], "quoted") if "quoted" in f else False
        table = self.string(f["table"], "table") if "table" in f else name
        schema = self.string(f["schema"], "schema") if "schema" in f else None
        if table is not None and not self._plain(f.get("table", f["name"]), table, "table name", bool(quoted)):
            table = None
        if schema is not None and not self._plain(f["schema"], schema, "schema name", bool(quoted)):
            schema = None
        columns = self.columns(f.get("columns"), bool(quoted)) if "columns" in f else ()
        rollups = tuple(r for r in (self.rollup(n) for n in self.sequence(f["rollups"], "rollups"))
                        if r is not None) if "rollups" in f else ()
        if name is None or table is None or quoted is None:
            return None
        return Source(
            name=name, table=table, schema=schema, quoted=quoted, columns=columns, span=node.span,
            filter=self.fragment(f["filter"], "filter") if "filter" in f else None,
            time=self.string(f["time"], "time") if "time" in f else None,
            rollups=rollups,
            description=self.string(f["description"], "description") if "description" in f else None,
        )

    def columns(self, node: Node, quoted: bool) -> tuple[Column, ...]:
        if not isinstance(node, Mapping):
            self._wrong(node, "columns", "a mapping of column name to type")
            return ()
        out = []
        seen: set[str] = set()
        for key, value in node.items:
            name = key.value
            if not self._plain(key, name, "column name", quoted):
                continue
            if name.lower() in seen:  # engines that fold case could not tell them apart
                self.diags.error("SV108", f"duplicate column '{name}' (names differ only in case)", key.span,
                                 "rename one of the two columns")
                continue
            seen.add(name.lower())
            column = self.column(name, key.span, value)
            if column is not None:
                out.append(column)
        return tuple(out)

    def column(self, name: str, span: SourceSpan, node: Node) -> Column | None:
        if isinstance(node, Scalar):
            dtype = self.type(node, f"column '{name}'")
            return Column(name, dtype, span) if dtype else None
        f = self.mapping(node, f"column '{name}'", {"type": True, "format": False, "sortable_text": False,
                                                    "not_null": False, "description": False})
        if f is None or "type" not in f:
            return None
        dtype = self.type(f["type"], f"column '{name}'")
        fmt = None
        if "format" in f:
            text = self.string(f["format"], "format")
            fmt = parse_date_format(text) if text else None
            if text and fmt is None:
                self.diags.error("SV110", f"invalid date format '{text}' for column '{name}'", f["format"].span,
                                 "use YYYY, MM and DD once each, optionally separated by / - . or space, "
                                 "e.g. YYYY/MM/DD")
                fmt = DateFormat(text, "")  # reported; keeps the column a text date so nothing else complains
            elif dtype and dtype.kind != "date":
                self.diags.error("SV110", f"column '{name}' has a format but is not a date", f["format"].span,
                                 "set `type: date` for a date stored as text")
        sortable = bool(self.boolean(f["sortable_text"], "sortable_text")) if "sortable_text" in f else False
        if sortable and not (fmt and (not fmt.strftime or _sorts_like_date(fmt))):  # a bad format is reported above
            self.diags.error("SV110", f"column '{name}' is sortable_text but its text does not sort like a date",
                             f["sortable_text"].span, "sortable_text needs `format:` with the year first, then "
                             "the month, then the day (YYYY/MM/DD, YYYY-MM-DD, YYYYMMDD); remove it otherwise")
            sortable = False
        not_null = bool(self.boolean(f["not_null"], "not_null")) if "not_null" in f else False
        desc = self.string(f["description"], "description") if "description" in f else None
        return Column(name, dtype, span, desc, fmt, sortable, not_null) if dtype else None

    def rollup(self, node: Node) -> Rollup | None:
        f = self.mapping(node, "a rollup", {"name": True, "from": True, "agg": True, "expr": False,
                                           "filter": False, "default": False, "description": False})
        if f is None or "name" not in f or "from" not in f or "agg" not in f:
            return None
        name, src, agg = self.name(f["name"], "rollup name"), self.string(f["from"], "from"), \
            self.enum(f["agg"], "aggregation", Agg)
        if name is None or src is None or agg is None:
            return None
        return Rollup(name, src, agg, f["name"].span,
                      expr=self.fragment(f["expr"], "expr") if "expr" in f else None,
                      filter=self.fragment(f["filter"], "filter") if "filter" in f else None,
                      default=self._default(f.get("default")),
                      description=self.string(f["description"], "description") if "description" in f else None)

    def relationship(self, node: Node) -> Relationship | None:
        f = self.mapping(node, "a relationship", {"from": True, "to": True, "on": True, "cardinality": True})
        if f is None or len(f) < 4:
            return None
        src, to = self.string(f["from"], "from"), self.string(f["to"], "to")
        card = self.enum(f["cardinality"], "cardinality", Cardinality)
        on = tuple((k.value, v.value) for k, v in self.pairs(f["on"], "on"))
        if src is None or to is None or card is None or not on:
            return None
        return Relationship(src, to, on, card, node.span)

    def entity(self, node: Node) -> Entity | None:
        f = self.mapping(node, "an entity", {"name": True, "column": True, "type": True, "keys": True,
                                            "dimension": False, "description": False})
        if f is None or len(set(f) & {"name", "column", "type", "keys"}) < 4:
            return None
        name, column, dtype = self.name(f["name"], "entity name"), self.name(f["column"], "key column"), \
            self.type(f["type"], "entity type")
        keys = tuple((k.value, v.value) for k, v in self.pairs(f["keys"], "keys"))
        if name is None or column is None or dtype is None:
            return None
        return Entity(name, column, dtype, keys, node.span,
                      dimension=self.string(f["dimension"], "dimension") if "dimension" in f else None,
                      description=self.string(f["description"], "description") if "description" in f else None)

    def metric(self, node: Node) -> Metric | None:
        f = self.mapping(node, "a metric", {"name": True, "description": False, "source": False, "agg": False,
                                           "expr": False, "formula": False, "filter": False, "window": False,
                                           "default": False, "type": False, "as_text": False, "order_by": False,
                                           "offset": False})
        if f is None or "name" not in f:
            return None
        name = self.name(f["name"], "metric name")
        if name is None:
            return None
        common = dict(
            name=name, span=node.span,
            description=self.string(f["description"], "description") if "description" in f else None,
            default=self._default(f.get("default")),
            type=self.type(f["type"], "type") if "type" in f else None,
        )
        if "formula" in f:
            for clash in ("source", "agg", "expr", "filter", "window", "as_text", "order_by", "offset"):
                if clash in f:
                    self.diags.error("SV103", f"derived metric '{name}' cannot have '{clash}'", f[clash].span,
                                     "a metric has either `formula` (over other metrics) or `source` + `agg`")
            formula = self.fragment(f["formula"], "formula")
            return Metric(expr=formula, **common) if formula else None
        if "source" not in f or "agg" not in f:
            self.diags.error("SV102", f"metric '{name}' needs `source` and `agg`, or a `formula`", node.span,
                             "e.g. `source: Factor` and `agg: count`")
            return None
        source, agg = self.string(f["source"], "source"), self.enum(f["agg"], "aggregation", Agg)
        if agg is not None and agg is not Agg.COUNT and "expr" not in f:
            self.diags.error("SV102", f"metric '{name}' with agg '{agg.value}' needs `expr`", node.span,
                             "name the column or per-row expression to aggregate, e.g. `expr: Amount`")
            return None
        window = None
        if "window" in f:
            w = f["window"]
            if isinstance(w, Scalar) and w.value and re.fullmatch(r"-?\d+", w.value) and not w.quoted:
                window = Window(self.integer(w, "window", 1) or 1, w.span)
            else:
                text = self.string(w, "window")
                window = Window(text, w.span) if text else None
        as_text = self.boolean(f["as_text"], "as_text") if "as_text" in f else False
        order_by = tuple(self.string(n, "order_by column") or "" for n in self.sequence(f["order_by"], "order_by")) \
            if "order_by" in f else ()
        offset = self.integer(f["offset"], "offset", 0) if "offset" in f else 0
        if agg is Agg.LATEST and not order_by:
            self.diags.error("SV102", f"metric '{name}' with agg 'latest' needs `order_by`", node.span,
                             "name the columns that order the rows, e.g. `order_by: [FactorDate, FactorID]`")
        if agg is not Agg.LATEST and ("order_by" in f or "offset" in f):
            self.diags.error("SV103", "`order_by`/`offset` apply only to agg 'latest'", node.span,
                             "remove them or use `agg: latest`")
        if source is None or agg is None:
            return None
        return Metric(source=source, agg=agg, window=window, as_text=bool(as_text), order_by=order_by,
                      offset=offset or 0,
                      expr=self.fragment(f["expr"], "expr") if "expr" in f else None,
                      filter=self.fragment(f["filter"], "filter") if "filter" in f else None, **common)

    def view(self, node: Node) -> View | None:
        f = self.mapping(node, "a view", {"name": True, "description": False, "grain": False, "rows": False,
                                         "parameters": False, "as_of": False, "columns": True, "from": False,
                                         "filter": False, "joins": False})
        if f is None or "name" not in f or "columns" not in f:
            return None
        name = self.name(f["name"], "view name")
        base = self.string(f["from"], "from") if "from" in f else None
        if ("grain" in f) == ("from" in f):  # a view is either aggregated or row-level
            self.diags.error("SV102", f"view '{name}' needs either `grain` (aggregated) or `from` (one row per "
                             "row of a source or view)", node.span, "e.g. `grain: [customer]` or `from: Factor`")
            return None
        for key in ("filter", "joins") if "grain" in f else ("rows",):
            if key in f:
                self.diags.error("SV103", f"`{key}` does not apply to this kind of view", f[key].span,
                                 "`filter`/`joins` are for views with `from`; `rows` for views with `grain`")
        grain_nodes = self.sequence(f["grain"], "grain") if "grain" in f else ()
        rows_nodes = self.sequence(f["rows"], "rows") if "rows" in f else ()
        periods = [n for n in grain_nodes if isinstance(n, Mapping)]
        grain_nodes = tuple(n for n in grain_nodes if not isinstance(n, Mapping))
        period = self.period(periods[0]) if periods else None
        if len(periods) > 1:
            self.diags.error("SV103", "a view has at most one period in its grain", periods[1].span,
                             "list several units in one period: `period: [year, month]`")
        grain = tuple(self.string(n, "grain entity") or "" for n in grain_nodes)
        rows = tuple(self.string(n, "rows metric") or "" for n in rows_nodes)
        params: list[tuple[str, int]] = []
        if "parameters" in f and isinstance(f["parameters"], Mapping):
            for key, value in f["parameters"].items:
                number = self.integer(value, f"parameter '{key.value}'", 1)
                if number is not None:
                    params.append((key.value, number))
        elif "parameters" in f:
            self._wrong(f["parameters"], "parameters", "a mapping of name to whole number")
        as_of = self._date(f["as_of"], "as_of") if "as_of" in f else None
        joins = tuple(j for j in (self.join(n) for n in self.sequence(f["joins"], "joins")) if j) \
            if "joins" in f else ()
        aliases = tuple(j.alias for j in joins)
        columns = tuple(c for c in (self.view_column(n, aliases) for n in self.sequence(f["columns"], "columns"))
                        if c is not None)
        if name is None:
            return None
        return View(name, self.string(f["description"], "description") if "description" in f else None,
                    grain, columns, node.span, rows, tuple(params), as_of,
                    tuple(n.span for n in grain_nodes), tuple(n.span for n in rows_nodes), base,
                    self.fragment(f["filter"], "filter") if "filter" in f else None,
                    joins, period=period)

    def period(self, node: Node) -> PeriodGrain | None:
        f = self.mapping(node, "a period grain", {"period": True, "column": False, "label": False})
        if f is None or "period" not in f:
            return None
        unit_nodes = f["period"].items if isinstance(f["period"], Sequence) else (f["period"],)
        units = []
        for n in unit_nodes:
            unit = self.string(n, "period")
            if unit is not None and unit not in PERIODS:
                self.diags.error("SV103", f"unknown period '{unit}'", n.span,
                                 did_you_mean(unit, PERIODS) or f"use one of: {', '.join(PERIODS)}")
            elif unit is not None:
                units.append(unit)
        column = self.name(f["column"], "period column") if "column" in f else "PeriodStart"
        label = self.name(f["label"], "period label column") if "label" in f else None
        if len(units) > 1 and label is None:
            self.diags.error("SV102", "a period grain with several units needs a `label` column", node.span,
                             "e.g. `label: Grain`, which holds 'year', 'month', ...")
        return PeriodGrain(tuple(units), column or "PeriodStart", node.span, label) if units else None

    def join(self, node: Node) -> Join | None:
        f = self.mapping(node, "a join", {"to": True, "as": False, "on": True, "cardinality": True})
        if f is None or len(set(f) & {"to", "on", "cardinality"}) < 3:
            return None
        to = self.string(f["to"], "to")
        alias = self.name(f["as"], "join alias") if "as" in f else to
        card = self.enum(f["cardinality"], "cardinality", Cardinality)
        on = tuple((k.value, v.value) for k, v in self.pairs(f["on"], "on"))
        if card in (Cardinality.ONE_TO_MANY, Cardinality.MANY_TO_MANY):
            self.diags.error("SV117", "a view's join must be many_to_one or one_to_one", f["cardinality"].span,
                             "a one-to-many join would repeat the view's rows; aggregate the other side first")
            return None
        if to is None or alias is None or card is None or not on:
            return None
        return Join(to, alias, on, card, node.span)

    def view_column(self, node: Node, aliases: tuple[str, ...] = ()) -> ViewColumn | None:
        f = self.mapping(node, "a view column", {"name": False, "entity": False, "attribute": False,
                                                "metric": False, "column": False, "expr": False,
                                                "period": False, "description": False})
        if f is None:
            return None
        kinds = [k for k in ("period", "entity", "attribute", "metric", "column", "expr") if k in f]
        if len(kinds) != 1:
            self.diags.error("SV102", "a view column needs exactly one of `entity`, `attribute`, `metric`, "
                             "`column`, `expr`", node.span,
                             "e.g. `- metric: AvgAmount`, `- attribute: customer.GrpID` or `- column: p.COUNTRY`")
            return None
        kind = ColumnKind(kinds[0])
        ref = self.string(f[kinds[0]], kinds[0])
        if ref is None:
            return None
        if kind is ColumnKind.EXPR and "name" not in f:
            self.diags.error("SV102", "an `expr` column needs a `name`", node.span, "add `name: ...`")
            return None
        # Without `name`, a column is named after what it shows; an entity's name (""
        # here) becomes its key column when resolved.
        if "name" in f:
            name = self.name(f["name"], "column name")
        elif kind is ColumnKind.METRIC:
            name = ref
        elif kind is ColumnKind.PERIOD:
            if ref not in ("start", "label"):
                self.diags.error("SV103", f"period column must be `start` or `label`, got '{ref}'", f["period"].span,
                                 "`- period: start` shows the period's first day, `- period: label` its unit")
                return None
            name = ""  # named after the grain's `column` / `label` when resolved
        elif kind is ColumnKind.COLUMN:  # `alias.Name` shows as Name; a name may hold dots itself
            name = next((ref[len(a) + 1:] for a in sorted(aliases, key=len, reverse=True)
                         if ref.startswith(f"{a}.")), ref)
        else:
            name = ref.split(".", 1)[-1] if kind is not ColumnKind.ENTITY else ""
        if name is None:
            return None
        desc = self.string(f["description"], "description") if "description" in f else None
        expr = self.fragment(f["expr"], "expr") if kind is ColumnKind.EXPR else None
        return ViewColumn(name, kind, ref, f[kinds[0]].span, desc, expr)

    def field_mapping(self, node: Node) -> FieldMapping | None:
        f = self.mapping(node, "a field mapping", {
            "name": True, "description": False, "source": True, "keys": True, "view": True,
            "fields_view": False, "fields_description": False, "fields": True})
        if f is None or len(set(f) & {"name", "source", "keys", "view", "fields"}) < 5:
            return None
        name, source = self.name(f["name"], "mapping name"), self.string(f["source"], "source")
        view = self.name(f["view"], "view name")
        fields_view = self.name(f["fields_view"], "view name") if "fields_view" in f else None
        keys = tuple(k for k in (self.string(n, "key column") for n in self.sequence(f["keys"], "keys")) if k)
        entries = []
        for item in self.sequence(f["fields"], "fields"):
            g = self.mapping(item, "a mapped field", {"field": True, "alias": True, "type": True,
                                                      "description": False})
            if g is None or len(set(g) & {"field", "alias", "type"}) < 3:
                continue
            field, alias, ftype = self.string(g["field"], "field"), self.name(g["alias"], "alias"), \
                self.string(g["type"], "field type")
            if field is not None and alias is not None and ftype is not None:
                entries.append((g, field, alias, ftype))
        bad = set()
        for index, code, message, hint, key in mapping_problems([e[1:] for e in entries], keys):
            self.diags.error(code, message, entries[index][0][key].span, hint)
            bad.add(index)
        fields = tuple(
            MappedField(field, alias, FieldType(ftype), g["field"].span,
                        self.string(g["description"], "description") if "description" in g else None)
            for i, (g, field, alias, ftype) in enumerate(entries) if i not in bad)
        if name is None or source is None or view is None:
            return None
        return FieldMapping(name, source, keys, view, fields, node.span, fields_view,
                            self.string(f["description"], "description") if "description" in f else None,
                            self.string(f["fields_description"], "description")
                            if "fields_description" in f else None)

    def _default(self, node: Node | None) -> str | None:
        if node is None:
            return None
        if isinstance(node, Scalar) and node.value is not None and not node.quoted and \
                re.fullmatch(r"-?\d+(\.\d+)?", node.value):
            return node.value
        self._wrong(node, "default", "a number")
        return None

    def _date(self, node: Node, what: str) -> datetime.date | None:
        text = self.string(node, what)
        try:
            return datetime.date.fromisoformat(text) if text and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else \
                _raise(ValueError())
        except ValueError:
            self.diags.error("SV110", f"invalid {what} date {text!r}", node.span, "write it as YYYY-MM-DD")
            return None


def _raise(exc: Exception):
    raise exc


def _describe(node: Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, Scalar):
        return "null" if node.value is None else repr(node.value)
    return "a list" if isinstance(node, Sequence) else "a mapping"
