"""API tokens: an administrator issues one to a person, or revokes it; the API notes when
each was last used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.commands import Invalid, NotAllowed, NotFound, command
from app.data import api_tokens as data
from app.models import ApiToken
from app.rules.api_tokens import name_problem, new_token, token_hash
from app.rules.permissions import can_manage_people

NAME_TAKEN = "This person already has a token with this name: choose another name"
NO_PERSON = "Select the person the token is for"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never kept


def _administrator(actor_id: int) -> None:
    actor = data.person_or_none(actor_id)
    if actor is None or not actor.is_active or not can_manage_people(actor.roles):
        raise NotAllowed("Only administrators issue and revoke API tokens")


@command
def issue_token(
    actor_id: int, person_id: int | None, name: str, session_id: int | None = None
) -> IssuedToken:
    """Make a new token for a person. Only its hash is kept; the secret returned is shown to
    the administrator once. With ``session_id`` (the administrator's signed-in session), the
    secret is also held on that session, on the server, until :func:`take_issued_secret`."""
    _administrator(actor_id)
    errors = {}
    person = data.person_or_none(person_id) if person_id else None
    if person is None or not person.is_active:
        errors["person"] = NO_PERSON
    name = (name or "").strip()
    if problem := name_problem(name):
        errors["name"] = problem
    elif person is not None and data.active_name_taken(person.id, name):
        errors["name"] = NAME_TAKEN
    if errors:
        raise Invalid(errors=errors)
    secret = new_token()
    token = data.add_token(person, name, token_hash(secret), actor_id)
    if session_id is not None:
        data.hold_secret(session_id, actor_id, token.id, secret)
    return IssuedToken(token, secret)


@command
def take_issued_secret(session_id: int, token_id: int) -> str | None:
    """The secret of the token just issued in this signed-in session, if it is still held
    there: it is let go as it is taken, so it is shown once."""
    return data.take_secret(session_id, token_id)


@command
def revoke_token(actor_id: int, token_id: int) -> ApiToken:
    """Stop a token working, from the next request on. Revoking it again changes nothing."""
    _administrator(actor_id)
    token = data.token_by_id(token_id)
    if token is None:
        raise NotFound()
    if token.revoked_at is None:
        data.revoke(token, actor_id, datetime.now(UTC))
    return token


@command
def note_token_used(token_id: int) -> None:
    """Write down that a token was used now (the API calls this at most once a minute per
    token: ``app.rules.api_tokens.last_used_is_due``)."""
    data.note_used(token_id, datetime.now(UTC))
