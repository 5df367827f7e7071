"""People: adding them, changing them, deactivating them, and passwords."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime

from app.commands import Invalid, NotAllowed, NotFound, command
from app.data import people, scopes
from app.models import Person
from app.rules.permissions import Role, may_change_roles, may_deactivate, scope_applies
from app.rules.sign_in import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

EMAIL_TAKEN = "Someone already has an account with this email address"
UNKNOWN_ROLE = "Select roles from the list"
OWN_ADMINISTRATOR_ROLE = "You cannot remove the administrator role from yourself"
UNKNOWN_DIRECTORATE = "Select directorates from the list"
ADMINISTRATOR_SCOPE = (
    "Administrators see the whole programme. Untick the directorates, "
    "or untick the administrator role"
)
MAX_NAME_LENGTH = 120


def _email_taken(error) -> Invalid:
    return Invalid(errors={"email": EMAIL_TAKEN})


def _check(name: str, email: str, roles: Collection[str], person_id: int | None) -> list[str]:
    """The roles, checked; raises Invalid for anything the forms would have refused."""
    errors = {}
    known = {role.value for role in Role}
    if any(role not in known for role in roles):
        errors["roles"] = UNKNOWN_ROLE
    if not name.strip() or len(name.strip()) > MAX_NAME_LENGTH:
        errors["name"] = f"Enter a full name of {MAX_NAME_LENGTH} characters or fewer"
    address = people.normalise_email(email)
    if "@" not in address or len(address) > 254:
        errors["email"] = "Enter an email address in the correct format, like name@example.gov.uk"
    else:
        existing = people.person_by_email(address)
        if existing is not None and existing.id != person_id:
            errors["email"] = EMAIL_TAKEN
    if errors:
        raise Invalid(errors=errors)
    return sorted(set(roles))


def _check_password(password: str, field: str = "password") -> None:
    if not isinstance(password, str) or not (
        MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH
    ):
        raise Invalid(
            errors={
                field: f"Password must be between {MIN_PASSWORD_LENGTH} and "
                f"{MAX_PASSWORD_LENGTH} characters"
            }
        )


@command(on_integrity_error=_email_taken)
def add_person(
    actor_id: int | None,
    name: str,
    email: str,
    roles: Collection[str],
    password: str,
    can_lead: bool = False,
    directorate_ids: Collection[int] = (),
) -> Person:
    """Give someone an account. The password is for their first sign-in only. ``can_lead``:
    an assessor an organiser may choose to lead a panel. ``directorate_ids`` limits what
    they see to those directorates' projects, as :func:`edit_person` does."""
    checked = _check(name, email, roles, None)
    _check_password(password)
    limit = _check_scope(checked, directorate_ids)
    person = people.create_person(
        name,
        email,
        checked,
        password,
        actor_id=actor_id,
        password_must_change=True,
        can_lead=bool(can_lead),
    )
    if limit:
        scopes.set_scope(person, limit, actor_id)
    return person


@command(on_integrity_error=_email_taken)
def edit_person(
    actor_id: int,
    person_id: int,
    name: str,
    email: str,
    roles: Collection[str],
    password: str | None = None,
    can_lead: bool | None = None,
    directorate_ids: Collection[int] | None = None,
) -> Person:
    """Change someone's name, email address and roles, and, if given, set a password for
    their next sign-in (which ends every session they have).

    ``directorate_ids``, if given, limits what they see to those directorates' projects
    (none: the whole programme; ``app.rules.permissions`` says what a limit means). An
    administrator is never limited: ticking directorates for one is refused, and making
    someone an administrator ends any limit they had."""
    person = people.person_by_id(person_id)
    if person is None:
        raise NotFound()
    checked = _check(name, email, roles, person.id)
    if not may_change_roles(actor_id, person.id, checked):
        raise Invalid(errors={"roles": OWN_ADMINISTRATOR_ROLE})
    if password:
        _check_password(password)
    limit = _check_scope(checked, directorate_ids)
    people.update_person(person, name, email, checked, actor_id, can_lead=can_lead)
    if limit is not None:
        scopes.set_scope(person, limit, actor_id)
    if password:
        people.set_password(person, password, actor_id)
    return person


def _check_scope(
    roles: Collection[str], directorate_ids: Collection[int] | None
) -> set[int] | None:
    """The directorates to limit someone with ``roles`` to (None: leave their limit as it
    is); raises Invalid for ones the service does not have, or any for an administrator."""
    if directorate_ids is None:
        return None if scope_applies(roles) else set()
    wanted = set(directorate_ids)
    if wanted - scopes.directorate_ids():
        raise Invalid(errors={"directorates": UNKNOWN_DIRECTORATE})
    if wanted and not scope_applies(roles):
        raise Invalid(errors={"directorates": ADMINISTRATOR_SCOPE})
    return wanted


@command
def set_active(actor_id: int, person_id: int, active: bool) -> Person:
    """Deactivate someone (every session they have ends) or let them sign in again."""
    person = people.person_by_id(person_id)
    if person is None:
        raise NotFound()
    if not active and not may_deactivate(actor_id, person.id):
        raise NotAllowed("You cannot deactivate your own account")
    if person.is_active != active:
        people.set_active(person, active, actor_id)
        if not active:
            # Their API tokens end with them: reactivating someone gives them none back.
            from app.data.api_tokens import revoke_all_of

            revoke_all_of(person.id, actor_id, datetime.now(UTC))
    return person


def _own_password_problems(
    person: Person, current_password: object, new_password: object
) -> dict[str, str]:
    """Everything wrong with a change of one's own password, at once (GOV.UK shows every
    error together): what is missing or not text is the form's to say, so only what was
    typed is checked here."""
    problems = {}
    if (
        isinstance(current_password, str)
        and current_password
        and not people.password_matches(person, current_password)
    ):
        problems["current_password"] = "Your current password is not correct"
    if isinstance(new_password, str) and new_password:
        if not MIN_PASSWORD_LENGTH <= len(new_password) <= MAX_PASSWORD_LENGTH:
            problems["new_password"] = (
                f"New password must be between {MIN_PASSWORD_LENGTH} and "
                f"{MAX_PASSWORD_LENGTH} characters"
            )
        elif new_password == current_password:
            problems["new_password"] = "New password must be different from your current password"
    return problems


def own_password_problems(
    person_id: int, current_password: object, new_password: object
) -> dict[str, str]:
    """What :func:`change_own_password` would refuse, changing nothing: for a form that is
    wrong elsewhere too, so that the person hears every mistake the first time."""
    person = people.person_by_id(person_id)
    if person is None or not person.is_active:
        return {}
    return _own_password_problems(person, current_password, new_password)


@command
def change_own_password(
    person_id: int, current_password: str, new_password: str, user_agent: str | None = None
) -> Person:
    """Someone chooses their own password, after giving their current one. Raises
    :class:`Invalid` with every problem found, not only the first.

    Every session the person had ends, in every browser, and a new one starts for this
    browser: the person returned carries its token (``signed_in_token``)."""
    person = people.person_by_id(person_id)
    if person is None or not person.is_active:
        raise NotFound()
    if not isinstance(new_password, str) or not new_password:
        _check_password(new_password, field="new_password")
    if problems := _own_password_problems(person, current_password, new_password):
        raise Invalid(errors=problems)
    people.set_password(person, new_password, actor_id=person.id)
    people.start_session(person, user_agent)
    return person
