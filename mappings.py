"""`semview mappings import`: a CDP field catalog (CSV or live table) -> the YAML mapping.

The mapping file is regenerated whole (it holds only the mapping), keeping each
field's description when the platform gives none, and the change against the previous
mapping is reported: added, removed and renamed fields.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .dburl import parse_url
from .generator.compile import load_catalog
from .generator.diagnostics import CompileError, Diagnostic, SourceSpan, source_file
from .generator.emit import write_file
from .generator.model import FieldMapping
from .generator.validate import mapping_problems
from .livedb import open_database

COLUMNS = ("FIELD_NAME", "ALIAS_FIELD_NAME", "FIELD_TYPE", "DESCRIPTION")


@dataclass(frozen=True, slots=True)
class Row:
    field: str
    alias: str
    type: str
    description: str | None
    where: SourceSpan  # the CSV line or the table, for errors


@dataclass(frozen=True, slots=True)
class Change:
    added: tuple[tuple[str, str], ...]  # (field, alias)
    removed: tuple[tuple[str, str], ...]
    renamed: tuple[tuple[str, str, str], ...]  # (field, old alias, new alias)
    retyped: tuple[tuple[str, str, str], ...]  # (field, old type, new type)


def read_csv(path: Path) -> list[Row]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise _usage(f"cannot read {path}: {exc}", "pass a UTF-8 CSV export of CUSTOMER_PROFILE_FIELDS")
    reader = csv.DictReader(text.splitlines())
    header = [h.strip().upper() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS[:3] if c not in header]
    if missing:
        raise _usage(f"{path}:1:1: the CSV has no column {', '.join(missing)}",
                     f"the header must name {', '.join(COLUMNS)}")
    rows = []
    for number, raw in enumerate(reader, start=2):
        record = {k.strip().upper(): (v or "").strip() for k, v in raw.items() if k}
        rows.append(Row(record["FIELD_NAME"], record["ALIAS_FIELD_NAME"], record["FIELD_TYPE"].lower(),
                        record.get("DESCRIPTION") or None, SourceSpan(str(path), number, 1)))
    return rows


def read_database(url: str, table: str) -> list[Row]:
    """Rows of the platform's field table on DuckDB, SQLite, PostgreSQL or MySQL, STR before FIELD."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?", table):
        raise _usage(f"invalid table name '{table}'", "use NAME or SCHEMA.NAME")
    target = parse_url(url)
    query = f"SELECT FIELD_NAME, ALIAS_FIELD_NAME, FIELD_TYPE, DESCRIPTION FROM {table}"
    with open_database(target, read_only=True) as db:
        try:
            records = db.query(query)
        except db.errors as exc:  # no such table, no privilege, ...
            raise _usage(f"cannot read {table} from {target.shown}: {db.message(exc)}",
                         "check the URL, the credentials and the table name") from None
    where = SourceSpan(f"{target.shown}#{table}")
    rows = [Row(str(f).strip(), str(a).strip(), str(t).strip().lower(), (d or None), where)
            for f, a, t, d in records]
    return sorted(rows, key=lambda r: _generic_order(r.field))


def _generic_order(field: str) -> tuple[int, int, str]:
    m = re.fullmatch(r"(STR|FIELD)(\d+)", field.upper())
    return ((0 if m.group(1) == "STR" else 1), int(m.group(2)), field) if m else (2, 0, field)


def _usage(message: str, hint: str) -> CompileError:
    return CompileError((Diagnostic("SV202", message, hint=hint),), exit_code=2)


def find_mapping(project: Path, name: str | None) -> FieldMapping:
    catalog = load_catalog(project)
    mappings = list(catalog.mappings.values())
    if name:
        chosen = catalog.mappings.get(name)
    else:
        chosen = mappings[0] if len(mappings) == 1 else None
    if chosen is None:
        names = ", ".join(catalog.mappings) or "none"
        raise _usage(f"no mapping {'named ' + repr(name) if name else 'chosen'} (mappings: {names})",
                     "pass --mapping NAME")
    return chosen


def check(rows: list[Row], mapping: FieldMapping) -> None:
    problems = [Diagnostic(code, message, rows[i].where, hint)
                for i, code, message, hint, _ in mapping_problems([(r.field, r.alias, r.type) for r in rows],
                                                                   mapping.keys)]
    problems += [Diagnostic("SV142", "empty FIELD_NAME or ALIAS_FIELD_NAME", r.where, "fill both columns")
                 for r in rows if not r.field or not r.alias]
    if problems:
        raise CompileError(tuple(problems))


def diff(old: FieldMapping, rows: list[Row]) -> Change:
    before = {f.field: f for f in old.fields}
    after = {r.field: r for r in rows}
    return Change(
        added=tuple((r.field, r.alias) for r in rows if r.field not in before),
        removed=tuple((f.field, f.alias) for f in old.fields if f.field not in after),
        renamed=tuple((f, before[f].alias, after[f].alias) for f in after
                      if f in before and before[f].alias != after[f].alias),
        retyped=tuple((f, before[f].type.value, after[f].type) for f in after
                      if f in before and before[f].type.value != after[f].type),
    )


def render_mapping(m: FieldMapping, rows: list[Row]) -> str:
    """The mapping file's YAML; strings as JSON literals, which YAML reads verbatim."""
    old = {f.field: f.description for f in m.fields}
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731
    lines = [
        "# The CDP field mapping, written by `semview mappings import`; edit it freely,",
        "# an import rewrites this whole file.",
        "mappings:",
        f"  - name: {q(m.name)}",
    ]
    if m.description:
        lines.append(f"    description: {q(m.description)}")
    lines += [f"    source: {q(m.source)}", f"    keys: [{', '.join(q(k) for k in m.keys)}]", f"    view: {q(m.view)}"]
    if m.fields_view:
        lines.append(f"    fields_view: {q(m.fields_view)}")
    if m.fields_description:
        lines.append(f"    fields_description: {q(m.fields_description)}")
    lines.append("    fields:")
    for r in rows:
        entry = f"field: {q(r.field)}, alias: {q(r.alias)}, type: {q(r.type)}"
        description = r.description or old.get(r.field)
        if description:
            entry += f", description: {q(description)}"
        lines.append(f"      - {{{entry}}}")
    return "\n".join(lines) + "\n"


def import_mapping(project: Path, rows: list[Row], name: str | None, dry_run: bool) -> tuple[FieldMapping, Change, Path]:
    mapping = find_mapping(project, name)
    check(rows, mapping)
    path = source_file(mapping.span.path)
    others = _other_sections(path)
    if others:
        raise _usage(f"{mapping.span}: the mapping shares its file with {', '.join(others)}",
                     "move the mapping into a file of its own; the import rewrites that file whole")
    change = diff(mapping, rows)
    text = render_mapping(mapping, rows)
    load_catalog(project, overrides={path.resolve(): text})  # the whole catalog must still compile
    if not dry_run:
        write_file(path, text)
    return mapping, change, path


def _other_sections(path: Path) -> list[str]:
    sections = re.findall(r"^([A-Za-z_]+):", path.read_text(encoding="utf-8"), flags=re.M)
    return [s for s in dict.fromkeys(sections) if s != "mappings"]
