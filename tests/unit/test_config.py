import pytest

from config import ConfigError, load_config, normalise_database_url


def test_defaults_suit_a_council():
    config = load_config({})
    assert config["BRAND"] == "council"
    assert config["SERVICE_NAME"] == "Service Standard assessments"
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["SESSION_IDLE_MINUTES"] == 30
    assert config["PUBLIC_REPORTS"] is False
    assert config["LOAD_DEMO_DATA"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["SESSION_COOKIE_SECURE"] is False


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config({"APP_ENV": "production"})


def test_production_is_secure_and_never_loads_demo_data():
    config = load_config({"APP_ENV": "production", "SECRET_KEY": "s" * 40})
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["LOAD_DEMO_DATA"] is False


def test_brand_must_be_known():
    assert load_config({"BRAND": "govuk"})["BRAND"] == "govuk"
    with pytest.raises(ConfigError, match="BRAND"):
        load_config({"BRAND": "acme"})


def test_idle_minutes_must_be_a_positive_whole_number():
    assert load_config({"SESSION_IDLE_MINUTES": "5"})["SESSION_IDLE_MINUTES"] == 5
    for bad in ("soon", "0"):
        with pytest.raises(ConfigError, match="SESSION_IDLE_MINUTES"):
            load_config({"SESSION_IDLE_MINUTES": bad})


def test_public_reports_flag():
    assert load_config({"PUBLIC_REPORTS": "true"})["PUBLIC_REPORTS"] is True
    assert load_config({"PUBLIC_REPORTS": "no"})["PUBLIC_REPORTS"] is False


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_postgres_urls_use_psycopg_3(given, expected):
    assert normalise_database_url(given) == expected


def test_unknown_environment_is_refused():
    with pytest.raises(ConfigError):
        load_config({"APP_ENV": "staging"})


def test_contact_addresses_default_to_the_organisations_and_can_be_set():
    config = load_config({})
    assert config["CONTACT_EMAIL"] == "digital@example.gov.uk"
    assert config["DATA_PROTECTION_EMAIL"] == "dataprotection@example.gov.uk"
    config = load_config(
        {"CONTACT_EMAIL": " digital@borough.gov.uk ", "DATA_PROTECTION_EMAIL": "dpo@borough.gov.uk"}
    )
    assert config["CONTACT_EMAIL"] == "digital@borough.gov.uk"
    assert config["DATA_PROTECTION_EMAIL"] == "dpo@borough.gov.uk"
    assert config["FEEDBACK_URL"] == "mailto:digital@borough.gov.uk"
    assert load_config({"FEEDBACK_URL": "https://forms.example/x"})["FEEDBACK_URL"] == (
        "https://forms.example/x"
    )
    assert load_config({"CONTACT_EMAIL": ""})["CONTACT_EMAIL"] == "digital@example.gov.uk"


@pytest.mark.parametrize("name", ["CONTACT_EMAIL", "DATA_PROTECTION_EMAIL"])
@pytest.mark.parametrize("bad", ["digital", "@example.gov.uk", "digital@localhost", "a b@x.gov.uk"])
def test_contact_addresses_must_be_email_addresses(name, bad):
    with pytest.raises(ConfigError, match=name):
        load_config({name: bad})


def test_sessions_last_a_working_day_at_most_by_default():
    config = load_config({})
    assert config["SESSION_MAX_HOURS"] == 8
    assert config["SESSION_WARNING_SECONDS"] == 120
    assert load_config({"SESSION_MAX_HOURS": "2"})["SESSION_MAX_HOURS"] == 2
    for bad in ("a day", "0"):
        with pytest.raises(ConfigError, match="SESSION_MAX_HOURS"):
            load_config({"SESSION_MAX_HOURS": bad})


def test_the_timeout_warning_comes_after_half_the_idle_time_at_the_earliest():
    assert load_config({"SESSION_WARNING_MINUTES": "5"})["SESSION_WARNING_SECONDS"] == 300
    config = load_config({"SESSION_IDLE_MINUTES": "2", "SESSION_WARNING_MINUTES": "5"})
    assert config["SESSION_WARNING_SECONDS"] == 60


def test_trusted_proxies_default_to_none():
    assert load_config({})["TRUSTED_PROXIES"] == 0
    assert load_config({"TRUSTED_PROXIES": "2"})["TRUSTED_PROXIES"] == 2
    for bad in ("-1", "one"):
        with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
            load_config({"TRUSTED_PROXIES": bad})


def test_hsts_only_in_production():
    assert load_config({})["HSTS"] is False
    assert load_config({"APP_ENV": "production", "SECRET_KEY": "s" * 40})["HSTS"] is True


def test_prepared_statements_can_be_turned_off_for_postgresql():
    url = "postgresql://app@db.internal/assessments"
    assert "connect_args" not in load_config({"DATABASE_URL": url})["SQLALCHEMY_ENGINE_OPTIONS"]
    off = load_config({"DATABASE_URL": url, "PREPARED_STATEMENTS": "false"})
    assert off["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {"prepare_threshold": None}
    # SQLite prepares nothing of the kind: the setting changes nothing there.
    sqlite = load_config({"PREPARED_STATEMENTS": "false"})["SQLALCHEMY_ENGINE_OPTIONS"]
    assert "connect_args" not in sqlite
