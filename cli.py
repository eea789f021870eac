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
from .generator.verify import verify_statements

EXAMPLES = """
\b
Examples:
  semview build --dialect duckdb --out build          # the project in the current folder
  semview build my_project --dialect all --as-of 2024-06-30 --out build
  semview build --dialect postgres --var window_days=30 --schema analytics --out build
  semview validate                                    # exit 0, or every problem and exit 1
  semview demo                                        # sample DuckDB database + views
  semview dialects                                    # targets and how each is verified
"""


class CatalogFailed(click.ClickException):
    """Diagnostics already formatted; click prints them and exits with their code."""

    def __init__(self, error: CompileError) -> None:
        super().__init__("\n".join(format_diagnostic(d) for d in error.diagnostics))
        self.exit_code = error.exit_code
        self.count = len(error.diagnostics)

    def show(self, file=None) -> None:
        stream = file or sys.stderr
        click.echo(self.message, file=stream)
        noun = "error" if self.count == 1 else "errors"
        click.echo(f"semview: {self.count} {noun}; nothing was written.", file=stream)


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


def _run(fn):
    try:
        return fn()
    except CompileError as exc:
        raise CatalogFailed(exc) from None


project_arg = click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
var_opt = click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
                       help="Set a template variable used as {{ var(\"NAME\") }} in the YAML (repeatable).")
as_of_opt = click.option("--as-of", metavar="YYYY-MM-DD",
                         help="Fix the as-of date in the SQL (default: the engine's current date at query time).")


@click.group(epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
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
    write_tree(out, files)
    views = sum(1 for f in files if f.endswith(".sql") and not f.endswith("/all.sql"))
    click.echo(f"semview: wrote {views} view file(s) for {', '.join(names)} to {out}/ (see {out}/manifest.json)")


def _check_file_names(catalog) -> None:
    bad = [v for v in catalog.project.views if not safe_file_name(v.name)]
    if bad:
        raise CompileError(tuple(Diagnostic("SV111", f"view name '{v.name}' cannot be a file name", v.span,
                                            "views are written as <name>.sql: avoid / \\ : * ? \" < > |")
                                 for v in bad))


@main.command(epilog=EXAMPLES)
@project_arg
@var_opt
def validate(project_dir: Path, variables: tuple[str, ...]) -> None:
    """Check PROJECT_DIR: load, validate and compile every view for every dialect, and parse
    each emitted statement back with sqlglot. Exit 0, or print every problem and exit 1."""
    vars_ = _vars(variables)

    def work() -> int:
        catalog = load_catalog(project_dir, vars_)
        _check_file_names(catalog)
        builds = {name: compile_catalog(catalog, dialect) for name, dialect in DIALECTS.items()}
        verify_statements(builds)
        return len(catalog.views)

    count = _run(work)
    click.echo(f"semview: ok: {count} view(s) compile and parse back on {len(DIALECTS)} dialects")


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


if __name__ == "__main__":
    main(prog_name="semview")
