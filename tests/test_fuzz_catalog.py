"""Hostile SQL fragments are refused where they are written; a mangled catalog never crashes.

- Fragments (`filter`, `expr`, `formula`, a row-level view's `filter` and `expr` columns)
  built by Hypothesis from a benign condition and a hostile piece: a subquery, a `;` and
  a statement, a statement alone, a comment hiding code, an unknown function, a
  qualified or undeclared column, unbalanced parentheses. Each must be refused with its
  code (SV120-SV123), every error pointing inside the fragment's text (at the offending
  name or `;` where there is one), and no SQL produced; benign fragments compile, so the
  test can fail.
- The shipped catalog, mutated at random (lines deleted, duplicated, swapped, re-indented;
  characters changed; YAML and Jinja special characters inserted), built in-process with
  click's CliRunner: never an exception other than SystemExit, never a traceback, exit
  0, 1 or 2 only; on 1 or 2 a `file:line:col: error[CODE]` line and a hint, and nothing
  written.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from semview.cli import main
from semview.generator.compile import compile_catalog, load_catalog
from semview.generator.diagnostics import CompileError
from semview.dialects import get_dialect

REPO = Path(__file__).resolve().parents[1]
FAST = dict(deadline=None, derandomize=True, database=None, phases=(Phase.explicit, Phase.generate),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                   HealthCheck.function_scoped_fixture])

# -- hostile fragments ---------------------------------------------------------------------

CATALOG = """\
sources:
  - name: Factor
    columns: {CustID: integer, Amount: "decimal(18,2)", Status: string}
    filter: |-
      %(source_filter)s
entities:
  - {name: customer, column: CustID, type: integer, keys: {Factor: CustID}}
metrics:
  - name: Total
    source: Factor
    agg: sum
    expr: |-
      %(metric_expr)s
    filter: |-
      %(metric_filter)s
  - name: Twice
    formula: |-
      %(formula)s
"""
VIEWS = """\
views:
  - name: Summary
    grain: [customer]
    columns: [{entity: customer}, {metric: Total}, {metric: Twice}]
  - name: Rows
    from: Factor
    filter: |-
      %(view_filter)s
    columns:
      - {column: CustID}
      - name: Shown
        expr: |-
          %(view_expr)s
