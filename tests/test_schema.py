"""The editor schema (`semview schema`) agrees with `semview validate`.

The shipped catalog validates against it; broken files are rejected by the schema
and by the validator alike; the committed `schema/semview.schema.json` is exactly
what `semview schema` prints, so editors never read a stale copy.
"""
from __future__ import annotations

import itertools
import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from semview.cli import main
from semview.generator.diagnostics import Collector
from semview.generator.load import find_files, render_template
from semview.generator.schema import catalog_schema, date_format_pattern, schema_json, type_pattern
from semview.generator.validate import _TYPE_NAMES, parse_date_format, parse_type

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "schema" / "semview.schema.json"


class Yaml12Loader(yaml.SafeLoader):
    """What editors (YAML 1.2 core schema) and semview's own loader see.

    `yaml.safe_load` is YAML 1.1: it reads the key `on:` of every relationship and join
    as True, `no` as False and `2024-06-30` as a date. Editors and semview keep them text.
    """


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def load_rendered(path: Path) -> object:
    """A catalog file as editors see it after semview's Jinja rendering."""
    diags = Collector()
    text = render_template(path.read_text(encoding="utf-8"), path.name, {}, diags)
    assert text is not None and not diags.items, diags.items
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 (a SafeLoader subclass)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = catalog_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator: jsonschema.Draft202012Validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(yaml.load(text, Loader=Yaml12Loader))]  # noqa: S506


# -- the committed file and the command ------------------------------------------------


def test_committed_schema_is_what_semview_schema_prints() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.output == COMMITTED.read_text(encoding="utf-8"), \
        "schema/semview.schema.json is stale: run `semview schema --out schema/semview.schema.json`"
    assert result.output == schema_json()


