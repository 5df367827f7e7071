"""Fixtures shared by every layer."""

from __future__ import annotations

import os

import pytest

from app import clock

# Configuration is read when the app is made; tests never run as production.
os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("DEMO_PASSWORD", "demo-password-2026")

DEMO_PASSWORD = os.environ["DEMO_PASSWORD"]

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
