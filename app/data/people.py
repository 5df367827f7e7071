"""Queries and changes for people and sign-in attempts."""

from __future__ import annotations

import secrets
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from app.audit import field_changes, record
from app.extensions import db
from app.models import KeptWork, Person, PersonRole, SignedInSession, SignInAttempt
from app.models.people import new_session_token, session_token_hash
from app.rules.sign_in import THROTTLE_WINDOW, RecentFailures

# Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password-for-timing")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def person_by_email(email: str) -> Person | None:
    return db.session.scalar(select(Person).where(Person.email == normalise_email(email)))


def person_by_session_token(token: object) -> Person | None:
    """The person signed in through the session whose token this is, with their roles and
    the session itself (``signed_in_session``), in one query: every signed-in page asks.
    None unless the session is still open and the person's account active. Whether the
    session has been idle or open too long is for the caller to judge (it says why)."""
    if not isinstance(token, str) or not token:
        return None
    found = (
        db.session.execute(
            select(SignedInSession, Person)
            .join(Person, Person.id == SignedInSession.person_id)
            .options(joinedload(Person.role_grants))
            .where(
                SignedInSession.token_hash == session_token_hash(token),
                SignedInSession.ended_at.is_(None),
                Person.is_active.is_(True),
            )
        )
        .unique()
        .first()
    )
    if found is None:
        return None
    signed_in, person = found
    person.signed_in_session = signed_in
    person.signed_in_token = token
    return person


def people_in_order() -> list[Person]:
    return list(db.session.scalars(select(Person).order_by(Person.name, Person.id)))


def password_matches(person: Person | None, password: str) -> bool:
    if person is None or not person.password_hash:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(person.password_hash, password)


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def recent_failures(email: str, address: str, now: datetime | None = None) -> RecentFailures:
    since = (now or datetime.now(UTC)) - THROTTLE_WINDOW

    def count(*conditions) -> int:
        return (
            db.session.scalar(
                select(func.count(SignInAttempt.id)).where(
                    SignInAttempt.succeeded.is_(False),
                    SignInAttempt.attempted_at >= since,
                    *conditions,
                )
            )
            or 0
        )

    email = normalise_email(email)
    return RecentFailures(
        for_email=count(SignInAttempt.email == email),
        from_address=count(SignInAttempt.address == address),
        for_email_from_address=count(
            SignInAttempt.email == email, SignInAttempt.address == address
        ),
    )


def record_sign_in_attempt(email: str, address: str, succeeded: bool) -> None:
    db.session.add(
        SignInAttempt(email=normalise_email(email)[:254], address=address[:64], succeeded=succeeded)
    )


def create_person(
    name: str,
    email: str,
    roles: Collection[str],
    password: str | None = None,
    password_hash: str | None = None,
    actor_id: int | None = None,
    password_must_change: bool = False,
    can_lead: bool = False,
) -> Person:
    person = Person(
        name=name.strip(),
        email=normalise_email(email),
        password_hash=password_hash or (hash_password(password) if password else None),
        password_must_change=password_must_change,
        can_lead=can_lead,
    )
    person.role_grants = [PersonRole(role=role) for role in sorted(set(roles))]
    db.session.add(person)
    db.session.flush()
    record(
        actor_id,
        "created",
        "person",
        person.id,
        f"Added {person.name} ({person.email})",
        {"roles": sorted(roles), **({"can_lead": True} if can_lead else {})},
    )
    return person


