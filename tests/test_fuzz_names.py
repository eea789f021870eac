"""Fuzzed names never inject: every name written in the YAML is data, on every dialect.

Hypothesis builds small catalogs whose view, entity key column, metric, view column and
CDP-alias names (and a CDP field description, written as a string literal) hold quotes
' " `, brackets, semicolons, comment markers, backslashes, reserved words, mixed case,
non-ASCII letters and emoji. For every dialect:

- the compiler either succeeds, or refuses with SV303 exactly when a name breaks one of
  the engine rules restated in `refused` below (found on the real engines), naming it
  and pointing at the YAML line that holds it;
- each emitted file parses back (sqlglot, that dialect) as exactly the statements
  expected (one CREATE VIEW; DROP + CREATE on SQLite; on SQL Server one per GO batch),
  with no comment and no other statement anywhere inside;
- every output name read back from the parsed tree equals the name in the YAML, and
  the generated field-mapping view's literals equal the YAML's strings.

`tests/engines/test_fuzz_names_engines.py` runs the same catalogs on the real engines.
Names with control characters are refused with SV111 (tested here too).
"""
from __future__ import annotations

import json
import re
import string
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

import pytest
import sqlglot
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from sqlglot import exp

from semview.dialects import DIALECTS, get_dialect
from semview.generator.compile import compile_catalog, load_catalog
from semview.generator.diagnostics import CompileError
from semview.generator.emit import render_files

# Pieces that break naive quoting or splitting, words engines reserve, semview's own
# internal names (CTEs and aliases it generates), and letters beyond ASCII.
TOKENS = ("'", '"', "`", "[", "]", ";", "--", "/*", "*/", "\\", "(", ")", ",", ".", " ", "$", "%", "?",
          ":", "#", "=", "@", "{", "}", "''", '""', "``", "]]",
          "SELECT", "ORDER", "LINES", "KEYS", "GROUP", "from", "Select", "TRUE", "false", "NULL",
          "'; DROP TABLE Factor; --", "\"; DROP TABLE Factor; --",
          "row_keys", "src", "s", "base", "k", "Amount", "amount", "CustID", "Factor_to_as_of",
          "é", "ß", "Ω", "日本", "İ", "ü", "Ä", "😀", "\u00a0")
PLAIN = string.ascii_letters + string.digits + "_"
MAX_NAME = 20  # longer names are tested at each engine's limit, in test_limits_at_the_boundary
FIXED = {"profile_date", "client_customer_id", "field_name", "alias_field_name", "field_type", "description"}
JINJA = ("{{", "{%", "{#")  # the YAML is a Jinja template first: these open a block
# Fixed examples, no shrinking: CI runs the same cases every time, and a failure is
# reported at once rather than after minutes of shrinking (the example is printed).
FAST = dict(deadline=None, derandomize=True, database=None, phases=(Phase.explicit, Phase.generate),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _acceptable(name: str) -> bool:
    return bool(name.strip()) and len(name) <= MAX_NAME and name.lower() not in FIXED \
        and not any(j in name for j in JINJA)


names = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(PLAIN, min_size=1, max_size=6)),
                 min_size=1, max_size=4).map("".join).filter(_acceptable)
descriptions = st.lists(st.one_of(st.sampled_from(TOKENS + ("\n", "\t", "\r\n")), st.text(PLAIN, max_size=5)),
                        max_size=6).map("".join).filter(lambda d: d.strip() and not any(j in d for j in JINJA))


@dataclass(frozen=True)
class Names:
    """Every name of one fuzzed catalog; all differ ignoring case."""

    view: str  # the aggregated view
    mapped_view: str  # the CDP mapping's view
    fields_view: str  # the mapping's fields view
    rows_view: str  # a row-level view over `view`
    customer_key: str  # the key column of the customer entity
    channel_key: str  # the key column of the channel entity
    channel_shown: str  # the channel key's column in the view (renamed)
    count: str  # metric: count
    total: str  # metric: sum(Amount)
    total_shown: str  # its column in the view (renamed)
    derived: str  # metric: a formula over `count`
    alias_text: str  # CDP alias of STR1
    alias_number: str  # CDP alias of FIELD1
    rows_total: str  # the row-level view's copy of total_shown
    rows_expr: str  # the row-level view's expression column

    @property
    def relations(self) -> tuple[str, ...]:
        return (self.view, self.mapped_view, self.fields_view, self.rows_view)

    @property
    def columns(self) -> tuple[str, ...]:
        """Names that are columns, CTE columns or aliases in some statement."""
        return (self.customer_key, self.channel_key, self.channel_shown, self.count, self.total,
                self.total_shown, self.derived, self.alias_text, self.alias_number, self.rows_total,
                self.rows_expr)


