"""Signing in and out, and the work kept when a form arrives after a session has ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.commands import command
from app.data import people
from app.models import Person
from app.rules.sign_in import is_throttled, may_keep_field

# How long typed work from a timed-out session waits for its author to sign in again.
KEPT_WORK_LIFETIME = timedelta(days=1)


@dataclass(frozen=True)
class SignInResult:
    person: Person | None
    throttled: bool = False

    @property
    def succeeded(self) -> bool:
        return self.person is not None


@command
def sign_in(email: str, password: str, address: str, user_agent: str | None = None) -> SignInResult:
    """Check the password (unless this address must wait), record the attempt and, when it
    succeeds, start a signed-in session on the server: the person carries its token
    (``signed_in_token``) for the cookie."""
    if is_throttled(people.recent_failures(email, address)):
        return SignInResult(person=None, throttled=True)
    person = people.person_by_email(email)
    ok = people.password_matches(person, password) and person is not None and person.is_active
    people.record_sign_in_attempt(email, address, ok)
    if not ok:
        return SignInResult(person=None)
    people.note_signed_in(person)
    people.start_session(person, user_agent)
    return SignInResult(person=person)


@command
def end_session(session_id: int) -> None:
    """End one signed-in session on the server (signing out, or a session that has been
    idle or open too long): its cookie, and every copy of it, is refused from now on. The
    person's other sessions, in other browsers, carry on."""
    people.end_session(session_id)


@command
def note_session_seen(session_id: int) -> None:
    """Note a request as the session's latest, for the server's idle limit."""
    people.note_session_seen(session_id, datetime.now(UTC))


@command
def keep_typed_work(person_id: int, path: str, form: dict[str, list[str]]) -> str:
    """Keep what was posted to ``path`` (less passwords and tokens) for after sign-in;
    returns the token that finds it again. Work kept longer than a day is forgotten."""
    now = datetime.now(UTC)
    people.forget_kept_work_before(now - KEPT_WORK_LIFETIME)
    fields = {name: values for name, values in form.items() if may_keep_field(name)}
    return people.keep_work(person_id, path, fields)


@dataclass(frozen=True)
class KeptWork:
    path: str
    fields: dict[str, list[str]]


def kept_work_for(token: str, person_id: int) -> KeptWork | None:
    """The work kept under ``token``, if it is still there and ``person_id`` sent it."""
    kept = people.kept_work_by_token(token, datetime.now(UTC) - KEPT_WORK_LIFETIME)
    if kept is None or kept.person_id != person_id:
        return None
    return KeptWork(path=kept.path, fields=dict(kept.fields))


@command
def take_kept_work(token: str, person_id: int) -> KeptWork | None:
    """The work kept under ``token`` for ``person_id``, forgotten as it is handed back (once).
    Work kept for someone else is forgotten too, and not handed back."""
    kept = people.kept_work_by_token(token, datetime.now(UTC) - KEPT_WORK_LIFETIME)
    if kept is None:
        return None
    found = KeptWork(path=kept.path, fields=dict(kept.fields))
    mine = kept.person_id == person_id
    people.forget_kept_work(kept)
    return found if mine else None
