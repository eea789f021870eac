"""The `semview` command: options -> one call -> diagnostics -> exit code.

Exit codes: 0 success, 1 the catalog has errors, 2 bad usage (options, paths).
"""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # `python cli.py`: import the checkout as the `semview` package
    import importlib.util

    _root = Path(__file__).resolve().parent
    _spec = importlib.util.spec_from_file_location("semview", _root / "__init__.py",
                                                   submodule_search_locations=[str(_root)])
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["semview"] = _module
    _spec.loader.exec_module(_module)
    __package__ = "semview"

import click

from . import __version__
from .dialects import DIALECTS, get_dialect
from .generator.compile import compile_catalog, load_catalog, parse_as_of
from .generator.diagnostics import CompileError, Diagnostic, format_diagnostic
from .generator.emit import render_files, safe_file_name, write_tree
from .generator.report import FORMATS, format_github, format_json
from .generator.strict import missing_descriptions
from .generator.verify import verify_statements

EXAMPLES = """
\b
Examples:
  semview build --dialect duckdb --out build          # the project in the current folder
  semview build my_project --dialect all --as-of 2024-06-30 --out build
  semview build --dialect postgres --var window_days=30 --schema analytics --out build
  semview validate                                    # exit 0, or every problem and exit 1
  semview validate --format github --execute          # CI: annotations; views run on DuckDB
  semview apply --url postgresql://app@db:5432/dw --schema analytics   # create/replace, all or nothing
  semview diff --url postgresql://app@db:5432/dw --schema analytics    # drift: exit 1 when they differ
  semview export dbt --out dbt_project                # the views as dbt models
  semview demo                                        # sample DuckDB database + views
  semview dialects                                    # targets and how each is verified
"""


class CatalogFailed(click.ClickException):
    """Diagnostics already formatted; click prints them and exits with their code."""

    def __init__(self, error: CompileError, outcome: str | None = "nothing was written") -> None:
        super().__init__("\n".join(format_diagnostic(d) for d in error.diagnostics))
        self.exit_code = error.exit_code
        self.count = len(error.diagnostics)
        self.outcome = outcome  # None: the diagnostics say what happened

    def show(self, file=None) -> None:
        stream = file or sys.stderr
        click.echo(self.message, file=stream)
        noun = "error" if self.count == 1 else "errors"
        click.echo(f"semview: {self.count} {noun}" + (f"; {self.outcome}." if self.outcome else "."), file=stream)


class UsageFailed(click.UsageError):
    """A usage mistake (unknown option, bad value), printed like every semview error: a code
    (SV201), the message and a hint; exit 2."""

    def show(self, file=None) -> None:
        stream = file or sys.stderr
        command = self.ctx.command_path if self.ctx else "semview"
        click.echo(f"error[SV201]: {self.format_message()}", file=stream)
        click.echo(f"  hint: see `{command} --help`", file=stream)
        click.echo("semview: 1 error; nothing was written.", file=stream)


def _usage(exc: click.UsageError) -> UsageFailed:
    return exc if isinstance(exc, UsageFailed) else UsageFailed(exc.format_message(), exc.ctx)


