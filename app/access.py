"""Access rules for routes.

Every view declares who may use it with one of these decorators. A
``before_request`` hook refuses any endpoint that has no rule, so a route
added without one fails closed, and a test walks the URL map to prove none
is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

from flask import abort, current_app, g, redirect, request, url_for
from flask_login import current_user

from app.rules.permissions import (
    AssessmentAbilities,
    Role,
    assessment_abilities,
    can_change_phase,
    can_edit_team_work,
    can_manage_project,
    can_read_project,
    scope_applies,
)

F = TypeVar("F", bound=Callable)

ACCESS_ATTRIBUTE = "access_rule"
# Endpoints that Flask or an extension registers itself.
BUILT_IN_RULES = {"static": "public"}


def _mark(view: F, rule: str) -> F:
    setattr(view, ACCESS_ATTRIBUTE, rule)
    return view


def public(view: F) -> F:
    """Anyone, signed in or not."""
    return _mark(view, "public")


def signed_in(view: F) -> F:
    """Anyone signed in with an active account."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return _mark(wrapped, "signed_in")


def role_required(*roles: Role, refusal: tuple[str, str] | None = None) -> Callable[[F], F]:
    """Signed in and holding at least one of ``roles``. ``refusal``: the title and reason
    the 403 page gives (in place of its general advice to ask for other roles)."""
    names = {role.value for role in roles}

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if not names & current_user.roles:
                if refusal is not None:
                    from app.errors import Refused

                    raise Refused(*refusal)
                abort(403)
            return view(*args, **kwargs)

        return _mark(wrapped, "role:" + ",".join(sorted(names)))

    return decorate


@dataclass(frozen=True)
class ProjectAbilities:
    """What the signed-in person may do on one project, for views and templates."""

    read: bool
    team: bool
    manage: bool
    phase: bool
    team_role: str | None


PROJECT_CHECKS = {
    "read": lambda abilities: abilities.read,
    "team": lambda abilities: abilities.team,
    "manage": lambda abilities: abilities.manage,
    "phase": lambda abilities: abilities.phase,
}


def current_scope() -> frozenset[int] | None:
    """The directorates the signed-in person is limited to (None: the whole programme, and
    always for administrators: ``app.rules.permissions.directorate_scope``). Looked up once a
    request, and only for someone a scope can limit."""
    if "directorate_scope" not in g:
        from app.data.board import scope_of

        applies = current_user.is_authenticated and scope_applies(current_user.roles)
        g.directorate_scope = scope_of(current_user.id) if applies else None
    return g.directorate_scope


def abilities_for(
    roles: set[str],
    team_role: str | None,
    directorate_id: int | None = None,
    allowed: frozenset[int] | None = None,
) -> ProjectAbilities:
    return ProjectAbilities(
        read=can_read_project(roles, team_role, directorate_id, allowed),
        team=can_edit_team_work(roles, team_role),
        manage=can_manage_project(roles, team_role),
        phase=can_change_phase(roles, team_role),
        team_role=team_role,
    )


