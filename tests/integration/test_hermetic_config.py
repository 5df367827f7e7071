"""Tests never read the caller's environment: what a developer exported changes nothing."""

from __future__ import annotations

import pytest

from app import create_app
from tests.conftest import DEMO_PASSWORD, config_for_tests

HOSTILE = {
    "DEMO_PASSWORD": "Something-else-2026",
    "DATABASE_URL": "postgresql://nobody@203.0.113.1:5432/not-here",
    "APP_ENV": "production",
    "SECRET_KEY": "exported-secret-key-" * 3,
    "SESSION_IDLE_MINUTES": "1",
    "SESSION_MAX_HOURS": "1",
    "TRUSTED_PROXIES": "3",
    "BRAND": "govuk",
    "SESSION_COOKIE_SECURE": "true",
    "PREPARED_STATEMENTS": "false",
}


def _settings(config) -> dict:
    return {key: value for key, value in config.items() if key.isupper()}


@pytest.fixture
def clean_environment(monkeypatch):
    for name in HOSTILE:
        monkeypatch.delenv(name, raising=False)


def test_the_app_the_tests_build_ignores_what_was_exported(monkeypatch, clean_environment):
    clean = _settings(create_app(config_for_tests(SQLALCHEMY_DATABASE_URI="sqlite://")).config)
    for name, value in HOSTILE.items():
        monkeypatch.setenv(name, value)
    hostile = _settings(create_app(config_for_tests(SQLALCHEMY_DATABASE_URI="sqlite://")).config)
    assert hostile == clean
    assert hostile["DEMO_PASSWORD"] == DEMO_PASSWORD
    assert hostile["APP_ENV"] == "test"
    assert hostile["TESTING"] is True


def test_a_partial_mapping_takes_defaults_not_the_environment(monkeypatch, clean_environment):
    clean = _settings(create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).config)
    for name, value in HOSTILE.items():
        monkeypatch.setenv(name, value)
    hostile = _settings(create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"}).config)
    assert hostile == clean
    assert hostile["SESSION_IDLE_MINUTES"] == 30


def test_without_a_mapping_the_environment_is_read(monkeypatch, clean_environment):
    monkeypatch.setenv("DEMO_PASSWORD", "Something-else-2026")
    assert create_app().config["DEMO_PASSWORD"] == "Something-else-2026"