fuzz_names = st.lists(names, min_size=len(fields(Names)), max_size=len(fields(Names)),
                      unique_by=str.lower).map(lambda values: Names(*values))


def quoted(name: str) -> str:
    """`name` as a double-quoted identifier inside a SQL fragment (fragments read DuckDB SQL)."""
    return '"' + name.replace('"', '""') + '"'


def y(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    text = json.dumps(value, ensure_ascii=False)
    # YAML refuses DEL and C1 controls written raw and reads U+0085/2028/2029 as line breaks.
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)


def write_catalog(root: Path, n: Names, description: str = "a field") -> Path:
    """A project over the reference schema's Factor and CUSTOMER_PROFILES tables.

    Each name sits on its own line (or its item's one-line mapping), so a diagnostic's
    line can be checked to hold the name it complains about.
    """
    (root / "metrics").mkdir(parents=True)
    (root / "views").mkdir()
    (root / "metrics" / "catalog.yml").write_text(f"""\
sources:
  - name: Factor
    columns: {{CustID: integer, SCID: integer, Amount: "decimal(18,2)", Status: string}}
  - name: CUSTOMER_PROFILES
    columns: {{PROFILE_DATE: date, CLIENT_CUSTOMER_ID: string, STR1: string, FIELD1: double}}
entities:
  - {{name: customer, column: {y(n.customer_key)}, type: integer, keys: {{Factor: CustID}}}}
  - {{name: channel, column: {y(n.channel_key)}, type: integer, keys: {{Factor: SCID}}}}
metrics:
  - {{name: {y(n.count)}, source: Factor, agg: count, default: 0}}
  - {{name: {y(n.total)}, source: Factor, agg: sum, expr: Amount}}
  - {{name: {y(n.derived)}, formula: {y(quoted(n.count) + " * 2 + 1")}}}
mappings:
  - name: profile_fields
    source: CUSTOMER_PROFILES
    keys: [PROFILE_DATE, CLIENT_CUSTOMER_ID]
    view: {y(n.mapped_view)}
    fields_view: {y(n.fields_view)}
    fields:
      - {{field: STR1, alias: {y(n.alias_text)}, type: string, description: {y(description)}}}
      - {{field: FIELD1, alias: {y(n.alias_number)}, type: number}}
""", encoding="utf-8")
    (root / "views" / "views.yml").write_text(f"""\
views:
  - name: {y(n.view)}
    grain: [customer, channel]
    columns:
      - {{entity: customer}}
      - {{entity: channel, name: {y(n.channel_shown)}}}
      - {{metric: {y(n.count)}}}
      - {{metric: {y(n.total)}, name: {y(n.total_shown)}}}
      - {{metric: {y(n.derived)}}}
  - name: {y(n.rows_view)}
    from: {y(n.view)}
    columns:
      - {{column: {y(n.customer_key)}}}
      - {{column: {y(n.total_shown)}, name: {y(n.rows_total)}}}
      - {{expr: {y(quoted(n.count) + " + 1")}, name: {y(n.rows_expr)}}}
""", encoding="utf-8")
    return root


def expected_columns(n: Names) -> dict[str, list[str]]:
    return {
        n.view: [n.customer_key, n.channel_shown, n.count, n.total_shown, n.derived],
        n.mapped_view: ["PROFILE_DATE", "CLIENT_CUSTOMER_ID", n.alias_text, n.alias_number],
        n.fields_view: ["FIELD_NAME", "ALIAS_FIELD_NAME", "FIELD_TYPE", "DESCRIPTION"],
        n.rows_view: [n.customer_key, n.rows_total, n.rows_expr],
    }


# -- the engine rules, restated from what the real engines did (see docs/robustness.md) --