def update_person(
    person: Person,
    name: str,
    email: str,
    roles: Collection[str],
    actor_id: int | None,
    can_lead: bool | None = None,
) -> None:
    before = {
        "name": person.name,
        "email": person.email,
        "roles": sorted(person.roles),
        "can_lead": person.can_lead,
    }
    after = {
        "name": name.strip(),
        "email": normalise_email(email),
        "roles": sorted(set(roles)),
        "can_lead": person.can_lead if can_lead is None else can_lead,
    }
    person.name = after["name"]
    person.email = after["email"]
    person.can_lead = after["can_lead"]
    kept = [grant for grant in person.role_grants if grant.role in after["roles"]]
    kept_roles = {grant.role for grant in kept}
    person.role_grants = kept + [
        PersonRole(role=role) for role in after["roles"] if role not in kept_roles
    ]
    changes = field_changes(before, after)
    if changes:
        record(actor_id, "updated", "person", person.id, f"Changed {person.name}", changes)


def set_password(person: Person, password: str, actor_id: int | None) -> None:
    """A password set by someone else (``actor_id``) is for one sign-in only; a person who
    sets their own keeps it. Either way every session the person had ends."""
    by_themselves = actor_id == person.id
    person.password_hash = hash_password(password)
    person.password_must_change = not by_themselves
    end_sessions(person)
    if by_themselves:
        record(actor_id, "password_changed", "person", person.id, "Changed their password")
    else:
        record(
            actor_id, "password_set", "person", person.id, f"Set a new password for {person.name}"
        )


def set_active(person: Person, active: bool, actor_id: int | None) -> None:
    person.is_active = active
    end_sessions(person)
    verb = "reactivated" if active else "deactivated"
    record(actor_id, verb, "person", person.id, f"{verb.capitalize()} {person.name}")


def note_signed_in(person: Person) -> None:
    person.last_signed_in_at = datetime.now(UTC)


# --- Signed-in sessions ----------------------------------------------------------------------


def start_session(person: Person, user_agent: str | None = None) -> str:
    """A new signed-in session for the person; returns its token (for the cookie), which
    is kept only as a hash. The person object carries the session from now on."""
    token = new_session_token()
    signed_in = SignedInSession(
        person_id=person.id,
        token_hash=session_token_hash(token),
        user_agent=(user_agent or "")[:255] or None,
    )
    db.session.add(signed_in)
    person.signed_in_session = signed_in
    person.signed_in_token = token
    return token


def end_session(session_id: int) -> None:
    """End one signed-in session: its cookie, and every copy of it, is refused from now on."""
    db.session.execute(
        update(SignedInSession)
        .where(SignedInSession.id == session_id, SignedInSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC), issued_token_id=None, issued_token_secret=None)
    )


def end_sessions(person: Person) -> None:
    """End every signed-in session the person has, in every browser."""
    db.session.execute(
        update(SignedInSession)
        .where(SignedInSession.person_id == person.id, SignedInSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC), issued_token_id=None, issued_token_secret=None)
    )


def note_session_seen(session_id: int, when: datetime) -> None:
    """The session's latest request (noted now and then: see LAST_SEEN_STEP_SECONDS)."""
    db.session.execute(
        update(SignedInSession)
        .where(SignedInSession.id == session_id, SignedInSession.ended_at.is_(None))
        .values(last_seen_at=when)
    )


def person_by_id(person_id: int) -> Person | None:
    return db.session.get(Person, person_id)


# --- Work kept from a form sent after the session timed out -------------------------------


def keep_work(person_id: int, path: str, fields: dict[str, list[str]]) -> str:
    """Keep ``fields`` for the person, in place of anything kept for them before (a
    session carries one token, so only the newest could ever come back)."""
    db.session.execute(delete(KeptWork).where(KeptWork.person_id == person_id))
    token = secrets.token_urlsafe(32)
    db.session.add(KeptWork(token=token, person_id=person_id, path=path[:2000], fields=fields))
    return token


def kept_work_by_token(token: str, since: datetime) -> KeptWork | None:
    return db.session.scalar(
        select(KeptWork).where(KeptWork.token == token, KeptWork.created_at >= since)
    )


def forget_kept_work(kept: KeptWork) -> None:
    db.session.delete(kept)


def forget_kept_work_before(before: datetime) -> None:
    db.session.execute(delete(KeptWork).where(KeptWork.created_at < before))
