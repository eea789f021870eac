"""`semview validate --format text|json|github`: the same diagnostics for people, tools and CI.

The broken project is written here, so every expected line and column is read off the
YAML below; the folder's name has a comma to prove GitHub property escaping.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from semview.generator.diagnostics import Diagnostic, SourceSpan
from semview.generator.report import escape_data, escape_property, format_github, format_json, format_text

SALES = """\
sources:
  - name: Factor
    columns:
      CustID: integer
      Amount: decimal(18,2)

entities:
  - name: customer
    column: CustID
    type: integer
    keys: {Factor: CustID}

metrics:
  - name: AvgAmount
    description: Mean invoice amount.
    source: Factor
    agg: avg
    expr: Amount
    windw: 30
"""
VIEWS = """\
views:
  - name: CustomerSales
    grain: [customer]
    columns:
      - entity: customer
      - metric: AvgAmout
"""

# `windw` is line 19, column 5 of sales.yml; `AvgAmout` line 6, column 17 of customers.yml.
EXPECTED_GITHUB = (
    "::error file=my%2Cproj/metrics/sales.yml,line=19,col=5,title=semview SV101::"
    "unknown key 'windw' in a metric%0Ahint: did you mean 'window'?\n"
    "::error file=my%2Cproj/views/customers.yml,line=6,col=17,title=semview SV104::"
    "unknown metric 'AvgAmout'%0Ahint: did you mean 'AvgAmount'?\n"
)
EXPECTED_JSON = """\
{
  "ok": false,
  "errors": 2,
  "warnings": 0,
  "views": null,
  "diagnostics": [
    {
      "code": "SV101",
      "severity": "error",
      "file": "my,proj/metrics/sales.yml",
      "line": 19,
      "col": 5,
      "message": "unknown key 'windw' in a metric",
      "hint": "did you mean 'window'?"
    },
    {
      "code": "SV104",
      "severity": "error",
      "file": "my,proj/views/customers.yml",
      "line": 6,
      "col": 17,
      "message": "unknown metric 'AvgAmout'",
      "hint": "did you mean 'AvgAmount'?"
    }
  ]
}
"""


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "my,proj"
    (root / "metrics").mkdir(parents=True)
    (root / "views").mkdir()
    (root / "metrics" / "sales.yml").write_text(SALES)
    (root / "views" / "customers.yml").write_text(VIEWS)
    return root


def validate(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "semview.cli", "validate", *args], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_github_annotations_byte_for_byte(broken: Path) -> None:
    proc = validate("my,proj", "--format", "github", cwd=broken.parent)
    assert proc.returncode == 1
    assert proc.stdout == EXPECTED_GITHUB
    assert proc.stderr == ""


def test_json_byte_for_byte(broken: Path) -> None:
    proc = validate("my,proj", "--format", "json", cwd=broken.parent)
    assert proc.returncode == 1
    assert proc.stdout == EXPECTED_JSON
    assert proc.stderr == ""


def test_text_is_the_default(broken: Path) -> None:
    proc = validate("my,proj", cwd=broken.parent)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("my,proj/metrics/sales.yml:19:5: error[SV101]: unknown key 'windw' in a metric\n"
                                  "   19 |     windw: 30\n")
    assert "my,proj/views/customers.yml:6:17: error[SV104]: unknown metric 'AvgAmout'" in proc.stderr
    assert proc.stderr.endswith("semview: 2 errors; nothing was written.\n")


def test_usage_errors_keep_exit_code_2_in_every_format(tmp_path: Path) -> None:
    for fmt in ("text", "json", "github"):
        proc = validate("missing", "--format", fmt, cwd=tmp_path)
        assert proc.returncode == 2, fmt
        assert "project directory 'missing' does not exist" in proc.stdout + proc.stderr
    document = json.loads(validate("missing", "--format", "json", cwd=tmp_path).stdout)
    assert document["diagnostics"][0]["code"] == "SV009" and document["diagnostics"][0]["file"] is None
    github = validate("missing", "--format", "github", cwd=tmp_path).stdout
    assert github == ("::error title=semview SV009::project directory 'missing' does not exist"
                      "%0Ahint: pass the folder holding metrics/ and views/\n")


def test_a_good_catalog_in_every_format(broken: Path) -> None:
    (broken / "metrics" / "sales.yml").write_text(SALES.replace("    windw: 30\n", ""))
    (broken / "views" / "customers.yml").write_text(VIEWS.replace("AvgAmout", "AvgAmount"))
    proc = validate("my,proj", "--format", "json", cwd=broken.parent)
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"ok": True, "errors": 0, "warnings": 0, "views": 1, "diagnostics": []}
    github = validate("my,proj", "--format", "github", cwd=broken.parent)
    assert github.returncode == 0 and github.stdout == "semview: ok: 1 view(s)\n"


def test_escaping_follows_githubs_rules() -> None:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
    assert escape_data("50% of\r\nrows") == "50%25 of%0D%0Arows"
    assert escape_property("C:\\a,b%\n") == "C%3A\\a%2Cb%25%0A"
    assert escape_data("%0A") == "%250A"  # % first, so an encoded-looking text stays itself


def test_severities_and_spans() -> None:
    diagnostics = [
        Diagnostic("SV130", "metric 'X' has no description", SourceSpan("m.yml", 3, 5), None, "warning"),
        Diagnostic("SV999", "a note: with, punctuation", None, None, "info"),
    ]
    assert format_github(diagnostics) == (
        "::warning file=m.yml,line=3,col=5,title=semview SV130::metric 'X' has no description\n"
        "::notice title=semview SV999::a note: with, punctuation\n")
    document = json.loads(format_json(diagnostics, views=4))
    assert (document["ok"], document["errors"], document["warnings"], document["views"]) == (True, 0, 1, 4)
    assert format_text(diagnostics).splitlines()[-1] == "info[SV999]: a note: with, punctuation"