def refused(dialect: str, name: str, relation: bool) -> bool:
    """Whether `dialect`'s engine cannot hold `name` (a view name when `relation`)."""
    utf8 = name.encode("utf-8")
    if dialect in ("postgres", "redshift"):
        return len(utf8) > {"postgres": 63, "redshift": 127}[dialect]
    if dialect == "mysql":  # MariaDB 10.11: "Incorrect column name 'x '", leading spaces dropped, no emoji
        return len(name) > 64 or name.endswith(" ") or (not relation and name.startswith(" ")) \
            or any(ord(c) > 0xFFFF for c in name)
    if dialect == "spark":  # INVALID_SCHEMA_OR_RELATION_NAME for views; columns take anything
        return len(name) > 255 or (relation and re.fullmatch(r"[A-Za-z0-9_]+", name) is None)
    if dialect == "clickhouse":  # a view is a file: %XX for each byte outside [A-Za-z0-9_]
        escaped = sum(1 if re.fullmatch(r"[A-Za-z0-9_]", c) else 3 * len(c.encode()) for c in name)
        return relation and escaped > 172
    if dialect == "sqlite":  # CREATE VIEW v AS SELECT 1 AS "TRUE" shows a column named column1
        return not relation and name.lower() in ("true", "false")
    if dialect == "bigquery":  # documented (no engine here): letters, marks, numbers, _ - and spaces
        extra = "" if relation else "&%=+:'<>#|"
        return len(name) > 300 or any(c not in extra and unicodedata.category(c)[0] not in "LMN"
                                      and unicodedata.category(c) not in ("Pc", "Pd", "Zs") for c in name)
    if dialect == "tsql":  # documented: [#v] is a temporary object, and views cannot be temporary
        return len(name) > 128 or (relation and name.startswith("#"))
    limits = {"snowflake": 255}
    return len(name) > limits.get(dialect, 10**9)


def refused_names(dialect: str, n: Names) -> set[str]:
    return {v for v in n.relations if refused(dialect, v, True)} | {c for c in n.columns if refused(dialect, c, False)}


# -- reading emitted SQL back ------------------------------------------------------------

def statements_of(text: str, dialect: str) -> list[exp.Expression]:
    """The statements of a script, read as the engine's client would.

    A SQL Server client (sqlcmd, SSMS) first cuts the script into batches at lines
    holding only `GO`; each batch here must hold one statement and end the script's text.
    """
    target = get_dialect(dialect)
    if target.batch_separator is None:
        return [s for s in sqlglot.parse(text, read=target.sqlglot_name) if s is not None]
    batches = re.split(rf"^{target.batch_separator}$", text, flags=re.M)
    assert not batches[-1].strip(), "a T-SQL script must end with its batch separator"
    out = []
    for batch in batches[:-1]:
        parsed = [s for s in sqlglot.parse(batch, read=target.sqlglot_name) if s is not None]
        assert len(parsed) == 1, f"a batch holds {len(parsed)} statements: {batch!r}"
        out += parsed
    return out


def expected_shape(dialect: str) -> tuple[type[exp.Expression], ...]:
    return {"sqlite": (exp.Drop, exp.Create)}.get(dialect, (exp.Create,))


def check_view_file(text: str, dialect: str, view: str, columns: list[str]) -> exp.Query:
    """The file is exactly the expected statements for `view`, showing exactly `columns`."""
    parsed = statements_of(text, dialect)
    assert tuple(type(s) for s in parsed) == expected_shape(dialect), (dialect, view, parsed)
    create = next(s for s in parsed if isinstance(s, exp.Create))
    assert create.kind == "VIEW"
    assert create.this.name == view and not create.this.args.get("db")
    for drop in (s for s in parsed if isinstance(s, exp.Drop)):
        assert drop.kind == "VIEW" and [t.name for t in drop.args["tables"]] == [view]
    query = create.expression
    assert query.named_selects == columns, (dialect, query.named_selects, columns)
    # Nothing of a name leaked out of its quotes: no comment, no statement inside the view.
    for node in (n for s in parsed for n in s.walk()):
        assert not node.comments, (dialect, node.comments)
    assert not any(isinstance(n, (exp.DDL, exp.DML, exp.Command)) for n in query.walk())
    return query


def literal_rows(query: exp.Query) -> list[list[str | None]]:
    """The rows of a constant view (SELECT 'a' AS x UNION ALL SELECT ...) as Python values."""
    selects = [query] if isinstance(query, exp.Select) else list(query.find_all(exp.Select))
    return [[p.this.this if isinstance(p.this, exp.Literal) else None for p in s.expressions] for s in selects]