class SemviewGroup(click.Group):
    """Click's own usage errors, here and in every subcommand, become `UsageFailed`."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _usage(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _usage(exc) from None


def _vars(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"'{item}' is not NAME=VALUE", param_hint="--var")
        out[name.strip()] = value
    return out


def _dialects(names: tuple[str, ...]) -> list[str]:
    chosen: list[str] = []
    for name in names or ("duckdb",):
        for part in name.split(","):
            if part == "all":
                chosen.extend(DIALECTS)
            elif part in DIALECTS:
                chosen.append(part)
            else:
                raise click.BadParameter(f"unknown dialect '{part}' (known: all, {', '.join(DIALECTS)})",
                                         param_hint="--dialect")
    return list(dict.fromkeys(chosen))


def _run(fn, outcome: str | None = "nothing was written"):
    try:
        return fn()
    except CompileError as exc:
        raise CatalogFailed(exc, outcome) from None


project_arg = click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
var_opt = click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
                       help="Set a template variable used as {{ var(\"NAME\") }} in the YAML (repeatable).")
as_of_opt = click.option("--as-of", metavar="YYYY-MM-DD",
                         help="Fix the as-of date in the SQL (default: the engine's current date at query time).")


@click.group(cls=SemviewGroup, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="semview")
def main() -> None:
    """semview: describe your business once in YAML, get correct CREATE VIEW statements
    for DuckDB, PostgreSQL, SQLite, MySQL/MariaDB, Spark, ClickHouse, Snowflake, BigQuery,
    SQL Server, Trino and Redshift.

    A project is a folder with YAML files under metrics/ (sources, entities, metrics) and
    views/ (views). Run in the repository root, commands use the shipped
    customer-intelligence catalog.
    """


@main.command(epilog=EXAMPLES)
@project_arg
@click.option("--dialect", "-d", "dialect_names", multiple=True, metavar="NAME",
              help="Target database (repeatable or comma-separated; 'all' for every one). Default: duckdb.")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Output folder; replaced as a whole only when the build succeeds.")
@click.option("--schema", metavar="NAME", help="Create the views in this schema (e.g. analytics).")
@as_of_opt
@var_opt
def build(project_dir: Path, dialect_names: tuple[str, ...], out: Path, schema: str | None, as_of: str | None,
          variables: tuple[str, ...]) -> None:
    """Compile PROJECT_DIR (default: .) into SQL files.

    Writes OUT/<dialect>/<View>.sql (one view each), OUT/<dialect>/all.sql (every view in
    dependency order, runnable as one script) and OUT/manifest.json (views, files,
    columns, dependencies, as-of date, semview version).
    """
    names = _dialects(dialect_names)
    vars_ = _vars(variables)

    def work() -> dict[str, str]:
        date = parse_as_of(as_of)
        catalog = load_catalog(project_dir, vars_)
        _check_file_names(catalog)
        builds = {}
        for name in names:
            builds[name] = compile_catalog(catalog, get_dialect(name), date, schema)
        verify_statements(builds)
        return render_files(builds, __version__, date)

    files = _run(work)
    _run(lambda: write_tree(out, files))
    views = sum(1 for f in files if f.endswith(".sql") and not f.endswith("/all.sql"))
    click.echo(f"semview: wrote {views} view file(s) for {', '.join(names)} to {out}/ (see {out}/manifest.json)")


def _check_file_names(catalog) -> None:
    bad = [v for v in catalog.views.values() if not safe_file_name(v.name)]  # generated views too
    if bad:
        raise CompileError(tuple(Diagnostic("SV111", f"view name '{v.name}' cannot be a file name", v.span,
                                            "views are written as <name>.sql: avoid / \\ : * ? \" < > | "
                                            "and names longer than 251 bytes")
                                 for v in bad))


@main.command(epilog=EXAMPLES)
@project_arg
@var_opt
@click.option("--strict", is_flag=True,
              help="Also require a description on every metric and view (error SV130).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: for people (standard error); json: every diagnostic in one JSON document; "
                   "github: GitHub Actions annotations (both on standard output).")
@click.option("--execute", is_flag=True,
              help="Also create and read every view on an in-memory DuckDB over the declared sources "
                   "(empty, or filled from fixtures/<Source>.csv).")
def validate(project_dir: Path, variables: tuple[str, ...], strict: bool, fmt: str, execute: bool) -> None:
    """Check PROJECT_DIR: load, validate and compile every view for every dialect, and parse
    each emitted statement back with sqlglot. Exit 0, or print every problem and exit 1
    (2 for bad usage, such as a missing folder).
    With --strict, a metric or view without a description is an error too. With --execute,
    errors only an engine sees are found too (see docs/ci.md)."""
    vars_ = _vars(variables)

    def work() -> int:
        catalog = load_catalog(project_dir, vars_)
        # Documentation problems are reported together with any compile problem.
        undocumented = tuple(missing_descriptions(catalog)) if strict else ()
        try:
            _check_file_names(catalog)
            builds = {name: compile_catalog(catalog, dialect) for name, dialect in DIALECTS.items()}
            verify_statements(builds)
            if execute:
                from .execute import execute_catalog

                execute_catalog(catalog, project_dir)
        except CompileError as exc:
            raise CompileError((*undocumented, *exc.diagnostics), exc.exit_code) from None
        if undocumented:
            raise CompileError(undocumented)
        return len(catalog.views)

    if fmt != "text":
        _machine_report(work, fmt)
        return
    count = _run(work)
    ran = ", and run on DuckDB" if execute else ""
    click.echo(f"semview: ok: {count} view(s) compile and parse back on {len(DIALECTS)} dialects{ran}")


def _machine_report(work, fmt: str) -> None:
    """--format json/github: the report on standard output; exit codes as in text mode."""
    try:
        count, diagnostics, code = work(), (), 0
    except CompileError as exc:
        count, diagnostics, code = None, exc.diagnostics, exc.exit_code
    if fmt == "json":
        click.echo(format_json(diagnostics, count), nl=False)
    else:
        click.echo(format_github(diagnostics) or f"semview: ok: {count} view(s)\n", nl=False)
    if code:
        click.get_current_context().exit(code)


@main.command()
def dialects() -> None:
    """List the target databases and how each is verified."""
    click.echo(f"{'name':<12}{'verification':<14}engines")
    for d in DIALECTS.values():
        level = "real engine" if d.verified == "engine" else "parse-check"
        click.echo(f"{d.name:<12}{level:<14}{d.title}")
    click.echo("\nreal engine: the test suite runs every view on the engine and compares the numbers with a\n"
               "plain-Python reference; parse-check: golden files, parsed back with sqlglot, allow-listed functions.")


@main.command(epilog=EXAMPLES)
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=Path("semview-demo"),
              show_default=True, help="Where to put the demo database and the generated SQL.")
@click.option("--customers", type=click.IntRange(10, 1_000_000), default=5000, show_default=True,
              help="How many sample customers to generate.")
def demo(directory: Path, customers: int) -> None:
    """Build the shipped catalog on a DuckDB sample database and show the result.

    Creates DIR/demo.duckdb with deterministic sample data for the reference ERP schema,
    writes the DuckDB views to DIR/build/, creates them in the database and prints the
    first rows of CustomerPotentialAnalyticsView.
    """
    from .demo import run_demo

    _run(lambda: run_demo(directory, customers, echo=click.echo))


@main.group()
def mappings() -> None:
    """Customer-data-platform field mappings (generic column -> real name)."""


@mappings.command("import")
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from-csv", "csv_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A CSV export of CUSTOMER_PROFILE_FIELDS (FIELD_NAME, ALIAS_FIELD_NAME, FIELD_TYPE, DESCRIPTION).")
@click.option("--from-db", "url", metavar="URL",
              help="Read the table from a live database: duckdb:///f.duckdb, sqlite:///f.db, postgresql://...")
@click.option("--table", default="CUSTOMER_PROFILE_FIELDS", show_default=True, help="The field table (with --from-db).")
@click.option("--mapping", "name", metavar="NAME", help="Which mapping of the project (default: the only one).")
@click.option("--dry-run", is_flag=True, help="Report the changes without writing the YAML.")
def import_(project_dir: Path, csv_file: Path | None, url: str | None, table: str, name: str | None,
            dry_run: bool) -> None:
    """Rewrite the project's mapping file from the platform's field catalog and report what
    changed (added, removed, renamed). A CSV import keeps the file's row order; a table
    import puts STR columns before FIELD columns, each by number. Descriptions are kept
    where the platform gives none.

    \b
    Examples:
      semview mappings import --from-csv fields.csv
      semview mappings import --from-db postgresql://cdp@db:5432/cdp --dry-run
    """
    from .mappings import import_mapping, read_csv, read_database

    if (csv_file is None) == (url is None):
        raise click.UsageError("give exactly one of --from-csv FILE and --from-db URL")

    def work():
        rows = read_csv(csv_file) if csv_file else read_database(url, table)
        return rows, import_mapping(project_dir, rows, name, dry_run)

    rows, (mapping, change, path) = _run(work)
    verb = "would write" if dry_run else "wrote"
    click.echo(f"semview: {verb} mapping '{mapping.name}' ({len(rows)} fields) to {path}")
    for field, alias in change.added:
        click.echo(f"  added:   {field} -> {alias}")
    for field, alias in change.removed:
        click.echo(f"  removed: {field} ({alias})")
    for field, old, new in change.renamed:
        click.echo(f"  renamed: {field}: {old} -> {new}")
    for field, old, new in change.retyped:
        click.echo(f"  retyped: {field}: {old} -> {new}")
    if not (change.added or change.removed or change.renamed or change.retyped):
        click.echo("  no change to fields")


@main.command()
@project_arg
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("site"),
              show_default=True, help="Output folder; replaced as a whole only when the build succeeds.")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True,
              help="html: a static site that works opened from disk; markdown: pages for a repository.")
@as_of_opt
@var_opt
def docs(project_dir: Path, out: Path, fmt: str, as_of: str | None, variables: tuple[str, ...]) -> None:
    """Write the catalog's documentation: a page per view (columns, lineage, SQL for every
    dialect), metric, entity, source and field mapping, and an index with offline search.

    \b
    Examples:
      semview docs --out site                 # then open site/index.html
      semview docs --format markdown --out docs/catalog
    """
    from .docsite import build_site  # the docs' modules load only for this command

    vars_ = _vars(variables)
    files = _run(lambda: build_site(load_catalog(project_dir, vars_), fmt, parse_as_of(as_of)))
    _run(lambda: write_tree(out, files))
    index = "index.html" if fmt == "html" else "README.md"
    pages = sum(1 for f in files if f.endswith((".html", ".md")))
    click.echo(f"semview: wrote {pages} page(s) to {out}/ (open {out}/{index})")


@main.command("schema")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of standard output.")
def schema_command(out: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) of a catalog YAML file, for editors.

    \b
    With the YAML extension of VS Code (or any yaml-language-server editor), start a
    catalog file with:
      # yaml-language-server: $schema=../schema/semview.schema.json
    """
    from .generator.emit import write_file
    from .generator.schema import schema_json

    text = schema_json()
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    write_file(out, text)
    click.echo(f"semview: wrote the catalog schema to {out}")


