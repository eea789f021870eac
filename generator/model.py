"""The semantic model: immutable objects built by `validate`, read by every later stage."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import Enum

from .diagnostics import SourceSpan


class Agg(Enum):
    COUNT = "count"
    COUNT_DISTINCT = "count_distinct"
    SUM = "sum"
    MIN = "min"
    MAX = "max"
    AVG = "avg"
    MOST_FREQUENT = "most_frequent"  # the value seen most often; ties -> the smallest value
    LATEST = "latest"  # the value on the last row by `order_by` (or `offset` rows before it)

    @property
    def ranked(self) -> bool:
        return self in (Agg.MOST_FREQUENT, Agg.LATEST)

    @property
    def decomposable(self) -> bool:
        """Its value over a group follows from its values over the group's parts (a SUM of
        SUMs or of COUNTs, a MIN of MINs; AVG as SUM / COUNT)."""
        return self in (Agg.COUNT, Agg.SUM, Agg.MIN, Agg.MAX, Agg.AVG)


class Cardinality(Enum):
    MANY_TO_ONE = "many_to_one"
    ONE_TO_MANY = "one_to_many"
    ONE_TO_ONE = "one_to_one"
    MANY_TO_MANY = "many_to_many"  # e.g. planned visits and visits on the same day: rollups only


@dataclass(frozen=True, slots=True)
class DataType:
    """A column type in the catalog's portable vocabulary; dialects spell it."""

    kind: str  # integer, bigint, double, decimal, string, date, timestamp, boolean
    precision: int | None = None
    scale: int | None = None

    def __str__(self) -> str:
        if self.precision is not None:
            return f"{self.kind}({self.precision},{self.scale or 0})"
        return self.kind

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("integer", "bigint", "double", "decimal")


@dataclass(frozen=True, slots=True)
class DateFormat:
    """A date stored as text, e.g. `YYYY/MM/DD`; `strftime` is the same as `%Y/%m/%d`."""

    pattern: str
    strftime: str


@dataclass(frozen=True, slots=True)
class Fragment:
    """A SQL expression written in YAML, kept with where its text starts."""

    text: str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: DataType
    span: SourceSpan
    description: str | None = None
    date_format: DateFormat | None = None  # set when a date is stored as text
    # Opt-in: the text is zero-padded, year first (YYYY/MM/DD), so it sorts like the date;
    # windows then compare the raw text (an index on it can serve them) and min/max read it.
    sortable_text: bool = False
    # Opt-in: the column never holds NULL (the schema says NOT NULL), so a view keyed on it
    # may FULL JOIN its scopes (a NULL key would match nothing and give a row per scope).
    not_null: bool = False


@dataclass(frozen=True, slots=True)
class Rollup:
    """A per-row value of a source computed from a one-to-many related source.

    Example: `BasketSize` of an invoice = the number of its `FactorDetail` lines.
    """

    name: str
    source: str  # the related (child) source
    agg: Agg
    span: SourceSpan
    expr: Fragment | None = None
    filter: Fragment | None = None
    default: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    table: str
    schema: str | None
    quoted: bool  # the table and its columns were created with quoted (exact-case) names
    columns: tuple[Column, ...]
    span: SourceSpan
    filter: Fragment | None = None
    time: str | None = None  # the column that says when a row happened (as-of cut, windows)
    rollups: tuple[Rollup, ...] = ()
    description: str | None = None
    view: str | None = None  # a source over a view of the catalog (its rows)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


@dataclass(frozen=True, slots=True)
class Relationship:
    """`source` rows relate to `to` rows on equal keys; cardinality seen from `source`."""

    source: str
    to: str
    on: tuple[tuple[str, str], ...]
    cardinality: Cardinality
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    column: str  # the key's name in every view's output
    type: DataType
    keys: tuple[tuple[str, str], ...]  # (source, column of that source)
    span: SourceSpan
    dimension: str | None = None  # the source with one row per key, holding attributes
    description: str | None = None

    def key_in(self, source: str) -> str | None:
        return next((col for src, col in self.keys if src == source), None)


