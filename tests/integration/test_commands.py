"""The command layer: one transaction a command, the service's own errors out of it."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.commands import Conflict, Invalid, NotAllowed, command
from app.extensions import db
from app.models import Directorate


def _names() -> set[str]:
    return set(db.session.scalars(select(Directorate.name)))


@command
def _add(name: str) -> Directorate:
    directorate = Directorate(name=name)
    db.session.add(directorate)
    return directorate


@command
def _add_then_refuse(name: str) -> None:
    _add(name)
    raise NotAllowed("Not now")


@command
def _add_then_go_stale(name: str) -> None:
    db.session.add(Directorate(name=name))
    db.session.flush()
    raise StaleDataError("someone else saved first")


@command(on_integrity_error=lambda error: Invalid(errors={"name": "That name is taken"}))
def _add_named(name: str) -> None:
    db.session.add(Directorate(name=name))
    db.session.flush()


def test_a_command_commits_what_it_did(app, database):
    with app.app_context():
        _add("Commands commit")
        database.expire_all()
        assert "Commands commit" in _names()


def test_a_refused_command_leaves_nothing_behind_even_what_an_inner_command_did(app, database):
    with app.app_context():
        with pytest.raises(NotAllowed, match="Not now"):
            _add_then_refuse("Never saved")
        assert "Never saved" not in _names()


def test_an_out_of_date_save_is_a_conflict(app, database):
    with app.app_context():
        with pytest.raises(Conflict):
            _add_then_go_stale("Stale")
        assert "Stale" not in _names()


def test_a_broken_unique_rule_becomes_the_error_the_command_names(app, database):
    with app.app_context():
        _add("Taken")
        with pytest.raises(Invalid) as raised:
            _add_named("Taken")
        assert raised.value.errors == {"name": "That name is taken"}
        assert "Taken" in _names()


def test_a_refusal_no_view_handles_is_shown_on_its_own_error_page():
    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})

    @app.get("/test-only/refused")
    def refused():
        raise NotAllowed("You cannot do that while the assessment is submitted.")

    refused.access_rule = "public"
    response = app.test_client().get("/test-only/refused")
    assert response.status_code == 403
    assert "You cannot do that while the assessment is submitted." in response.get_data(
        as_text=True
    )
