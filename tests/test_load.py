"""Loading: Jinja first, then YAML nodes that remember where they came from."""
from __future__ import annotations

from pathlib import Path

from semview.generator.diagnostics import Collector
from semview.generator.load import Mapping, Scalar, Sequence, load_file


def _load(tmp_path: Path, text: str, variables: dict | None = None):
    path = tmp_path / "f.yml"
    path.write_text(text)
    diags = Collector()
    return load_file(path, variables or {}, diags), diags.items


def test_scalars_stay_text_no_yaml11_surprises(tmp_path: Path) -> None:
    doc, errors = _load(tmp_path, "a: no\nb: 2024-01-01\nc: 010\nd: ~\ne: 'null'\n")
    assert not errors
    values = {k.value: v.value for k, v in doc.root.items}
    assert values == {"a": "no", "b": "2024-01-01", "c": "010", "d": None, "e": "null"}


def test_positions_are_one_based_lines_and_columns(tmp_path: Path) -> None:
    doc, _ = _load(tmp_path, "views:\n  - name: V\n    grain: [a, bb]\n")
    view = doc.root.get("views").items[0]
    assert isinstance(view, Mapping) and (view.span.line, view.span.col) == (2, 5)
    grain = view.get("grain")
    assert isinstance(grain, Sequence)
    assert [(s.value, s.span.line, s.span.col) for s in grain.items] == [("a", 3, 13), ("bb", 3, 16)]


def test_quoted_scalar_text_starts_after_the_quote(tmp_path: Path) -> None:
    doc, _ = _load(tmp_path, "f: \"Status <> 'x'\"\n")
    value = doc.root.get("f")
    assert isinstance(value, Scalar) and value.quoted
    assert (value.span.col, value.text_span.col) == (4, 5)


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    _, errors = _load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [(e.code, e.span.line, e.span.col) for e in errors] == [("SV002", 3, 1)]


def test_jinja_var_default_and_override(tmp_path: Path) -> None:
    doc, _ = _load(tmp_path, 'n: {{ var("n", 90) }}\n')
    assert doc.root.get("n").value == "90"
    doc, _ = _load(tmp_path, 'n: {{ var("n", 90) }}\n', {"n": "30"})
    assert doc.root.get("n").value == "30"


def test_undefined_variable_points_at_its_use(tmp_path: Path) -> None:
    _, errors = _load(tmp_path, "a: 1\nb: {{ var(\"missing\") }}\n")
    assert [(e.code, e.span.line, e.span.col) for e in errors] == [("SV006", 2, 12)]
    assert "--var missing=" in errors[0].hint


def test_exponential_aliases_are_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    doc, errors = _load(tmp_path, "\n".join(lines) + "\n")
    assert doc is None and [e.code for e in errors] == ["SV005"]


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_bytes(b"a: \xff\xfe\n")
    diags = Collector()
    assert load_file(path, {}, diags) is None
    assert diags.items[0].code == "SV004"
