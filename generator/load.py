"""Stage 1: files -> Jinja-rendered text -> YAML node trees that remember positions.

The only module that imports yaml. Scalars stay strings (the validator decides what a
value means), so YAML 1.1 never turns `no` into False or `2024-01-01` into a date, and
duplicate keys are errors rather than silently overwritten.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping as TMapping, Union

import jinja2
from jinja2.sandbox import SandboxedEnvironment
import yaml

from .diagnostics import Collector, SourceSpan, register_file

YAML_SUFFIXES = (".yml", ".yaml")
CATALOG_FOLDERS = ("metrics", "views")
MAX_FILE_BYTES = 5_000_000  # a catalog file larger than this is a mistake, not a model
MAX_ALIAS_NODES = 100_000  # nodes reached again through aliases; plain nodes are bounded by size


@dataclass(frozen=True, slots=True)
class Scalar:
    value: str | None  # None for an explicit YAML null (`~`, `null`, empty)
    span: SourceSpan
    quoted: bool  # written in quotes or as a block: never a null, never a number
    text_span: SourceSpan  # where the characters of the value start (after a quote)


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple["Node", ...]
    span: SourceSpan


@dataclass(frozen=True, slots=True)
class Mapping:
    items: tuple[tuple[Scalar, "Node"], ...]
    span: SourceSpan

    def get(self, key: str) -> "Node | None":
        for k, v in self.items:
            if k.value == key:
                return v
        return None


Node = Union[Scalar, Sequence, Mapping]


@dataclass(frozen=True, slots=True)
class Document:
    path: str  # as shown to the user
    root: Node | None


class _UndefinedVariable(Exception):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it, so editors can open it."""
    rel = os.path.relpath(path)
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


def find_files(project: Path) -> list[Path]:
    """Every catalog file of a project, in a stable order whatever the file system says."""
    found = [
        p
        for folder in CATALOG_FOLDERS
        if (project / folder).is_dir()
        for p in (project / folder).rglob("*")
        # Not only regular files: a dangling link or a pipe named *.yml is reported, never
        # silently skipped (or read: a pipe would block). Hidden files (editors' `.#x.yml`
        # lock links, `.x.yml` backups) are not the catalog's.
        if p.suffix in YAML_SUFFIXES and not p.name.startswith(".") and not p.is_dir()
    ]
    return sorted(found, key=lambda p: p.relative_to(project).as_posix())


def load_project(project: Path, variables: TMapping[str, str], diags: Collector,
                 overrides: TMapping[Path, str] | None = None) -> list[Document]:
    """Render and parse every catalog file; problems go to `diags`, good files are kept.

    `overrides` gives new text for some files (resolved paths), to check an edit before
    it is written.
    """
    docs = []
    overrides = overrides or {}
    for path in find_files(project):
        real = Path(os.path.realpath(path))  # Path.resolve() raises on a symlink loop
        if real in overrides:
            shown = display_path(path)
            register_file(shown, path)
            text = render_template(overrides[real], shown, variables, diags)
            doc = parse_yaml(text, shown, diags) if text is not None else None
        else:
            doc = load_file(path, variables, diags)
        if doc is not None:
            docs.append(doc)
    return docs


def load_file(path: Path, variables: TMapping[str, str], diags: Collector) -> Document | None:
    shown = display_path(path)
    register_file(shown, path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            diags.error("SV004", "not a regular file (a pipe, socket or device)", SourceSpan(shown),
                        "replace it with a YAML file, or remove it")
            return None
        if info.st_size > MAX_FILE_BYTES:
            diags.error("SV005", f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB", SourceSpan(shown),
                        "split the catalog into several files")
            return None
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        diags.error("SV004", f"file is not UTF-8 text ({exc.reason} at byte {exc.start})", SourceSpan(shown),
                    "save the file as UTF-8")
        return None
    except OSError as exc:
        dangling = path.is_symlink() and exc.errno == errno.ENOENT
        diags.error("SV004", "cannot read file: " + ("a symbolic link to a missing file" if dangling
                                                      else str(exc.strerror or exc)),
                    SourceSpan(shown), "fix or remove the link" if dangling else "check the file's permissions")
        return None
    text = render_template(raw, shown, variables, diags)
    if text is None:
        return None
    return parse_yaml(text, shown, diags)


def render_template(raw: str, shown: str, variables: TMapping[str, str], diags: Collector) -> str | None:
    """Jinja first, so one catalog serves several deployments (`{{ var("window_days", 90) }}`)."""
    missing = object()

    def var(name: str, default: object = missing) -> object:
        if name in variables:
            return variables[name]
        if default is missing:
            raise _UndefinedVariable(name)
        return default

    # Sandboxed: a catalog file may compute values, never reach Python (`var.__globals__.os`).
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    try:
        return env.from_string(raw).render(var=var)
    except jinja2.TemplateSyntaxError as exc:
        diags.error("SV003", f"template syntax error: {exc.message}", SourceSpan(shown, exc.lineno or 1, 1),
                    "check the {{ ... }} and {% ... %} blocks of this line")
    except _UndefinedVariable as exc:
        diags.error("SV006", f"undefined variable '{exc.name}'", _find(raw, shown, exc.name),
                    f"pass --var {exc.name}=VALUE or give a default: var(\"{exc.name}\", ...)")
    except jinja2.UndefinedError as exc:
        name = re.search(r"'([^']+)' is undefined", str(exc))
        diags.error("SV006", f"template error: {exc.message}",
                    _find(raw, shown, name.group(1)) if name else SourceSpan(shown),
                    "templates may use var(\"name\", default) and the variables given with --var")
    except Exception as exc:  # Jinja evaluates user expressions; any failure is the template's
        diags.error("SV003", f"template error: {exc}", SourceSpan(shown, _template_line(exc)),
                    "check the template expressions")
    return None


def _template_line(exc: BaseException) -> int:
    """The template's line a rendering error happened on (Jinja's frames are named <template>)."""
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>" and f.lineno]
    return lines[-1] if lines else 1


def _find(raw: str, shown: str, name: str) -> SourceSpan:
    """Where `name` is used in a {{ ... }} or {% ... %} block (else anywhere) in the template."""
    used = re.compile(r"\{[{%][^}]*?\b(" + re.escape(name) + r")\b")
    for pattern in (used, re.compile(re.escape(name))):
        for lineno, line in enumerate(raw.splitlines(), 1):
            match = pattern.search(line)
            if match:
                return SourceSpan(shown, lineno, match.start(match.lastindex or 0) + 1)
    return SourceSpan(shown)


class _Loader(yaml.SafeLoader):
    """Composes nodes only; construction (and YAML 1.1 typing) is ours."""


# libyaml composes the same nodes with the same marks about 8x faster (most of a large
# catalog's load time). A file it refuses is composed again by the pure-Python parser, which
# words the error and accepts a lone \u surrogate (reported by _join_surrogates).
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_Loader)


