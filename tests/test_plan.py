"""Planning: each source aggregated to the grain on its own, before any join."""
from __future__ import annotations

from pathlib import Path

import semview
from semview.generator.compile import load_catalog, plan_catalog

REPO = Path(__file__).resolve().parents[1]


def _cpav(variables=None):
    return next(p for p in plan_catalog(load_catalog(REPO, variables)) if p.view.name == "CustomerPotentialAnalyticsView")



def test_cpav_scopes_are_one_per_source_and_its_rollup_window() -> None:
    plan = _cpav()
    assert plan.keys == ("CustID", "SCID")
    # each source is read once up to the as-of date; the basket sizes keep the 90-day window
    assert [(s.source, s.window_days) for s in plan.scopes] == [
        ("Factor", None), ("CustomerVisit", None), ("Factor", 90)]
    assert plan.row_scopes == (("Factor_to_as_of", "CountFactor"), ("CustomerVisit_to_as_of", "CountVisit"))
    factor = {m.name: m.window_days for m in plan.scopes[0].measures}
    assert factor["CountFactor"] == 90 and factor["LastFacktorDate"] is None


def test_invoice_lines_are_rolled_up_to_the_invoice_before_joining() -> None:
    plan = _cpav()
    factor = plan.scopes[2]
    assert len(factor.rollups) == 1
    rollup = factor.rollups[0]
    assert rollup.child == "FactorDetail" and rollup.keys == (("FactorID", "FactorID"),)
    assert [(m.name, default) for m, default in rollup.measures] == [("BasketSize", "0")]
    assert [m.name for m in factor.measures] == ["MinSKU", "MaxSKU", "AvgSKU"]
    # the other scopes never read the lines
    assert all(not s.rollups for s in plan.scopes[:2])


def test_window_parameter_comes_from_the_view(tmp_path: Path) -> None:
    plan = _cpav({"window_days": "30"})
    assert plan.scopes[2].window_days == 30
    assert {m.name: m.window_days for m in plan.scopes[0].measures}["CountFactor"] == 30


def test_route_rows_and_visits_are_stacked_into_one_scope() -> None:
    plan = next(p for p in plan_catalog(load_catalog(REPO)) if p.view.name == "SellerVisitPathCustomersView")
    assert len(plan.scopes) == 1
    scope = plan.scopes[0]
    assert scope.name == "SellerVisitPath_CustomerVisit_to_as_of"
    assert [(s.source, s.rows) for s in scope.stack] == [
        ("SellerVisitPath", "__SellerVisitPath_rows"), ("CustomerVisit", "__CustomerVisit_rows")]
    # the visits' day goes by the route's name; each measure counts the rows of its own source
    assert scope.stack[1].columns == (("SellerID", "SellerID"), ("CustID", "CustID"), ("PathDate", "VisitDate"))
    assert {m.name: m.weight for m in scope.measures} == {
        "PlannedVisits": "__SellerVisitPath_rows", "PlannedVisitsMade": "__SellerVisitPath_rows",
        "MissedPlannedVisits": "__SellerVisitPath_rows", "UnplannedVisits": "__CustomerVisit_rows",
        "Visits": "__CustomerVisit_rows"}
    assert [(r.parent, r.child) for r in scope.rollups] == [
        ("SellerVisitPath", "CustomerVisit"), ("CustomerVisit", "SellerVisitPath")]
    # a key with visits only is a row too: each `rows` count is tested, not "any key of the scope"
    assert plan.row_scopes == (("SellerVisitPath_CustomerVisit_to_as_of", "PlannedVisits"),
                               ("SellerVisitPath_CustomerVisit_to_as_of", "Visits"))


def test_coarser_period_units_are_rolled_up_from_days() -> None:
    plans = {p.view.name: p for p in plan_catalog(load_catalog(REPO))}
    # every measure of the purchases' scope is decomposable: years and months are summed from days
    [purchases] = plans["CustomerCompositionView"].scopes
    assert purchases.rolled_up == (("year", "day"), ("month", "day"))
    # one unit: nothing to roll up
    assert all(not s.rolled_up for s in plans["CustomerQuarterlyPurchasesView"].scopes)


def test_windows_the_outputs_repeat_are_computed_once() -> None:
    # PotentialIndex adds up the five scores: each score's MIN/MAX OVER () is computed once, in
    # a layer under the outputs (tests/engines compare the view's numbers on six engines)
    views = {v.name: v.sql for v in semview.compile_project(REPO, "duckdb", as_of="2024-06-30")}
    score = views["CustomerPotentialScoreView"]
    assert score.count('MAX("base"."CountFactor") OVER ()') == 1
    assert '"base"."__window_3" - "base"."__window_2"' in score
    # a computed argument (Monetary) is a column of a layer under the windows, which it and the
    # outputs read: computed once per row, and not above the OVER ()
    assert score.count("COALESCE(\"base\".\"AvgAmount\", 0) * \"base\".\"CountFactor\" AS \"__value_0\"") == 1
    assert score.count("COALESCE(\"base\".\"AvgAmount\", 0)") == 1
    assert 'MIN("base"."__value_0") OVER () AS "__window_0"' in score
    # recency arrives as a number of days: nothing is parsed again over the signals view
    assert "STRPTIME" not in score and 'MAX("base"."RecencyDays") OVER ()' in score
    # windows written once stay where they are
    assert "__window" not in views["CustomerPurchaseHistoryView"]