# -- a live database: apply, diff; and export ---------------------------------------------

url_opt = click.option("--url", required=True, metavar="URL",
                       help="duckdb:///file.duckdb, sqlite:///file.db, postgresql://user@host:5432/db or "
                            "mysql://user@host:3306/db (MySQL, MariaDB). A password not in the URL is read "
                            "from SEMVIEW_DB_PASSWORD, PGPASSWORD or MYSQL_PWD; it is never printed.")
target_dialect_opt = click.option("--dialect", "-d", "dialect_name", metavar="NAME",
                                  help="Compile for this dialect (default: the URL's engine).")
target_schema_opt = click.option("--schema", metavar="NAME",
                                 help="The schema (MySQL: database) of the views (default: the connection's).")


def _compile_for(project_dir: Path, url: str, dialect_name: str | None, schema: str | None, as_of: str | None,
                 variables: tuple[str, ...]):
    """(parsed URL, catalog, views compiled for the target), as `apply` and `diff` share them."""
    from .dburl import parse_url

    if dialect_name is not None and dialect_name not in DIALECTS:
        raise click.BadParameter(f"unknown dialect '{dialect_name}' (known: {', '.join(DIALECTS)})",
                                 param_hint="--dialect")
    vars_ = _vars(variables)

    def work():
        target = parse_url(url)
        date = parse_as_of(as_of)
        catalog = load_catalog(project_dir, vars_)
        return target, catalog, compile_catalog(catalog, get_dialect(dialect_name or target.engine), date, schema)

    return work


