"""Planning: each source aggregated to the grain on its own, before any join."""
from __future__ import annotations

from pathlib import Path

from semview.generator.compile import load_catalog, plan_catalog

REPO = Path(__file__).resolve().parents[1]


def _cpav(variables=None):
    return next(p for p in plan_catalog(load_catalog(REPO, variables)) if p.view.name == "CustomerPotentialAnalyticsView")



def test_cpav_scopes_are_one_per_source_and_window() -> None:
    plan = _cpav()
    assert plan.keys == ("CustID", "SCID")
    assert [(s.source, s.window_days) for s in plan.scopes] == [
        ("Factor", 90), ("CustomerVisit", 90), ("CustomerVisit", None), ("Factor", None)]
    assert plan.row_scopes == (("Factor_last_90_days", None), ("CustomerVisit_last_90_days", None))


def test_invoice_lines_are_rolled_up_to_the_invoice_before_joining() -> None:
    plan = _cpav()
    factor = plan.scopes[0]
    assert len(factor.rollups) == 1
    rollup = factor.rollups[0]
    assert rollup.child == "FactorDetail" and rollup.keys == (("FactorID", "FactorID"),)
    assert [(m.name, default) for m, default in rollup.measures] == [("BasketSize", "0")]
    # the other scopes never read the lines
    assert all(not s.rollups for s in plan.scopes[1:])


def test_window_parameter_comes_from_the_view(tmp_path: Path) -> None:
    plan = _cpav({"window_days": "30"})
    assert plan.scopes[0].window_days == 30
