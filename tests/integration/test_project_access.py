"""Who may use each project route: every role against every new route."""

from __future__ import annotations

import pytest

from app.rules.permissions import Role
from tests.integration.factories import make_project

READ = ["/projects/{p}", "/projects/{p}/team", "/projects/{p}/history"]
MANAGE = [
    "/projects/{p}/edit",
    "/projects/{p}/team/add",
    "/projects/{p}/team/{o}/role",
    "/projects/{p}/team/{o}/remove",
]
PHASE_PAGES = ["/projects/{p}/phase"]
PHASE_POSTS = ["/projects/{p}/phase", "/projects/{p}/phase/confirm"]
ADMINISTRATION = ["/projects/new"]

# Who is signed in: (roles, their role in the project's team, their role in another project).
PEOPLE = {
    "board member": ([Role.BOARD_MEMBER], None, None),
    "assessor": ([Role.ASSESSOR], None, None),
    "service owner of another project": ([], None, "service_owner"),
    "team member": ([], "member", None),
    "delivery manager": ([], "delivery_manager", None),
    "service owner": ([], "service_owner", None),
    "administrator": ([Role.ADMINISTRATOR], None, None),
}
# What each may do: read, manage, change the phase, add projects.
MAY = {
    "board member": (True, False, False, False),
    "assessor": (False, False, False, False),
    "service owner of another project": (False, False, False, False),
    "team member": (True, False, False, False),
    "delivery manager": (True, False, True, False),
    "service owner": (True, True, True, False),
    "administrator": (True, True, True, True),
}


@pytest.fixture
def scene(client, database, make_person):
    """A project with a service owner, and a function that signs in one of ``PEOPLE``."""
    owner = make_person(name="The Owner")
    project = make_project(database, team=[(owner, "service_owner")])

    def sign_in(who: str):
        roles, team_role, elsewhere = PEOPLE[who]
        me = make_person(roles)
        if team_role:
            from app.models import TeamMembership

            database.add(
                TeamMembership(project_id=project.id, person_id=me.id, team_role=team_role)
            )
        if elsewhere:
            make_project(database, "Somewhere else", team=[(me, elsewhere)])
        database.commit()
        client.sign_in(me.email)
        return me

    return project, owner, sign_in


def _urls(templates, project, owner):
    return [url.format(p=project.id, o=owner.id) for url in templates]


@pytest.mark.parametrize("who", list(PEOPLE))
def test_each_person_gets_only_the_pages_they_may_use(client, scene, who):
    project, owner, sign_in = scene
    sign_in(who)
    read, manage, phase, add = MAY[who]
    expected = (
        [(url, read) for url in _urls(READ, project, owner)]
        + [(url, manage) for url in _urls(MANAGE, project, owner)]
        + [(url, phase) for url in _urls(PHASE_PAGES, project, owner)]
        + [(url, add) for url in ADMINISTRATION]
    )
    for url, allowed in expected:
        status = client.get(url).status_code
        assert status == (200 if allowed else 403), f"{who}: GET {url} gave {status}"


@pytest.mark.parametrize("who", [who for who, may in MAY.items() if not all(may)])
def test_each_person_is_refused_every_change_they_may_not_make(client, database, scene, who):
    project, owner, sign_in = scene
    sign_in(who)
    _, manage, phase, add = MAY[who]
    refused = (
        ([] if manage else _urls(MANAGE, project, owner))
        + ([] if phase else _urls(PHASE_POSTS, project, owner))
        + ([] if add else ADMINISTRATION)
    )
    assert refused
    version = project.version
    for url in refused:
        response = client.submit(
            url,
            {"name": "Hijacked", "team_role": "member", "to_phase": "live", "reason": "x"},
            token_from="/frameworks/",
        )
        assert response.status_code == 403, f"{who}: POST {url} gave {response.status_code}"
    database.refresh(project)
    assert (project.version, project.phase, project.name) == (version, "alpha", project.name)


def test_signed_out_people_are_sent_to_sign_in_from_every_project_route(client, scene):
    project, owner, _ = scene
    templates = READ + MANAGE + PHASE_PAGES + ADMINISTRATION
    for url in _urls(templates, project, owner):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/sign-in?next="), url
    token = client.csrf_token("/sign-in")
    for url in _urls(MANAGE + PHASE_POSTS + ADMINISTRATION, project, owner):
        response = client.post(url, data={"csrf_token": token})
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/sign-in?next="), url