@main.command(epilog=EXAMPLES)
@project_arg
@url_opt
@target_dialect_opt
@target_schema_opt
@as_of_opt
@var_opt
@click.option("--dry-run", is_flag=True, help="Say what would be created, replaced or left unchanged; change nothing.")
def apply(project_dir: Path, url: str, dialect_name: str | None, schema: str | None, as_of: str | None,
          variables: tuple[str, ...], dry_run: bool) -> None:
    """Create or replace every view of PROJECT_DIR in a live database, in dependency order,
    and report each as created, replaced or unchanged.

    On PostgreSQL, DuckDB and SQLite it is all or nothing: if one view fails, the whole
    apply is rolled back and the error names the view and the engine's message.
    MySQL/MariaDB cannot roll back DDL: the apply stops at the first failure and says
    which views were already applied. Exit 0, 1 (a view failed) or 2 (URL, connection).
    """
    from .apply import apply_views, format_report

    compiled = _compile_for(project_dir, url, dialect_name, schema, as_of, variables)

    def work():
        target, catalog, views = compiled()
        spans = {name: view.span for name, view in catalog.views.items()}
        return apply_views(target, views, spans, schema, dry_run)

    click.echo(format_report(_run(work, outcome=None)), nl=False)


@main.command(epilog=EXAMPLES)
@project_arg
@url_opt
@target_dialect_opt
@target_schema_opt
@as_of_opt
@var_opt
def diff(project_dir: Path, url: str, dialect_name: str | None, schema: str | None, as_of: str | None,
         variables: tuple[str, ...]) -> None:
    """Compare the views deployed in a database with what PROJECT_DIR generates now (use the
    options `apply` used): missing, changed (with added, removed and retyped columns) and
    extra views. Read-only. Exit 0 when they match, 1 when they differ, 2 for bad usage.
    """
    from .drift import diff_views, format_report

    compiled = _compile_for(project_dir, url, dialect_name, schema, as_of, variables)

    def work():
        target, _catalog, views = compiled()
        return diff_views(target, views, schema)

    report = _run(work, outcome=None)
    click.echo(format_report(report), nl=False)
    if not report.clean:
        click.get_current_context().exit(1)


