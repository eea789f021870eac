"""`semview docs`: the generated site, its Markdown twin, lineage layout, and `validate --strict`."""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from semview.cli import main
from semview.dialects import DIALECTS
from semview.docsite.highlight import highlight_sql
from semview.docsite.layout import layered_layout
from semview.docsite.paths import slugs
from semview.docsite.words import metric_sentence
from semview.generator.compile import compile_catalog, load_catalog
from semview.generator.strict import missing_descriptions

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    result = CliRunner().invoke(main, ["docs", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "open" in result.output and "index.html" in result.output
    return out


@pytest.fixture(scope="module")
def markdown_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "md"
    result = CliRunner().invoke(main, ["docs", str(REPO), "--format", "markdown", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


class Page(HTMLParser):
    """The parts of a page the tests look at: ids, links, SQL panels, columns, SVG nodes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.panels: dict[str, str] = {}  # dialect -> text of its SQL code block
        self.svg_nodes: list[str] = []
        self.svg_edges = 0
        self._code: str | None = None
        self._stack: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key] or "")
        if tag == "code" and a.get("data-dialect"):
            self._code = a["data-dialect"]
            self.panels[self._code] = ""
        if tag == "g" and "node" in (a.get("class") or "").split():
            self.svg_nodes.append(a.get("data-id") or "")
        if tag == "path" and a.get("class") == "edge":
            self.svg_edges += 1
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self._code = None

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self.panels[self._code] += data


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- the page set --------------------------------------------------------------------------


def test_a_page_for_every_view_metric_entity_source_and_mapping(site: Path, catalog) -> None:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    expected = {"index.html", "assets/site.css", "assets/site.js"}
    expected |= {f"views/{v}.html" for v in catalog.views}
    expected |= {f"metrics/{m}.html" for m in catalog.metrics}
    expected |= {f"entities/{e}.html" for e in catalog.entities}
    expected |= {f"sources/{s}.html" for s in catalog.sources}
    expected |= {f"mappings/{m}.html" for m in catalog.mappings}
    assert files == expected
    # Generated views (from the CDP field mapping) are documented like declared ones.
    assert "views/VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES.html" in files


def test_every_view_page_has_the_exact_sql_of_every_dialect(site: Path, catalog) -> None:
    for name, dialect in DIALECTS.items():
        compiled = {v.name: v.sql for v in compile_catalog(catalog, dialect)}
        for view, sql in compiled.items():
            page = Page(read(site / "views" / f"{view}.html"))
            assert set(page.panels) == set(DIALECTS), view
            # Highlighting only adds spans: the visible text is byte for byte what `build` writes.
            assert page.panels[name] == sql, (view, name)


def test_view_page_documents_each_column(site: Path, catalog) -> None:
    text = read(site / "views" / "CustomerPotentialAnalyticsView.html")
    page = Page(text)
    view = compile_catalog(catalog, DIALECTS["duckdb"])
    cpav = next(v for v in view if v.name == "CustomerPotentialAnalyticsView")
    assert len(cpav.columns) >= 16
    for col in cpav.columns:
        assert f"col-{col.name}" in page.ids
        assert col.description and html.escape(col.description, quote=True) in text, col.name
    # grain, row rule, parameters and as-of are stated
    assert "one row per" in text and "CountFactor</a> &gt; 0 or" in text
    assert "<code>window_days</code> = 90" in text
    assert "current date at query time" in text
    # the metric behind a column, and its formula in words
    assert 'href="../metrics/AveFactorFerq.html"' in text
    assert "days from FirstFactorDateInWindow to LastPurchaseDay divided by" in text


def test_row_level_view_page_traces_mapped_columns_to_generic_ones(site: Path) -> None:
    text = read(site / "views" / "VW_CUSTOMER_MARKETING_IMPACT.html")
    assert "one row per row of" in text and "PLAN_DETAIL_ID" in text
    assert 'href="../views/VW_CUSTOMER_PROFILES_REAL_FIELD_NAMES.html"' in text
    # ECOM_NUMBER_OF_ORDERS comes from the alias view, which takes it from generic FIELD5
    assert re.search(r"CUSTOMER_PROFILES\.FIELD5</a> \(generic CDP column, mapped to "
                     r"<code>ECOM_NUMBER_OF_ORDERS</code>\)", text)
    assert "Lifetime number of online orders." in text  # the mapped field's description, inherited


def test_mapping_page_lists_generic_column_to_real_name(site: Path, catalog) -> None:
    mapping = catalog.mappings["customer_profiles"]
    text = read(site / "mappings" / "customer_profiles.html")
    page = Page(text)
    for f in mapping.fields:
        assert f"field-{f.field}" in page.ids
        assert f"#col-{f.alias}\">{f.alias}</a>" in text
    assert "column:CUSTOMER_PROFILES.FIELD153" in page.svg_nodes
    assert "FIELD153 \u2192 LIFETIME_VALUE" in text


def test_metric_page_says_the_formula_in_words_and_in_sql(site: Path) -> None:
    text = read(site / "metrics" / "CountNotOrder.html")
    assert ("count of CustomerVisit rows where HasOrder = 0, in the last window_days days as of the as-of "
            "date; 0 when none") in text
    plain = re.sub(r"<[^>]+>", "", text)
    assert "COUNT(CASE WHEN \"s\".\"HasOrder\" = 0 AND \"s\".\"VisitDate\" >= " in html.unescape(plain)
    assert 'COALESCE("CustomerVisit_to_as_of"."CountNotOrder", 0)' in html.unescape(plain)
    assert 'href="../views/CustomerPotentialAnalyticsView.html#col-CountNotOrder"' in text
    assert 'href="../sources/CustomerVisit.html"' in text


def test_lineage_svg_shows_the_neighbourhood_of_each_page(site: Path) -> None:
    metric = Page(read(site / "metrics" / "CountNotOrder.html"))
    assert {"column:CustomerVisit.HasOrder", "metric:CountNotOrder",
            "view:CustomerPotentialAnalyticsView"} <= set(metric.svg_nodes)
    assert "metric:CountVisit" not in metric.svg_nodes  # same source, but neither feeds the other
    assert metric.svg_edges >= 2
    derived = Page(read(site / "metrics" / "AveFactorFerq.html"))
    assert {"metric:FirstFactorDateInWindow", "metric:LastPurchaseDay", "metric:CountFactor",
            "column:Factor.FactorDate", "view:CustomerPotentialAnalyticsView"} <= set(derived.svg_nodes)
    # siblings are left out: AvgAmount neither feeds AveFactorFerq nor reads from it
    assert "metric:AvgAmount" not in derived.svg_nodes
    index = Page(read(site / "index.html"))
    assert len(index.svg_nodes) > 40 and index.svg_edges > 40


def test_every_link_and_anchor_resolves_and_nothing_is_fetched(site: Path) -> None:
    pages = {p.resolve(): Page(read(p)) for p in site.rglob("*.html")}
    checked = 0
    for page_path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{page_path.name} links outside: {link}"
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            assert target.is_file(), f"{page_path} -> {link}"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in pages[target].ids, f"{page_path} -> {link}"
            checked += 1
    assert checked > 500
    css = read(site / "assets" / "site.css")
    assert "@import" not in css and "url(" not in css


def test_index_embeds_the_search_index(site: Path, catalog) -> None:
    text = read(site / "index.html")
    data = re.search(r'<script type="application/json" id="search-data">(.*?)</script>', text, re.S).group(1)
    entries = json.loads(data)
    by_type: dict[str, set[str]] = {}
    for e in entries:
        by_type.setdefault(e["t"], set()).add(e["n"])
        assert (site / unquote(e["u"].split("#")[0])).is_file()
    assert by_type["view"] == set(catalog.views)
    assert by_type["metric"] == set(catalog.metrics)
    assert "AvgSKU" in by_type["column"] and "LIFETIME_VALUE" in by_type["mapped field"]
    ave = next(e for e in entries if e["t"] == "metric" and e["n"] == "AveFactorFerq")
    assert ave["u"] == "metrics/AveFactorFerq.html" and "consecutive" in ave["d"]


def test_markdown_format(markdown_site: Path, catalog) -> None:
    files = {p.relative_to(markdown_site).as_posix() for p in markdown_site.rglob("*") if p.is_file()}
    assert "README.md" in files
    assert {f"views/{v}.md" for v in catalog.views} <= files
    assert {f"metrics/{m}.md" for m in catalog.metrics} <= files
    assert "lineage/catalog.svg" in files and "lineage/view-CustomerPotentialAnalyticsView.svg" in files
    view = read(markdown_site / "views" / "CustomerPotentialAnalyticsView.md")
    for name in DIALECTS:
        assert f"<summary>{name} (" in view
    assert view.count("```sql\nCREATE") >= len(DIALECTS) - 1  # T-SQL may lead with a DROP
    assert "![Lineage of view CustomerPotentialAnalyticsView](../lineage/view-CustomerPotentialAnalyticsView.svg)" \
        in view
    # every relative link of every page points to a file that exists
    for md_path in markdown_site.rglob("*.md"):
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", read(md_path)):
            assert (md_path.parent / unquote(target)).resolve().is_file(), f"{md_path.name} -> {target}"
    metric = read(markdown_site / "metrics" / "CountNotOrder.md")
    assert "count of CustomerVisit rows where HasOrder = 0" in metric


def test_two_builds_are_byte_identical(tmp_path: Path, site: Path) -> None:
    """A build in another process, with another hash seed, gives the fixtures' bytes exactly."""

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    # Markdown pages are written from the same collected data; one format is enough here.
    for fmt, first in (("html", site),):
        out = tmp_path / fmt
        proc = subprocess.run([sys.executable, "-m", "semview.cli", "docs", str(REPO), "--format", fmt,
                               "--out", str(out)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": "4242"})
        assert proc.returncode == 0, proc.stderr
        assert files(out) == files(first), fmt


def test_docs_of_a_broken_catalog_fail_and_write_nothing(project: Path, tmp_path: Path) -> None:
    path = project / "metrics" / "customer_potential.yml"
    path.write_text(read(path).replace("agg: count", "agg: cnt", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["docs", str(project), "--out", str(out)])
    assert result.exit_code == 1
    assert "error[SV103]" in result.output and "did you mean 'count'?" in result.output
    assert not out.exists()


def test_as_of_and_vars_reach_the_sql_and_the_folder_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "views").mkdir(parents=True)
    (out / "views" / "Stale.html").write_text("old")
    result = CliRunner().invoke(main, ["docs", str(REPO), "--out", str(out), "--as-of", "2024-06-30",
                                       "--var", "window_days=30"])
    assert result.exit_code == 0, result.output
    assert not (out / "views" / "Stale.html").exists()  # the folder is replaced as a whole
    text = read(out / "views" / "CustomerPotentialAnalyticsView.html")
    assert "2024-06-30 (fixed in the SQL)" in text and "<code>window_days</code> = 30" in text
    assert "Factor_last_30_days" in text


# -- the parts -----------------------------------------------------------------------------


def test_highlighting_keeps_the_text_and_marks_tokens() -> None:
    sql = "SELECT \"a\", 'it''s', 12.5, COUNT(*) FROM t -- note\nWHERE x <> 'q'"
    out = highlight_sql(sql, "duckdb")
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == sql
    assert '<span class="kw">SELECT</span>' in out and '<span class="fn">COUNT</span>' in out
    assert '<span class="st">&#x27;it&#x27;&#x27;s&#x27;</span>' in out
    assert '<span class="nu">12.5</span>' in out and '<span class="id">&quot;a&quot;</span>' in out
    assert '<span class="cm">' in out


def test_layout_layers_edges_left_to_right_without_overlaps() -> None:
    nodes = [f"c{i}" for i in range(6)] + ["m1", "m2", "m3", "d1", "v1", "v2", "e1"]
    edges = [("c0", "m1"), ("c1", "m1"), ("c2", "m2"), ("c3", "m3"), ("c4", "m3"), ("m1", "d1"), ("m2", "d1"),
             ("d1", "v1"), ("m3", "v1"), ("c5", "v2"), ("m2", "v2"), ("e1", "v1")]
    sizes = {n: (60.0 + 5 * i, 26.0) for i, n in enumerate(nodes)}
    lay = layered_layout(nodes, edges, sizes)
    boxes = lay.boxes
    for a, b in edges:
        assert boxes[a].layer < boxes[b].layer
        assert boxes[a].x + boxes[a].w < boxes[b].x
    assert boxes["e1"].layer == boxes["v1"].layer - 1  # a key entity sits next to its view
    by_layer: dict[int, list] = {}
    for box in boxes.values():
        by_layer.setdefault(box.layer, []).append(box)
    for layer in by_layer.values():
        layer.sort(key=lambda b: b.y)
        for upper, lower in zip(layer, layer[1:]):
            assert upper.y + upper.h <= lower.y, (upper, lower)
    for route in lay.routes:  # routes start at the source's right side and end at the target's left
        assert route.points[0][0] == boxes[route.source].x + boxes[route.source].w
        assert route.points[-1][0] == boxes[route.target].x
    assert layered_layout(nodes, edges, sizes) == lay


def test_layout_survives_a_cycle() -> None:
    lay = layered_layout(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")], {n: (30.0, 20.0) for n in "abc"})
    assert len(lay.routes) == 3 and len({b.layer for b in lay.boxes.values()}) == 3


def test_slugs_are_safe_and_unique_ignoring_case() -> None:
    names = ["CountFactor", "Revenue (EUR)", "revenue (eur)", "a/b", "..", "CON", "Umsatz/Monat", "x" * 200]
    out = slugs(names)
    assert out["CountFactor"] == "CountFactor"
    assert len({s.lower() for s in out.values()}) == len(names)
    for slug in out.values():
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", slug) and len(slug) <= 80 and slug != ".."
    assert slugs(names) == out


def test_metric_sentences(catalog) -> None:
    m = catalog.metrics
    assert metric_sentence(catalog, m["CountFactor"]) == \
        "count of Factor rows, in the last window_days days as of the as-of date; 0 when none"
    assert metric_sentence(catalog, m["AvgSKU"]) == \
        "mean of BasketSize over Factor rows, in the last window_days days as of the as-of date, as double; " \
        "NULL when none"
    assert metric_sentence(catalog, m["LastVisitDate"]) == \
        "largest VisitDate among CustomerVisit rows, on or before the as-of date (by VisitDate), shown as " \
        "YYYY/MM/DD text; NULL when none"
    assert metric_sentence(catalog, m["AveFactorFerq"]) == \
        "days from FirstFactorDateInWindow to LastPurchaseDay divided by (CountFactor minus 1, NULL " \
        "when that is 0), as double"


# -- validate --strict ---------------------------------------------------------------------


def test_shipped_catalog_passes_strict(catalog) -> None:
    assert missing_descriptions(catalog) == []
    result = CliRunner().invoke(main, ["validate", str(REPO), "--strict"])
    assert result.exit_code == 0, result.output


def test_strict_fails_on_a_metric_and_a_view_without_description(project: Path) -> None:
    metrics = project / "metrics" / "customer_potential.yml"
    text = read(metrics)
    text = text.replace("    description: Number of visits in the window, with or without an order.\n", "")
    metrics.write_text(text, encoding="utf-8")
    views = project / "views" / "customer_360.yml"
    text = read(views)
    start = text.index("    description: >-\n      The campaigns sent")
    end = text.index("    from:", start)
    views.write_text(text[:start] + text[end:], encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(project), "--strict"])
    assert result.exit_code == 1
    lines = read(metrics).splitlines()
    line = next(i for i, t in enumerate(lines, 1) if "name: CountVisit" in t)
    assert f"metrics/customer_potential.yml:{line}:5: error[SV130]: metric 'CountVisit' has no description" \
        in result.output
    view_line = next(i for i, t in enumerate(read(views).splitlines(), 1) if "name: VW_SENT_CAMPAIGNS" in t)
    assert f"views/customer_360.yml:{view_line}:5: error[SV130]: view 'VW_SENT_CAMPAIGNS' has no description" \
        in result.output
    assert "hint: add `description: ...`" in result.output
    assert "2 errors" in result.output


def test_strict_points_a_generated_view_to_its_mapping(project: Path) -> None:
    path = project / "metrics" / "customer_profile_fields.yml"
    text = read(path)
    start = text.index("    fields_description:")
    end = text.index("    fields:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    [problem] = missing_descriptions(load_catalog(project))
    assert (problem.code, problem.message) == ("SV130", "view 'VW_CUSTOMER_PROFILE_FIELDS' has no description")
    assert problem.hint == "add `fields_description: ...` to field mapping 'customer_profiles', which generates " \
        "this view"
    assert problem.span.path.endswith("metrics/customer_profile_fields.yml")
