"""Fixtures shared by every layer."""

from __future__ import annotations

import os

import pytest

# Configuration is read when the app is made; tests never run as production.
os.environ.setdefault("APP_ENV", "test")
os.environ.setdefault("DEMO_PASSWORD", "demo-password-2026")

DEMO_PASSWORD = os.environ["DEMO_PASSWORD"]


def pytest_collection_modifyitems(config, items):
    """Mark each test with its layer, from the folder it is in."""
    for item in items:
        for layer in ("unit", "integration", "browser"):
            if f"/tests/{layer}/" in str(item.fspath):
                item.add_marker(getattr(pytest.mark, layer))
