"""The ``engine`` fixture: every test using it runs once per real engine.

An engine that cannot start (package or binary missing) is skipped, or fails the
test when ``SEMVIEW_REQUIRE_ENGINES=1`` (as in CI), so CI never passes by skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from .harness import ENGINE_NAMES, LOAD_SECONDS, START_SECONDS, Engine, get_engine, shutdown_all

__all__ = ["ENGINE_NAMES", "engine"]


def pytest_configure(config: pytest.Config) -> None:
    # pyspark 4 warns about pandas 3 on import; the harness does not use pandas with Spark.
    config.addinivalue_line("filterwarnings", "ignore:PySpark does not yet fully support pandas:FutureWarning")


@pytest.fixture(scope="session")
def _engine_backends() -> Iterator[None]:
    """Stops every server at the end of the session (also on failure or Ctrl-C; atexit is the fallback)."""
    yield
    shutdown_all()


@pytest.fixture(scope="session", params=ENGINE_NAMES, ids=ENGINE_NAMES)
def engine(request: pytest.FixtureRequest, _engine_backends: None) -> Engine:
    """A started engine; call ``engine.load(rows)`` first in each test for a fresh namespace."""
    name = request.param
    try:
        started = get_engine(name)
    except Exception as exc:  # whatever the cause, the reason goes in the skip/fail message
        reason = f"engine {name!r} could not be started: {type(exc).__name__}: {exc}"
    else:
        request.addfinalizer(started.close)
        return started
    if os.environ.get("SEMVIEW_REQUIRE_ENGINES") == "1":
        pytest.fail(f"{reason}\n(SEMVIEW_REQUIRE_ENGINES=1: every engine must run)", pytrace=False)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    timings = []
    for name in ENGINE_NAMES:
        if name in START_SECONDS:
            load = f" (last load {LOAD_SECONDS[name]:.2f}s)" if name in LOAD_SECONDS else ""
            timings.append(f"{name} {START_SECONDS[name]:.1f}s{load}")
    if timings:
        terminalreporter.write_line(f"engine start-up: {', '.join(timings)}")