"""
# Where each host's fragment starts in its file: (file, 1-based line, 1-based column).
HOSTS = {
    "source_filter": ("metrics/catalog.yml", 5, 7),
    "metric_expr": ("metrics/catalog.yml", 13, 7),
    "metric_filter": ("metrics/catalog.yml", 15, 7),
    "formula": ("metrics/catalog.yml", 18, 7),
    "view_filter": ("views/views.yml", 8, 7),
    "view_expr": ("views/views.yml", 13, 11),
}
# Benign fragments per host: they compile, and the hostile pieces are added to them.
BENIGN = {
    "source_filter": ["Status <> 'canceled'", "Amount > 0", "coalesce(Amount, 0) * 2 >= 1",
                      "Status IN ('a', 'b;c')", "Amount BETWEEN 1 AND 2", "Status LIKE '%--%'"],
    "metric_expr": ["Amount", "Amount * 2", "CASE WHEN Status = 'x' THEN Amount ELSE 0 END", "abs(Amount)"],
    "metric_filter": ["Amount > 0", "Status = '/* x */'", "NOT Status IS NULL"],
    "formula": ["Total * 2", "coalesce(Total, 0) + 1", "Total / NULLIF(Total, 0)"],
    "view_filter": ["Amount > 0", "Status <> 'x'", "CustID IN (1, 2)"],
    "view_expr": ["Amount * 2", "upper(Status)", "round(Amount, 1)"],
}


@dataclass(frozen=True)
class Hostile:
    text: str
    codes: frozenset[str]
    at: str | None = None  # the text the error must point at, when there is one spot


def hostile_pieces(host: str) -> st.SearchStrategy[tuple[str, frozenset[str], str | None]]:
    """(fragment, the codes it may be refused with, the text the first error points at)."""
    benign = st.sampled_from(BENIGN[host])
    name = "Total" if host == "formula" else "Amount"
    secret = st.sampled_from(["Secret", "password", "Amout", "pg_catalog", "row_keys", "src", "k"])
    subquery = st.sampled_from([
        f"(SELECT max({name}) FROM Factor) > 0", f"{name} IN (SELECT {name} FROM Factor)", "EXISTS (SELECT 1)",
        f"{name} > (SELECT 1)", "CAST((SELECT 1) AS INT) = 1", f"{name} = ANY (SELECT 1)"])
    statement = st.sampled_from([
        "DROP TABLE Factor", "DELETE FROM Factor", "INSERT INTO Factor VALUES (1)",
        "UPDATE Factor SET Amount = 0", "CREATE TABLE x (a INT)", "TRUNCATE TABLE Factor",
        "ATTACH 'x.db' AS x", "PRAGMA writable_schema = 1", "COPY Factor TO '/tmp/x.csv'",
        "GRANT ALL ON Factor TO PUBLIC", "SELECT * FROM Factor", "SET search_path = x"])
    comment = st.sampled_from(["/* ; DROP TABLE Factor */", "-- ; DROP TABLE Factor", "/**/", "--",
                               "/* nested /* */ */", "# mysql comment"])
    function = st.sampled_from(["pg_sleep(10)", "read_csv('/etc/passwd')", "load_file('/etc/passwd')",
                                "version()", "current_setting('x')", "sleep(5)", "benchmark(1, 1)",
                                "getenv('HOME')", "xp_cmdshell('dir')", "system('ls')", "dblink('x', 'y')"])
    qualified = st.sampled_from([f"Factor.{name}", f"main.Factor.{name}", f"src.{name}", f"s.{name}"])

    def statement_after(b: str, s: str) -> tuple[str, frozenset[str], str | None]:
        return f"{b}; {s}", frozenset({"SV121"}), f"; {s}"  # the `;` ending b, not one in a string

    def statement_alone(s: str) -> tuple[str, frozenset[str], str | None]:
        # sqlglot reads most as statements (SV121); what it cannot read is SV120; SET is SV122
        return s, frozenset({"SV120", "SV121", "SV122"}), None

    def wrapped_statement(b: str, s: str) -> tuple[str, frozenset[str], str | None]:
        return f"{b} AND ({s})", frozenset({"SV120", "SV122"}), None

    def commented(b: str, c: str) -> tuple[str, frozenset[str], str | None]:
        # An unterminated /* cannot even be read: SV120; MySQL's # is no comment here: SV120
        return (f"{b} {c}" if not c.startswith("--") else f"{b} {c}\n AND {b}"), \
            frozenset({"SV120", "SV122"}), None

    def calling(b: str, f: str) -> tuple[str, frozenset[str], str | None]:
        return f"{b} AND {f} IS NOT NULL", frozenset({"SV122"}), f.split("(")[0]

    def undeclared(b: str, s: str) -> tuple[str, frozenset[str], str | None]:
        return f"{b} OR {s} = 1", frozenset({"SV123"}), s

    def qualifying(b: str, q: str) -> tuple[str, frozenset[str], str | None]:
        return f"{b} AND {q} IS NULL", frozenset({"SV122", "SV123"}), None

    def subquerying(b: str, q: str) -> tuple[str, frozenset[str], str | None]:
        return f"{b} OR {q}", frozenset({"SV122"}), None

    def unbalanced(b: str) -> tuple[str, frozenset[str], str | None]:
        return f"({b}) OR (1 = 1", frozenset({"SV120"}), None

    return st.one_of(
        st.builds(statement_after, benign, statement), st.builds(statement_alone, statement),
        st.builds(wrapped_statement, benign, statement), st.builds(commented, benign, comment),
        st.builds(calling, benign, function), st.builds(undeclared, benign, secret),
        st.builds(qualifying, benign, qualified), st.builds(subquerying, benign, subquery),
        st.builds(unbalanced, benign), st.just((f"{BENIGN[host][0]};", frozenset({"SV121"}), ";")))


def _indent(text: str, spaces: int) -> str:
    return text.replace("\n", "\n" + " " * spaces)


def write_fragments(root: Path, fragments: dict[str, str]) -> Path:
    values = {h: BENIGN[h][0] for h in HOSTS} | fragments
    (root / "metrics").mkdir(parents=True)
    (root / "views").mkdir()
    catalog = {h: _indent(values[h], HOSTS[h][2] - 1) for h in HOSTS}
    (root / "metrics" / "catalog.yml").write_text(CATALOG % catalog, encoding="utf-8")
    (root / "views" / "views.yml").write_text(VIEWS % catalog, encoding="utf-8")
    return root


def test_benign_fragments_compile(tmp_path: Path) -> None:
    """The control: without a hostile piece, every host compiles and its fragment reaches the SQL."""
    views = compile_catalog(load_catalog(write_fragments(tmp_path, {})), get_dialect("duckdb"))
    sql = "\n".join(v.sql for v in views)
    assert "'canceled'" in sql and '"base".Amount * 2 AS "Shown"' in sql


@settings(max_examples=120, **FAST)
@given(data=st.data(), host=st.sampled_from(sorted(HOSTS)))
def test_hostile_fragments_are_refused_where_written(tmp_path_factory, data: st.DataObject, host: str) -> None:
    text, codes, at = data.draw(hostile_pieces(host), label="fragment")
    root = write_fragments(tmp_path_factory.mktemp("frag"), {host: text})
    with pytest.raises(CompileError) as caught:
        compile_catalog(load_catalog(root), get_dialect("duckdb"))  # nothing compiles: no SQL at all
    diagnostics = caught.value.diagnostics
    assert {d.code for d in diagnostics} <= codes, f"{text!r}: {caught.value}"
    file, line, col = HOSTS[host]
    first_line = text.split("\n")[0]
    for d in diagnostics:  # every error inside the fragment's text, with a hint
        assert d.span.path.endswith(file) and d.hint, str(d)
        assert line <= d.span.line < line + text.count("\n") + 1, f"{text!r}: {d}"
        if d.span.line == line:
            assert col <= d.span.col <= col + len(first_line), f"{text!r}: {d}"
    if at is not None:
        assert any(d.span.line == line and d.span.col == col + first_line.index(at) for d in diagnostics), \
            f"{text!r}: no error at {at!r}: {caught.value}"


# -- the shipped catalog, mangled ----------------------------------------------------------

SPECIAL = [":", ": ", "-", "- ", "{", "}", "[", "]", "'", '"', "&a ", "*a", "!", "!!python/object:os.system ",
           "|", ">", "%", "@", "`", "#", "\t", " ", "  ", "{{", "}}", "{%", "%}", "{#", "? ", ",", "---\n",
           "...\n", "%YAML 1.1\n", "<<: *x\n", "\ufeff", "\u2028", "\x85", "é", "😀", "\\", "\\u", "~",
           "null", "no", "2024-01-01", "0x1F", "1e400", "\x00", "\x1b", "\r", "\r\n", "\n"]


def _catalog_files(root: Path) -> list[Path]:
    return sorted(p for folder in ("metrics", "views") for p in (root / folder).rglob("*.y*ml"))


@st.composite
def mutations(draw: st.DrawFn, count: int) -> list[tuple[int, str, int, int, str]]:
    """(file index, kind, position, other position, text) for each mutation."""
    kinds = st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "tab", "replace", "insert"])
    return [(draw(st.integers(0, count - 1)), draw(kinds), draw(st.integers(0, 10**6)), draw(st.integers(0, 10**6)),
             draw(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=3))))
            for _ in range(draw(st.integers(1, 3)))]


def mutate(text: str, kind: str, a: int, b: int, piece: str) -> str:
    lines = text.split("\n")
    i, j = a % len(lines), b % len(lines)
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = " " * (1 + b % 4) + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][min(len(lines[i]) - len(lines[i].lstrip(" ")), 1 + b % 4):]
    elif kind == "tab":
        lines[i] = "\t" + lines[i]
    else:
        position = a % (len(text) + 1)
        end = position + (1 if kind == "replace" else 0)
        return text[:position] + piece + text[end:]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shipped")
    for folder in ("metrics", "views"):
        shutil.copytree(REPO / folder, root / folder)
    return root


ERROR_LINE = re.compile(r"^(\S.*?:\d+:\d+: |)error\[SV\d{3}\]: ", re.M)


@settings(max_examples=60, **FAST)
@given(data=st.data())
def test_mutated_catalog_never_crashes(shipped: Path, tmp_path_factory, data: st.DataObject) -> None:
    files = _catalog_files(shipped)
    root = tmp_path_factory.mktemp("mutant")
    for folder in ("metrics", "views"):
        shutil.copytree(shipped / folder, root / folder)
    texts = {p: p.read_bytes().decode("utf-8") for p in files}
    for index, kind, a, b, piece in data.draw(mutations(len(files)), label="mutations"):
        path = files[index]
        texts[path] = mutate(texts[path], kind, a, b, piece)
    for path, text in texts.items():
        (root / path.relative_to(shipped)).write_text(text, encoding="utf-8", newline="")
    out = root / "out"
    result = CliRunner().invoke(main, ["build", str(root), "--dialect", "duckdb", "--out", str(out)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash: the traceback is the finding
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert (out / "manifest.json").is_file()
    else:
        assert ERROR_LINE.search(result.output) and "hint:" in result.output, result.output
        assert not out.exists()
