"""Two administrators changing one team at the same moment, on PostgreSQL.

Each test here has a database of its own, with committed data, because the race
needs two real transactions: the one the test holds open and the request's.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.data.people import create_person
from app.extensions import db
from app.models import TeamMembership
from tests.integration.conftest import DEMO_HASH, FormClient
from tests.integration.factories import make_project
from tests.integration.races import app_on_its_own_database, needs_postgresql, waits_for_another

pytestmark = needs_postgresql


@pytest.fixture
def committed(tmp_path):
    """An app on a database of its own: an administrator and a project with two service owners."""
    with app_on_its_own_database("team_race", tmp_path) as (app, url):
        with app.app_context():
            admin = create_person(
                "Ada Admin", "ada@example.gov.uk", ["administrator"], password_hash=DEMO_HASH
            )
            first = create_person("Sam Owner", "sam@example.gov.uk", [], password_hash=DEMO_HASH)
            second = create_person("Kim Owner", "kim@example.gov.uk", [], password_hash=DEMO_HASH)
            project = make_project(
                db.session, team=[(first, "service_owner"), (second, "service_owner")]
            )
            ids = {"project": project.id, "first": first.id, "second": second.id}
            admin_email = admin.email
        yield app, url, ids, admin_email


def service_owners(app, project_id: int) -> set[int]:
    with app.app_context():
        owners = set(
            db.session.scalars(
                select(TeamMembership.person_id).where(
                    TeamMembership.project_id == project_id,
                    TeamMembership.team_role == "service_owner",
                )
            )
        )
        db.session.remove()
    return owners


@pytest.mark.parametrize("change", ["remove", "role"])
def test_the_last_two_service_owners_cannot_both_go_at_once(committed, change):
    app, url, ids, admin_email = committed
    project, first, second = ids["project"], ids["first"], ids["second"]
    client = FormClient(app.test_client())
    client.sign_in(admin_email)
    address = f"/projects/{project}/team/{second}/{change}"
    fields = {"csrf_token": client.csrf_token(address)}
    if change == "role":
        fields["team_role"] = "member"
    response = waits_for_another(
        url,
        # The other administrator is part-way through removing the first owner...
        holding=[("SELECT id FROM project WHERE id = %s FOR UPDATE", (project,))],
        # ...so this request waits for them rather than counting a team about to change.
        change=lambda: client.post(address, data=fields),
        waiting="the other change to the team",
        then=[
            (
                "DELETE FROM team_membership WHERE project_id = %s AND person_id = %s",
                (project, first),
            )
        ],
    )
    assert response.status_code == 200
    assert "Kim Owner is the only service owner" in response.get_data(as_text=True)
    assert service_owners(app, project) == {second}