def test_schema_out_writes_the_same_file(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "catalog.schema.json"
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")
    assert json.loads(out.read_text())["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(COMMITTED.read_text(encoding="utf-8")))


# -- the shipped catalog -----------------------------------------------------------------


SHIPPED = find_files(REPO)


def test_the_catalog_has_files_to_check() -> None:
    assert {p.parent.name for p in SHIPPED} == {"metrics", "views"}
    assert len(SHIPPED) >= 5


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_shipped_catalog_file_validates(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(load_rendered(path))]
    assert errors == []


def test_yaml_1_1_would_misread_the_on_key() -> None:
    """Why the tests read YAML as 1.2: with safe_load, `on:` becomes True and the file looks broken."""
    text = "relationships:\n  - {from: A, to: B, on: {x: y}, cardinality: many_to_one}\n"
    assert True in yaml.safe_load(text)["relationships"][0]
    assert "on" in yaml.load(text, Loader=Yaml12Loader)["relationships"][0]  # noqa: S506


# -- the patterns agree with the validator's parsers --------------------------------------


def test_every_type_the_validator_knows_matches_the_pattern() -> None:
    pattern = re.compile(type_pattern())
    for name in _TYPE_NAMES:
        for spelled in (name, name.upper(), name.title(), f" {name} ", f"{name}(18,2)", f"{name} ( 10 )"):
            assert parse_type(spelled) is not None, spelled
            assert pattern.match(spelled), spelled
    for bad in ("money", "decimal(18,2", "int4", "varchar(max)", "", "date time", "decimal(a,b)"):
        assert parse_type(bad) is None, bad
        assert not pattern.match(bad), bad


def test_date_format_pattern_accepts_exactly_what_the_validator_accepts() -> None:
    pattern = re.compile(date_format_pattern())
    tokens, seps = ("YYYY", "MM", "DD", "YY", "M"), ("", "/", "-", ".", " ", "_", "//")
    checked = 0
    for a, b, c in itertools.product(tokens, repeat=3):
        for s1, s2 in itertools.product(seps, repeat=2):
            text = f"{a}{s1}{b}{s2}{c}"
            assert (parse_date_format(text) is not None) == bool(pattern.match(text)), text
            checked += 1
    assert checked == 5 ** 3 * 7 ** 2


# -- broken files: rejected by the schema and by `semview validate` ------------------------

BROKEN = {
    "unknown key": ("SV101", """
        metrics:
          - name: Typo
            descripton: misspelled key
            source: Factor
            agg: count
        """),
    "wrong agg": ("SV103", """
        metrics:
          - name: Mean
            source: Factor
            agg: average
            expr: Amount
        """),
    "missing name": ("SV102", """
        metrics:
          - source: Factor
            agg: count
        """),
    "bad type string": ("SV103", """
        sources:
          - name: Payments
            columns:
              Amount: money
        """),
    "bad date format": ("SV110", """
        sources:
          - name: Payments
            columns:
              PaidOn: {type: date, format: YYYY/MM/MM}
        """),
    "format on a non-date column": ("SV110", """
        sources:
          - name: Payments
            columns:
              PaidOn: {type: string, format: YYYY/MM/DD}
        """),
    "unknown cardinality": ("SV103", """
        relationships:
          - {from: FactorDetail, to: Factor, on: {FactorID: FactorID}, cardinality: many_to_few}
        """),
    "relationship without on": ("SV102", """
        relationships:
          - {from: FactorDetail, to: Factor, cardinality: many_to_one}
        """),
    "entity without keys": ("SV102", """
        entities:
          - {name: region, column: RegionID, type: integer}
        """),
    "unknown section": ("SV101", """
        metric:
          - name: CountAgain
            source: Factor
            agg: count
        """),
    "sum without expr": ("SV102", """
        metrics:
          - name: Total
            source: Factor
            agg: sum
        """),
    "formula with a source": ("SV103", """
        metrics:
          - name: Ratio
            formula: CountFactor / 2
            source: Factor
        """),
    "window of zero days": ("SV103", """
        metrics:
          - name: CountNone
            source: Factor
            agg: count
            window: 0
        """),
    "quoted is not true or false": ("SV103", """
        sources:
          - name: Payments
            quoted: yes
            columns:
              Amount: double
        """),
    "unquoted column name with a space": ("SV111", """
        sources:
          - name: Payments
            columns:
              Unit Price: double
        """),
    "as_of not an ISO date": ("SV110", """
        views:
          - name: Dated
            grain: [customer]
            as_of: 30/06/2024
            columns:
              - metric: CountFactor
        """),
    "view with grain and from": ("SV102", """
        views:
          - name: Both
            grain: [customer]
            from: Factor
            columns:
              - metric: CountFactor
        """),
    "view column of two kinds": ("SV102", """
        views:
          - name: Twice
            grain: [customer]
            columns:
              - {metric: CountFactor, entity: customer}
        """),
    "parameter of zero": ("SV103", """
        views:
          - name: ZeroWindow
            grain: [customer]
            parameters: {window_days: 0}
            columns:
              - metric: CountFactor
        """),
    "one-to-many join": ("SV117", """
        views:
          - name: Lines
            from: Factor
            joins:
              - {to: FactorDetail, on: {FactorID: FactorID}, cardinality: one_to_many}
            columns:
              - column: FactorID
        """),
    "expr column without name": ("SV102", """
        views:
          - name: Net
            from: Factor
            columns:
              - expr: Amount - Discount
        """),
    "mapped field of an unknown type": ("SV144", """
        mappings:
          - name: more_fields
            source: CUSTOMER_PROFILES
            keys: [PROFILE_DATE, CLIENT_CUSTOMER_ID]
            view: VW_MORE_FIELDS
            fields:
              - {field: FIELD153, alias: LTV, type: integer}
        """),
    "latest without order_by": ("SV102", """
        metrics:
          - name: LastAmount
            source: Factor
            agg: latest
            expr: Amount
        """),
    "order_by on a sum": ("SV103", """
        metrics:
          - name: Total
            source: Factor
            agg: sum
            expr: Amount
            order_by: [FactorDate]
        """),
    "unknown period unit": ("SV103", """
        views:
          - name: Weekly
            grain: [customer, {period: week}]
            columns:
              - metric: CountFactor
        """),
    "source over a view with a table": ("SV103", """
        sources:
          - name: Profiles
            view: VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES
            table: CUSTOMER_PROFILES
            columns:
              LIFETIME_VALUE: double
        """),
    "section that is not a list": ("SV103", """
        metrics:
          name: Single
          source: Factor
          agg: count
        """),
}


@pytest.mark.parametrize("case", sorted(BROKEN), ids=lambda c: c.replace(" ", "-"))
def test_broken_file_is_rejected_by_schema_and_validator(case: str, project: Path,
                                                         validator: jsonschema.Draft202012Validator) -> None:
    code, text = BROKEN[case]
    text = textwrap.dedent(text).lstrip()
    assert schema_errors(validator, text), f"the schema accepts: {case}"
    (project / "metrics" / "zz_broken.yml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(project)])
    assert result.exit_code == 1, result.output
    assert f"error[{code}]" in result.output
    assert "zz_broken.yml:" in result.output


GOOD = {
    "quoted source with free column names": """
        sources:
          - name: Exotic
            quoted: true
            table: "Weird Table"
            columns:
              "Unit Price": Decimal(10, 2)
              When: {type: DATE, format: DD.MM.YYYY, description: the day}
        """,
    "row-level view with an expression": """
        views:
          - name: NetAmounts
            description: Invoices with their net amount.
            from: Factor
            filter: Amount > 0
            columns:
              - column: FactorID
              - {name: Net, expr: Amount - Discount, description: Amount after discount.}
        """,
}


def test_good_files_are_accepted_by_schema_and_validator(project: Path,
                                                        validator: jsonschema.Draft202012Validator) -> None:
    for i, case in enumerate(sorted(GOOD)):
        text = textwrap.dedent(GOOD[case]).lstrip()
        assert schema_errors(validator, text) == [], case
        (project / "metrics" / f"zz_good_{i}.yml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(project)])  # one run: compiling is the slow part
    assert result.exit_code == 0, result.output


# -- the schema follows validate.py ---------------------------------------------------------

# Which schema object mirrors each `self.mapping(node, "<what>", {key: required})` of validate.py.
SCHEMA_OF = {
    "a source": ("source",), "a rollup": ("rollup",), "a relationship": ("relationship",),
    "an entity": ("entity",), "a metric": ("metric",), "a view": ("view",), "a join": ("join",),
    "a view column": ("viewColumn",), "a field mapping": ("mapping",),
    "a mapped field": ("mapping", "properties", "fields", "items"), "column": ("column", "oneOf", 1),
    "a period grain": ("periodGrain",),
}


def _validator_key_lists() -> dict[str, dict[str, bool]]:
    """Every literal key list validate.py checks items against, by the item's description."""
    import ast

    tree = ast.parse((REPO / "generator" / "validate.py").read_text(encoding="utf-8"))
    found: dict[str, dict[str, bool]] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "mapping"
                and len(node.args) == 3 and isinstance(node.args[2], ast.Dict)):
            continue
        what = node.args[1]
        if isinstance(what, ast.Constant):
            label = what.value
        elif isinstance(what, ast.JoinedStr):  # f"column '{name}'"
            label = "".join(v.value for v in what.values if isinstance(v, ast.Constant)).split(" ")[0]
        else:
            continue
        found[label] = {k.value: v.value for k, v in zip(node.args[2].keys, node.args[2].values)}
    return found


def test_schema_has_exactly_the_keys_validate_accepts() -> None:
    keys = _validator_key_lists()
    assert set(keys) == set(SCHEMA_OF), "validate.py checks a new kind of item: add it to generator/schema.py"
    schema = catalog_schema()
    for label, path in SCHEMA_OF.items():
        node = schema["$defs"]
        for step in path:
            node = node[step]
        assert set(node["properties"]) == set(keys[label]), f"{label}: update generator/schema.py"
        assert set(node.get("required", ())) == {k for k, req in keys[label].items() if req}, label
        assert node["additionalProperties"] is False


def test_schema_sections_and_period_units_are_validate_ones() -> None:
    from semview.generator.fragments import PERIODS
    from semview.generator.schema import PERIOD_UNITS
    from semview.generator.validate import SECTIONS

    assert tuple(catalog_schema()["properties"]) == SECTIONS
    assert PERIOD_UNITS == PERIODS