def parse_yaml(text: str, shown: str, diags: Collector) -> Document | None:
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):  # e.g. a quote never closed:
            mark = exc.context_mark  # where it opened, not the end of the file
        span = SourceSpan(shown, mark.line + 1, mark.column + 1) if mark else SourceSpan(shown)
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is exc.context_mark and exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context}, which starts here)"
        diags.error("SV001", f"YAML syntax error: {problem}", span,
                    "check indentation, colons and quotes on this line or the one before")
        return None
    except yaml.YAMLError as exc:
        diags.error("SV001", f"YAML error: {exc}", SourceSpan(shown), "check the file's YAML syntax")
        return None
    except RecursionError:  # PyYAML composes nested [ [ [ ... recursively
        diags.error("SV001", "YAML nested too deeply", SourceSpan(shown), "a catalog is a few levels deep")
        return None
    if node is None:
        diags.error("SV007", "file is empty", SourceSpan(shown),
                    "delete it, or add sources:, entities:, metrics: or views:")
        return None
    budget = _Budget()
    try:
        return Document(shown, _convert(node, shown, diags, text.splitlines(), budget))
    except RecursionError:
        diags.error("SV001", "YAML nested too deeply", SourceSpan(shown), "a catalog is a few levels deep")
        return None
    except _TooManyNodes:
        diags.error("SV005", f"aliases expand to more than {MAX_ALIAS_NODES:,} repeated YAML nodes",
                    SourceSpan(shown), "aliases (*name) that expand exponentially are not supported")
        return None


class _TooManyNodes(Exception):
    pass


class _Budget:
    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.repeats = 0

    def visit(self, node: yaml.Node) -> None:
        if id(node) in self.seen:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_NODES:
                raise _TooManyNodes
        else:
            self.seen.add(id(node))


def _span(node: yaml.Node, shown: str) -> SourceSpan:
    return SourceSpan(shown, node.start_mark.line + 1, node.start_mark.column + 1)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _join_surrogates(value: str, span: SourceSpan, diags: Collector) -> str:
    """PyYAML reads the JSON escape "\\ud83d\\ude00" as two lone surrogates, which no file or
    database can encode: join each pair into its character; a lone one is an error."""
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeDecodeError:
        diags.error("SV001", "invalid \\u escape: a lone UTF-16 surrogate", span,
                    "write the character itself, or \\U0001F600 for one beyond U+FFFF")
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _convert(node: yaml.Node, shown: str, diags: Collector, lines: list[str], budget: _Budget) -> Node:
    # Aliases share composed nodes; converting them copies, so a few aliases can expand
    # exponentially ("billion laughs"). The budget bounds the repeated work.
    budget.visit(node)
    span = _span(node, shown)
    if isinstance(node, yaml.ScalarNode):
        quoted = node.style in ("'", '"', "|", ">")
        text_span = span
        if node.style in ("'", '"'):
            text_span = span.shifted(1)
        elif node.style in ("|", ">") and span.line < len(lines):
            nxt = lines[span.line]  # the block's first content line (0-based index = line)
            text_span = SourceSpan(shown, span.line + 1, len(nxt) - len(nxt.lstrip()) + 1)
        value: str | None = node.value
        if not quoted and node.value in ("", "~", "null", "Null", "NULL"):
            value = None
        if value is not None and _SURROGATE.search(value):
            value = _join_surrogates(value, span, diags)
        return Scalar(value, span, quoted, text_span)
    if isinstance(node, yaml.SequenceNode):
        return Sequence(tuple(_convert(n, shown, diags, lines, budget) for n in node.value), span)
    assert isinstance(node, yaml.MappingNode)
    seen: dict[str, SourceSpan] = {}
    items = []
    for key_node, value_node in node.value:
        key = _convert(key_node, shown, diags, lines, budget)
        if not isinstance(key, Scalar) or key.value is None:
            diags.error("SV008", "mapping keys must be plain names", key.span, "write `name: value`")
            continue
        if key.value in seen:
            first = seen[key.value]
            diags.error("SV002", f"duplicate key '{key.value}' (first defined at line {first.line})", key.span,
                        "remove one of the two; YAML would silently keep only the last")
            continue
        seen[key.value] = key.span
        items.append((key, _convert(value_node, shown, diags, lines, budget)))
    return Mapping(tuple(items), span)
