"""Configuration, read from environment variables.

The README lists every variable. ``load_config`` is the only place that reads
the environment, so tests can pass a plain mapping instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_DATABASE_URL = f"sqlite:///{BASE_DIR / 'instance' / 'app.db'}"
BRANDS = ("council", "govuk")


class ConfigError(RuntimeError):
    """The environment describes a configuration the service refuses to run with."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _email(env: Mapping[str, str], name: str, default: str) -> str:
    """An email address people are told to write to, or ``default`` when it is not set."""
    value = env.get(name, "").strip() or default
    local, _, domain = value.partition("@")
    if not local or "." not in domain or any(character.isspace() for character in value):
        raise ConfigError(f"{name} must be an email address, like digital@example.gov.uk")
    return value


def _whole_number(env: Mapping[str, str], name: str, default: int, least: int, unit: str) -> int:
    try:
        value = int(env.get(name, "").strip() or default)
    except ValueError as error:
        raise ConfigError(f"{name} must be a whole number of {unit}") from error
    if value < least:
        raise ConfigError(f"{name} must be at least {least}")
    return value


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the common way."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_config(env: Mapping[str, str] | None = None) -> dict[str, object]:
    """Build the Flask configuration from ``env`` (the process environment by default)."""
    env = os.environ if env is None else env
    environment = env.get("APP_ENV", "development").strip().lower()
    if environment not in {"development", "production", "test"}:
        raise ConfigError("APP_ENV must be development, production or test")
    production = environment == "production"

    secret_key = env.get("SECRET_KEY", "")
    if not secret_key:
        if production:
            raise ConfigError("SECRET_KEY must be set when APP_ENV is production")
        secret_key = "development-only-secret-key-not-for-production"

    brand = env.get("BRAND", "council").strip().lower()
    if brand not in BRANDS:
        raise ConfigError(f"BRAND must be one of: {', '.join(BRANDS)}")

    idle_minutes = _whole_number(env, "SESSION_IDLE_MINUTES", 30, 1, "minutes")
    # A working day: however busy someone is, they sign in again the next morning.
    max_hours = _whole_number(env, "SESSION_MAX_HOURS", 8, 1, "hours")
    warning_minutes = _whole_number(env, "SESSION_WARNING_MINUTES", 2, 1, "minutes")
    trusted_proxies = _whole_number(env, "TRUSTED_PROXIES", 0, 0, "proxies")
    # Report clocks, in working days (weekends and England and Wales bank holidays skipped).
    report_due_days = _whole_number(env, "REPORT_DUE_WORKING_DAYS", 5, 1, "working days")
    answer_due_days = _whole_number(env, "ANSWER_DUE_WORKING_DAYS", 10, 1, "working days")

    stale_after_months = _whole_number(env, "STALE_AFTER_MONTHS", 3, 1, "months")

    contact_email = _email(env, "CONTACT_EMAIL", "digital@example.gov.uk")
    data_protection_email = _email(env, "DATA_PROTECTION_EMAIL", "dataprotection@example.gov.uk")

    database_url = normalise_database_url(env.get("DATABASE_URL", "") or DEFAULT_DATABASE_URL)
    engine_options: dict = {"pool_pre_ping": True}
    if not _flag(env.get("PREPARED_STATEMENTS"), default=True) and database_url.startswith(
        "postgresql"
    ):
        # Behind a PgBouncer that pools by transaction, a statement prepared on one server
        # connection is not there on the next: psycopg must not prepare any.
        engine_options["connect_args"] = {"prepare_threshold": None}

    return {
        "APP_ENV": environment,
        "SECRET_KEY": secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        "ORGANISATION_NAME": env.get("ORGANISATION_NAME", "") or "Example County Council",
        "SERVICE_NAME": env.get("SERVICE_NAME", "") or "Service Standard assessments",
        "BRAND": brand,
        "FEEDBACK_URL": env.get("FEEDBACK_URL", "") or f"mailto:{contact_email}",
        "CONTACT_EMAIL": contact_email,
        "DATA_PROTECTION_EMAIL": data_protection_email,
        "SESSION_IDLE_MINUTES": idle_minutes,
        "SESSION_MAX_HOURS": max_hours,
        # The warning never comes before half the idle time has passed.
        "SESSION_WARNING_SECONDS": min(warning_minutes * 60, idle_minutes * 30),
        "TRUSTED_PROXIES": trusted_proxies,
        "HSTS": production,
        "REPORT_DUE_WORKING_DAYS": report_due_days,
        "ANSWER_DUE_WORKING_DAYS": answer_due_days,
        # A project whose latest self-assessment last changed longer ago is flagged as stale.
        "STALE_AFTER_MONTHS": stale_after_months,
        "PUBLIC_REPORTS": _flag(env.get("PUBLIC_REPORTS"), default=False),
        "DEMO_PASSWORD": env.get("DEMO_PASSWORD", "") or "demo-password-2026",
        "LOAD_DEMO_DATA": not production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), default=production),
        "REMEMBER_COOKIE_SECURE": production,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "TESTING": environment == "test",
    }
