"""Every kind of bad catalog gets `file:line:col: error[CODE]`, a hint, exit 1, no output.

Each case edits one file of a copy of the shipped catalog; the expected line and column
are found in the edited text itself (where the offending token is), not taken from
semview's output.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from semview.cli import main


@dataclass
class Case:
    id: str
    file: str
    old: str
    new: str
    code: str
    at: str  # the text the error must point at (first occurrence after the edit)
    offset: int = 0  # columns into `at`
    hint: str | None = None


CASES = [
    Case("yaml-syntax", "views/customer_potential.yml", "    description: >-\n",
         "    description: bad: value\n", "SV001", "bad: value", offset=3),
    Case("duplicate-key", "metrics/customer_potential.yml",
         "  - name: CountFactor\n    description:", "  - name: CountFactor\n    agg: count\n    description:",
         "SV002", "    agg: count\n    window: window_days\n    default: 0", offset=4),
    Case("unknown-key", "metrics/customer_potential.yml", "    agg: min\n    expr: Amount\n",
         "    aggr: min\n    expr: Amount\n", "SV101", "aggr: min", hint="did you mean 'agg'?"),
    Case("unknown-metric", "views/customer_potential.yml", "- metric: AvgAmount", "- metric: AvgAmout",
         "SV104", "AvgAmout", hint="did you mean 'AvgAmount'?"),
    Case("unknown-entity", "views/customer_potential.yml", "grain: [customer, channel]",
         "grain: [customer, chanel]", "SV105", "chanel]", hint="did you mean 'channel'?"),
    Case("unknown-column-in-expr", "metrics/customer_potential.yml", "    agg: avg\n    expr: Amount",
         "    agg: avg\n    expr: Amout", "SV123", "Amout", hint="did you mean 'Amount'?"),
    Case("unknown-column-in-filter", "metrics/sources.yml", "filter: \"Status <> 'canceled'\"",
         "filter: \"Statu <> 'canceled'\"", "SV123", "Statu <>", hint="did you mean 'Status'?"),
    Case("unknown-source", "metrics/customer_potential.yml", "    source: CustomerVisit\n    agg: count\n    filter",
         "    source: CustomerVisits\n    agg: count\n    filter", "SV107", "name: CountNotOrder",
         hint="did you mean 'CustomerVisit'?"),
    Case("cycle", "metrics/customer_potential.yml",
         "formula: days_between(FirstFactorDateInWindow, LastPurchaseDay) / NULLIF(CountFactor - 1, 0)",
         "formula: AveFactorFerq + 1", "SV109", "name: AveFactorFerq"),
    Case("duplicate-name", "metrics/customer_potential.yml", "  - name: MaxAmount", "  - name: MinAmount",
         "SV108", "name: MinAmount\n    description: Largest"),
    Case("bad-date-format", "metrics/sources.yml",
         "FactorDate: {type: date, format: YYYY/MM/DD, sortable_text: true, not_null: true}",
         "FactorDate: {type: date, format: YYYY/MM/XX}", "SV110", "YYYY/MM/XX"),
    Case("fragment-does-not-parse", "metrics/customer_potential.yml", "filter: HasOrder = 0",
         "filter: HasOrder = (0", "SV120", "HasOrder = (0", offset=12),  # where the ) is missing
    Case("fragment-two-statements", "metrics/sources.yml", "filter: \"Status <> 'canceled'\"",
         "filter: \"Status <> 'canceled'; DROP TABLE Factor\"", "SV121", "; DROP"),  # at the ;
    Case("fragment-subquery", "metrics/customer_potential.yml", "filter: HasOrder = 0",
         "filter: HasOrder IN (SELECT 1)", "SV122", "SELECT 1"),
    Case("fragment-comment", "metrics/customer_potential.yml", "filter: HasOrder = 0",
         "filter: HasOrder = 0 /* ; DROP TABLE x */", "SV122", "/* ;"),
    Case("fragment-unknown-function", "metrics/customer_potential.yml", "filter: HasOrder = 0",
         "filter: pg_sleep(HasOrder) = 0", "SV122", "pg_sleep"),
    Case("column-name-injection", "metrics/sources.yml", "      HasOrder: integer\n",
         "      HasOrder: integer\n      \"x; DROP TABLE Factor; --\": integer\n", "SV111",
         "\"x; DROP TABLE Factor; --\""),
    Case("table-name-injection", "metrics/sources.yml", "  - name: SellerVisitPath\n",
         "  - name: SellerVisitPath\n    table: \"SellerVisitPath; DROP TABLE Factor\"\n", "SV111",
         "\"SellerVisitPath; DROP", hint=None),
    Case("undefined-variable", "views/customer_potential.yml", 'var("window_days", 90)', 'var("window_dayz")',
         "SV006", "window_dayz"),
    Case("jinja-syntax", "views/customer_potential.yml", '{{ var("window_days", 90) }}',
         '{{ var("window_days", 90) }', "SV003", "      window_days:", offset=0),
    Case("wrong-type", "metrics/customer_potential.yml", "    default: 0\n\n  - name: MinAmount",
         "    default: zero\n\n  - name: MinAmount", "SV103", "zero"),
    Case("not-null-not-a-boolean", "metrics/sources.yml", "      CustID: {type: integer, not_null: true}",
         "      CustID: {type: integer, not_null: yes}", "SV103", "yes}"),
    Case("missing-key", "views/customer_potential.yml", "    grain: [customer, channel]\n", "", "SV102",
         "name: CustomerPotentialAnalyticsView"),
    Case("missing-window-parameter", "views/customer_potential.yml", "    parameters:\n", "    parameter:\n",
         "SV101", "parameter:", hint="did you mean 'parameters'?"),
]


def _edit(project: Path, case: Case) -> tuple[str, int, int]:
    path = project / case.file
    text = path.read_text()
    assert case.old in text, f"case {case.id}: the catalog changed, update the case"
    text = text.replace(case.old, case.new, 1)
    path.write_text(text)
    index = text.index(case.at) + case.offset
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"proj/{case.file}", line, col


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(project: Path, case: Case) -> None:
    where, line, col = _edit(project, case)
    if case.id == "jinja-syntax":
        col = 1  # Jinja reports lines only
    out = project.parent / "out"
    result = CliRunner().invoke(main, ["build", "proj", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{where}:{line}:{col}: error[{case.code}]" in result.output, result.output
    assert "hint:" in result.output
    if case.hint:
        assert case.hint in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_all_errors_reported_in_one_run(project: Path) -> None:
    _edit(project, CASES[3])  # unknown metric in the view
    _edit(project, CASES[10])  # bad date format in the sources
    result = CliRunner().invoke(main, ["validate", "proj"])
    assert result.exit_code == 1
    # both files' problems, in one run (the typo also leaves a view-backed source without its column)
    assert "error[SV104]" in result.output and "error[SV110]" in result.output
    assert "errors; nothing was written" in result.output


def test_caret_points_at_the_column(project: Path) -> None:
    where, line, col = _edit(project, CASES[3])
    result = CliRunner().invoke(main, ["validate", "proj"])
    lines = result.output.splitlines()
    i = next(i for i, l in enumerate(lines) if l.startswith(f"{where}:{line}:{col}"))
    source, caret = lines[i + 1], lines[i + 2]
    assert source.endswith("- metric: AvgAmout")
    assert caret.index("^") == source.index("AvgAmout")


def test_failed_build_keeps_previous_output(project: Path) -> None:
    out = project.parent / "out"
    assert CliRunner().invoke(main, ["build", "proj", "--out", str(out)]).exit_code == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _edit(project, CASES[3])
    assert CliRunner().invoke(main, ["build", "proj", "--out", str(out)]).exit_code == 1
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_empty_file(project: Path) -> None:
    (project / "views" / "empty.yml").write_text("")
    result = CliRunner().invoke(main, ["validate", "proj"])
    assert result.exit_code == 1
    assert "proj/views/empty.yml:1:1: error[SV007]" in result.output


def test_usage_errors_exit_2(project: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build", "proj", "--dialect", "oracle7"]).exit_code == 2
    assert runner.invoke(main, ["build", "proj", "--var", "novalue"]).exit_code == 2
    result = runner.invoke(main, ["build", "proj", "--as-of", "2024-13-01"])
    assert result.exit_code == 2 and "error[SV201]" in result.output
    assert runner.invoke(main, ["validate", "does-not-exist"]).exit_code == 2


def test_real_process_prints_no_traceback(project: Path) -> None:
    _edit(project, CASES[0])
    proc = subprocess.run([sys.executable, "-m", "semview.cli", "validate", "proj"], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "error[SV001]" in proc.stderr and "Traceback" not in proc.stderr + proc.stdout
