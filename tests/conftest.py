"""Fixtures shared by every layer."""

from __future__ import annotations

import pytest

from app import clock
from config import load_config

# Tests never read the caller's environment: whatever a developer has exported
# (DEMO_PASSWORD, DATABASE_URL, APP_ENV, SECRET_KEY, ...) changes nothing. Every app a
# test makes is configured from this mapping, plus what the test itself sets.
TEST_ENVIRONMENT: dict[str, str] = {"APP_ENV": "test", "DEMO_PASSWORD": "demo-password-2026"}
DEMO_PASSWORD = TEST_ENVIRONMENT["DEMO_PASSWORD"]


def config_for_tests(environment: dict[str, str] | None = None, **settings: object) -> dict:
    """The configuration for an app made by a test: ``load_config`` on a clean mapping
    (``TEST_ENVIRONMENT`` and ``environment``, never ``os.environ``), then ``settings``."""
    return load_config({**TEST_ENVIRONMENT, **(environment or {})}) | settings


# The day the whole run takes as today. The app is pinned to it too (below), so
# a run that crosses midnight, or a machine whose clock is not on UK time, does
# not see a due date move between "due today" and "overdue" halfway through.
TODAY = clock.today()


@pytest.fixture(scope="session", autouse=True)
def pinned_today():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(clock, "today", lambda: TODAY)
        yield TODAY


def pytest_collection_modifyitems(config, items):
    """Mark each test with its layer, from the folder it is in."""
    for item in items:
        for layer in ("unit", "integration", "browser"):
            if f"/tests/{layer}/" in str(item.fspath):
                item.add_marker(getattr(pytest.mark, layer))
