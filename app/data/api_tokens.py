"""Queries and changes for API tokens."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.audit import record
from app.extensions import db
from app.models import ApiToken, Person, SignedInSession

SUBJECT_TYPE = "api_token"


def tokens_in_order() -> list[ApiToken]:
    """Every token, newest first, with whose it is (and their roles) and who issued and
    revoked it, in two queries."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .options(
                joinedload(ApiToken.person).selectinload(Person.role_grants),
                joinedload(ApiToken.issued_by).lazyload(Person.role_grants),
                joinedload(ApiToken.revoked_by).lazyload(Person.role_grants),
            )
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def token_by_id(token_id: int) -> ApiToken | None:
    return db.session.scalar(
        select(ApiToken).options(joinedload(ApiToken.person)).where(ApiToken.id == token_id)
    )


def token_by_hash(hashed: str) -> ApiToken | None:
    """The token with this hash and its holder (with their roles), or None."""
    return db.session.scalar(
        select(ApiToken).options(joinedload(ApiToken.person)).where(ApiToken.token_hash == hashed)
    )


def people_for_tokens() -> list[Person]:
    """Everyone who may be given a token: active accounts, by name."""
    return list(
        db.session.scalars(
            select(Person)
            .options(joinedload(Person.role_grants))
            .where(Person.is_active.is_(True))
            .order_by(Person.name, Person.id)
        ).unique()
    )


def person_or_none(person_id: int) -> Person | None:
    return db.session.get(Person, person_id)


def active_name_taken(person_id: int, name: str) -> bool:
    """Whether the person already holds a token of this name that is not revoked."""
    return (
        db.session.scalar(
            select(ApiToken.id).where(
                ApiToken.person_id == person_id,
                ApiToken.name == name,
                ApiToken.revoked_at.is_(None),
            )
        )
        is not None
    )


def add_token(person: Person, name: str, hashed: str, actor_id: int | None) -> ApiToken:
    token = ApiToken(person_id=person.id, name=name, token_hash=hashed, issued_by_id=actor_id)
    db.session.add(token)
    db.session.flush()
    record(
        actor_id,
        "issued",
        SUBJECT_TYPE,
        token.id,
        f"Issued the API token {name} to {person.name}",
        {"person_id": person.id, "name": name},
    )
    return token


def revoke(token: ApiToken, actor_id: int | None, when: datetime) -> None:
    token.revoked_at = when
    token.revoked_by_id = actor_id
    record(
        actor_id,
        "revoked",
        SUBJECT_TYPE,
        token.id,
        f"Revoked the API token {token.name} of {token.person.name}",
        {"person_id": token.person_id, "name": token.name},
    )


def revoke_all_of(person_id: int, actor_id: int | None, when: datetime) -> int:
    """Revoke every token the person still has (when they are deactivated: reactivating
    them does not bring the tokens back). Returns how many."""
    tokens = list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.person_id == person_id, ApiToken.revoked_at.is_(None))
        )
    )
    for token in tokens:
        revoke(token, actor_id, when)
    return len(tokens)


def note_used(token_id: int, when: datetime) -> None:
    token = db.session.get(ApiToken, token_id)
    if token is not None:
        token.last_used_at = when


def hold_secret(session_id: int, person_id: int, token_id: int, secret: str) -> None:
    """Hold a new token's secret on its administrator's signed-in session until shown."""
    signed_in = db.session.get(SignedInSession, session_id)
    if signed_in is None or signed_in.person_id != person_id:
        return
    signed_in.issued_token_id = token_id
    signed_in.issued_token_secret = secret
    db.session.flush()


def take_secret(session_id: int, token_id: int) -> str | None:
    """The secret held for ``token_id`` on the session, let go as it is taken."""
    signed_in = db.session.get(SignedInSession, session_id)
    if signed_in is None or signed_in.issued_token_id != token_id:
        return None
    secret = signed_in.issued_token_secret
    signed_in.issued_token_id = None
    signed_in.issued_token_secret = None
    db.session.flush()
    return secret