@dataclass(frozen=True, slots=True)
class Window:
    """The last `days` days ending on the as-of date; `days` may name a view parameter."""

    days: int | str
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    description: str | None
    span: SourceSpan
    source: str | None = None  # aggregate metrics
    agg: Agg | None = None
    expr: Fragment | None = None  # per-row value (aggregate) or formula over metrics (derived)
    filter: Fragment | None = None
    window: Window | None = None
    default: str | None = None  # value for a group with no rows, e.g. 0 for counts
    type: DataType | None = None
    as_text: bool = False  # a date result shown in its source column's text format
    order_by: tuple[str, ...] = ()  # latest: the columns that order the rows, last = latest
    offset: int = 0  # latest: 1 = the row before the last one

    @property
    def derived(self) -> bool:
        return self.source is None


class ColumnKind(Enum):
    PERIOD = "period"  # `start` (the period's first day) or `label` ('year', 'month', ...)
    ENTITY = "entity"
    ATTRIBUTE = "attribute"
    METRIC = "metric"
    COLUMN = "column"  # row-level views: a column of the base or a join (`alias.Column`)
    EXPR = "expr"  # row-level views: an expression over those columns


@dataclass(frozen=True, slots=True)
class ViewColumn:
    name: str
    kind: ColumnKind
    ref: str  # entity name, `entity.Column`, metric name, `[alias.]Column`, or expression text
    span: SourceSpan
    description: str | None = None
    expr: Fragment | None = None  # for EXPR columns


@dataclass(frozen=True, slots=True)
class Join:
    """A row-level view's left join; only many-to-one or one-to-one, so rows never multiply."""

    to: str  # a source or a view
    alias: str
    on: tuple[tuple[str, str], ...]  # (base column, joined column)
    cardinality: Cardinality
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class PeriodGrain:
    """Rows per calendar period of each source's `time`; several units are stacked (UNION ALL)."""

    units: tuple[str, ...]  # year, quarter, month, week, day
    column: str  # the period's first day (a DATE)
    span: SourceSpan
    label: str | None = None  # a column holding the unit's name, for several units


@dataclass(frozen=True, slots=True)
class View:
    name: str
    description: str | None
    grain: tuple[str, ...]  # entity names
    columns: tuple[ViewColumn, ...]
    span: SourceSpan
    rows: tuple[str, ...] = ()  # metrics whose groups make the rows; empty = every metric's
    parameters: tuple[tuple[str, int], ...] = ()
    as_of: datetime.date | None = None
    grain_spans: tuple[SourceSpan, ...] = ()
    rows_spans: tuple[SourceSpan, ...] = ()
    base: str | None = None  # row-level view: one row per row of this source or view
    filter: Fragment | None = None
    joins: tuple[Join, ...] = ()
    values: tuple[tuple[str | None, ...], ...] = ()  # constant view: these rows (generated views)
    period: PeriodGrain | None = None

    @property
    def row_level(self) -> bool:
        return self.base is not None

    def parameter(self, name: str) -> int | None:
        return next((v for k, v in self.parameters if k == name), None)


class FieldType(Enum):
    STRING = "string"
    NUMBER = "number"


@dataclass(frozen=True, slots=True)
class MappedField:
    """A generic column of a CDP table and the real name it is exposed under."""

    field: str  # e.g. FIELD153
    alias: str  # e.g. LIFETIME_VALUE
    type: FieldType
    span: SourceSpan
    description: str | None = None


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Generates `view` (the source's rows, mapped columns under their aliases) and
    `fields_view` (the mapping itself as rows)."""

    name: str
    source: str
    keys: tuple[str, ...]  # exposed first, under their own names
    view: str
    fields: tuple[MappedField, ...]
    span: SourceSpan
    fields_view: str | None = None
    description: str | None = None
    fields_description: str | None = None


@dataclass(frozen=True, slots=True)
class Project:
    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    relationships: tuple[Relationship, ...]
    metrics: tuple[Metric, ...]
    views: tuple[View, ...]
    mappings: tuple[FieldMapping, ...] = ()

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    def entity(self, name: str) -> Entity | None:
        return next((e for e in self.entities if e.name == name), None)

    def metric(self, name: str) -> Metric | None:
        return next((m for m in self.metrics if m.name == name), None)