@main.group()
def export() -> None:
    """Export the catalog for other tools."""


@export.command("dbt")
@project_arg
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="The dbt project folder; replaced as a whole (only an earlier export or an empty folder).")
@click.option("--dialect", "-d", "dialect_name", default="duckdb", show_default=True, metavar="NAME",
              help="The dialect of the models' SQL (your dbt adapter's database).")
@click.option("--project-name", default="semview", show_default=True, help="dbt project and profile name.")
@click.option("--source-name", default="erp", show_default=True,
              help="dbt source name for the catalog's tables without a schema.")
@as_of_opt
@var_opt
def export_dbt_command(project_dir: Path, out: Path, dialect_name: str, project_name: str, source_name: str,
                       as_of: str | None, variables: tuple[str, ...]) -> None:
    """Write PROJECT_DIR's views as a dbt project: models/<View>.sql (materialized as views,
    reading each other through ref() and the tables through source()), sources.yml,
    schema.yml with descriptions and not_null/unique tests on each aggregated view's grain.

    \b
    Examples:
      semview export dbt --out dbt_semview
      semview export dbt --dialect postgres --as-of 2024-06-30 --out dbt_semview
    """
    from .export_dbt import export_dbt, is_export

    if dialect_name not in DIALECTS:
        raise click.BadParameter(f"unknown dialect '{dialect_name}' (known: {', '.join(DIALECTS)})",
                                 param_hint="--dialect")
    if not is_export(out):
        raise click.BadParameter(f"'{out}' is not empty and not an earlier export (its dbt_project.yml was not "
                                 "written by semview); choose a new folder", param_hint="--out")
    vars_ = _vars(variables)

    def work() -> dict[str, str]:
        dialect = get_dialect(dialect_name)
        catalog = load_catalog(project_dir, vars_)
        views = compile_catalog(catalog, dialect, parse_as_of(as_of))
        return export_dbt(catalog, views, dialect, __version__, project_dir, project_name, source_name)

    files = _run(work)
    _run(lambda: write_tree(out, files))
    models = sum(1 for f in files if f.startswith("models/") and f.endswith(".sql"))
    click.echo(f"semview: wrote a dbt project with {models} model(s) to {out}/ (profile '{project_name}')")

if __name__ == "__main__":
    main(prog_name="semview")