# -- the properties ----------------------------------------------------------------------

# Regressions, always run: dotted names read by a row-level view, semview's internal
# names, a source's column name as a metric, TRUE (SQLite), comment and quote runs.
NASTY = Names(view="V.1 ;--", mapped_view="SELECT", fields_view="row_keys", rows_view="base",
              customer_key="TRUE", channel_key="k", channel_shown="a.b", count="Factor_to_as_of",
              total="Amount", total_shown="x.y.z", derived='"; DROP TABLE Factor; --', alias_text="/* */",
              alias_number="]]`'", rows_total="s", rows_expr="src")


@settings(max_examples=60, **FAST)
@example(n=NASTY, description="'; DROP TABLE Factor; --\n\\")
@given(n=fuzz_names, description=descriptions)
def test_fuzzed_names_parse_back_unchanged_on_every_dialect(tmp_path_factory, n: Names, description: str) -> None:
    root = write_catalog(tmp_path_factory.mktemp("fuzz"), n, description)
    catalog = load_catalog(root)
    builds = {}
    for name, dialect in DIALECTS.items():
        bad = refused_names(name, n)
        try:
            views = compile_catalog(catalog, dialect)
        except CompileError as exc:
            assert bad, f"{name} refused names it can hold:\n{exc}"
            assert {d.code for d in exc.diagnostics} == {"SV303"}, str(exc)
            for d in exc.diagnostics:
                named = [b for b in bad if f"'{b}'" in d.message]
                assert named, f"{name}: SV303 names no refused name: {d.message}"
                culprit = min(named, key=lambda b: (d.message.index(f"'{b}'"), -len(b)))  # the first named
                line = Path(d.span.path).read_text(encoding="utf-8").splitlines()[d.span.line - 1]
                if culprit in (n.mapped_view, n.fields_view):  # generated: the mapping is to blame
                    assert "generated by mapping 'profile_fields'" in d.message and "profile_fields" in line
                else:
                    assert y(culprit) in line, f"{d} points at a line without {culprit!r}: {line!r}"
            continue
        assert not bad, f"{name} accepted {bad}, which its engine refuses"
        builds[name] = views
    columns = expected_columns(n)
    files = render_files(builds, "test")
    for name, views in builds.items():
        order = [v.name for v in views]
        assert sorted(order) == sorted(n.relations) and order.index(n.view) < order.index(n.rows_view)
        for view in views:
            assert [c.name for c in view.columns] == columns[view.name]
            query = check_view_file(files[f"{name}/{view.name}.sql"], name, view.name, columns[view.name])
            if view.name == n.fields_view:
                assert literal_rows(query) == [["STR1", n.alias_text, "string", description],
                                               ["FIELD1", n.alias_number, "number", None]]
        everything = statements_of(files[f"{name}/all.sql"], name)
        assert len(everything) == len(views) * len(expected_shape(name))


CONTROL = ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x0b", "\x0c", "\x08"]


@settings(max_examples=30, **FAST)
@given(n=fuzz_names, which=st.sampled_from(["view", "customer_key", "count", "total_shown", "alias_text",
                                            "channel_shown", "mapped_view"]),
       control=st.sampled_from(CONTROL), at=st.integers(0, MAX_NAME))
def test_names_with_control_characters_are_refused_with_sv111(tmp_path_factory, n: Names, which: str,
                                                               control: str, at: int) -> None:
    name = getattr(n, which)
    bad = name[:at] + control + name[at:]
    values = {f.name: getattr(n, f.name) for f in fields(Names)} | {which: bad}
    root = write_catalog(tmp_path_factory.mktemp("ctl"), Names(**values))
    with pytest.raises(CompileError) as caught:
        compile_catalog(load_catalog(root), get_dialect("duckdb"))
    sv111 = [d for d in caught.value.diagnostics if d.code == "SV111"]
    assert sv111, str(caught.value)
    # Reported where the name is written: that line holds the escaped name.
    lines = {d.span.path: Path(d.span.path).read_text(encoding="utf-8").splitlines() for d in sv111}
    assert any(y(bad) in lines[d.span.path][d.span.line - 1] and d.span.col > 1 for d in sv111), str(caught.value)
    assert all(d.hint for d in caught.value.diagnostics)