def project_rule(permission: str) -> Callable[[F], F]:
    """Signed in, and allowed ``permission`` (read, team, manage or phase) on the project.

    The view is called with the loaded ``project`` in place of ``project_id``;
    ``g.can`` holds the person's abilities on it for the templates.
    """
    check = PROJECT_CHECKS[permission]

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(project_id: int, *args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            project, team_role = _project_and_team_role(project_id, kwargs)
            if project is None:
                abort(404)
            # Someone in its team reads it whatever their scope: no need to look that up.
            allowed = current_scope() if team_role is None else None
            abilities = abilities_for(
                current_user.roles, team_role, project.directorate_id, allowed
            )
            if not check(abilities):
                if permission == "read":
                    _refuse_reading(team_role, project.directorate_id, allowed)
                abort(403)
            g.can = abilities
            return view(project, *args, **kwargs)

        return _mark(wrapped, f"project:{permission}")

    return decorate


def _project_and_team_role(project_id: int, kwargs: dict):
    """The project and the person's role in its team. On a self-assessment's pages (their
    address has an ``assessment_id``) the same query reads the self-assessment, kept on ``g``
    for ``app.self_assessment.helpers.assessment_or_404``."""
    from app.data import projects

    assessment_id = kwargs.get("assessment_id")
    if assessment_id is None:
        return projects.project_and_team_role(project_id, current_user.id)
    project, team_role, assessment = projects.project_team_role_and_self_assessment(
        project_id, current_user.id, assessment_id
    )
    g.self_assessment = (project_id, assessment_id, assessment)
    return project, team_role


OUT_OF_SCOPE_TITLE = "This project is outside your directorates"
ORGANISER_TITLE = "Organisers cannot open project pages"
ORGANISER_REASON = (
    "As an assessment organiser you see the portfolio and arrange assessments, but a "
    "project's own pages (its self-assessments, actions and team) are for its team, the "
    "programme board and administrators. Arrange its assessments from the queue of "
    "assessments, or ask an administrator to give you the board member role if you need "
    "to read it."
)


def out_of_scope_reason(names: list[str]) -> str:
    given = ", ".join(names) if names else "none"
    return (
        f"You can only see projects in the directorates you have been given: {given}. "
        "Ask an administrator to add this project's directorate if you need to see it."
    )


def _refuse_reading(team_role, directorate_id, allowed) -> None:
    """Refuse reading a project with a page that says why, where there is more to say than
    the 403 page's advice to ask for other roles."""
    from app.errors import Refused
    from app.rules.permissions import ProjectRefusal, project_refusal

    why = project_refusal(current_user.roles, team_role, directorate_id, allowed)
    if why is ProjectRefusal.OUT_OF_SCOPE:
        from app.data.board import directorate_names

        raise Refused(OUT_OF_SCOPE_TITLE, out_of_scope_reason(directorate_names(allowed)))
    if why is ProjectRefusal.ORGANISER:
        raise Refused(ORGANISER_TITLE, ORGANISER_REASON)


ASSESSMENT_CHECKS: dict[str, Callable[[AssessmentAbilities], bool]] = {
    "read_panel_work": lambda can: can.read_panel_work,
    "read_report": lambda can: can.read_report,
    "score": lambda can: can.score,
    "lead": lambda can: can.lead,
    "organise": lambda can: can.organise,
    # Withdrawing is arranging: the lead or an organiser, even one who may not read a
    # confidential project's report.
    "withdraw": lambda can: can.lead or can.organise,
    "team_answer": lambda can: can.team_answer,
}


def abilities_on_assessment(assessment, person) -> AssessmentAbilities:
    """What ``person`` may do on the panel assessment ``assessment``."""
    from app.data.reports import abilities_of

    return abilities_of(assessment, person)


CONFIDENTIAL_TITLE = "This project is confidential"
CONFIDENTIAL_REASON = (
    "Only its team, its panel, the programme board and administrators can read its reports "
    "and the panel's work."
)


def _refused_as_confidential(assessment, abilities: AssessmentAbilities, check) -> bool:
    """Whether only the project's being confidential refuses the person: they would be
    let in were it not, so the page can say why rather than suggest a change of roles."""
    if not assessment.project.confidential:
        return False
    return check(
        assessment_abilities(
            current_user.roles,
            panel_role=abilities.panel_role,
            team_role=abilities.team_role,
            status=assessment.status,
            confidential=False,
            conflicted=abilities.conflicted,
        )
    )


def assessment_rule(permission: str) -> Callable[[F], F]:
    """Signed in, and allowed ``permission`` on the panel assessment in the address
    (``read_panel_work``, ``read_report``, ``score``, ``lead``, ``organise``, ``withdraw``
    or ``team_answer``; ``app.rules.permissions.assessment_abilities`` decides).

    The view is called with the loaded ``assessment`` in place of ``assessment_id``;
    ``g.assessing`` holds the person's abilities on it. A self-assessment's id is not
    found here (404).
    """
    check = ASSESSMENT_CHECKS[permission]

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(assessment_id: int, *args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            from app.data.panels import panel_assessment_or_none

            assessment = panel_assessment_or_none(assessment_id)
            if assessment is None:
                abort(404)
            abilities = abilities_on_assessment(assessment, current_user)
            if not check(abilities):
                if _refused_as_confidential(assessment, abilities, check):
                    from app.errors import Refused

                    raise Refused(CONFIDENTIAL_TITLE, CONFIDENTIAL_REASON)
                abort(403)
            g.assessing = abilities
            return view(assessment, *args, **kwargs)

        return _mark(wrapped, f"assessment:{permission}")

    return decorate


API_PREFIX = "/api/"


def is_api_request() -> bool:
    """Whether this request is for the API, whose answers (errors too) are JSON and which
    reads no session cookie."""
    return request.path.startswith(API_PREFIX)


def api_access(*, open_with_public_reports: bool = False) -> Callable[[F], F]:
    """An API route: the request carries an API token (``Authorization: Bearer <token>``)
    of an active person, or is refused with 401 (JSON, never the sign-in page).

    ``g.api_person`` is the token's holder; the view decides what they may read, from
    their roles and directorate scope. With ``open_with_public_reports``, a request
    without a token is let in where the service publishes reports (``PUBLIC_REPORTS``),
    with ``g.api_person`` None.
    """

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapped(*args, **kwargs):
            from app.api.auth import token_holder

            header = request.headers.get("Authorization", "")
            if (
                not header.strip()
                and open_with_public_reports
                and current_app.config["PUBLIC_REPORTS"]
            ):
                g.api_person = None
            else:
                g.api_person = token_holder(header)
            return view(*args, **kwargs)

        return _mark(wrapped, "api:public_reports" if open_with_public_reports else "api")

    return decorate


def rule_for(endpoint: str) -> str | None:
    if endpoint in BUILT_IN_RULES:
        return BUILT_IN_RULES[endpoint]
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTRIBUTE, None)


def refuse_routes_without_a_rule() -> None:
    """``before_request``: a route without an access rule is never served."""
    if request.endpoint is None:
        return  # 404 or 405: nothing to protect
    if rule_for(request.endpoint) is None:
        current_app.logger.error("Route %s has no access rule", request.endpoint)
        abort(403)
