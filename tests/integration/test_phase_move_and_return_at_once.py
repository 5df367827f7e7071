"""An administrator returning a self-assessment while the project's phase moves, at the
same moment, on PostgreSQL: the return waits for the move and is then refused (the
self-assessment is no longer for the project's phase), so a returned draft never outlives
the phase it was for.

The test has a database of its own, with committed data: the race needs two real
transactions, the one the test holds open and the request's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.data.people import create_person
from app.extensions import db
from app.models import Assessment
from tests.integration.conftest import DEMO_HASH, FormClient
from tests.integration.factories import complete_every_point, make_project, start_assessment
from tests.integration.races import app_on_its_own_database, needs_postgresql, waits_for_another

pytestmark = needs_postgresql


def test_a_return_waits_for_a_phase_move_and_is_then_refused(tmp_path):
    with app_on_its_own_database("return_race", tmp_path) as (app, url):
        with app.app_context():
            admin = create_person(
                "Ada Admin", "ada@example.gov.uk", ["administrator"], password_hash=DEMO_HASH
            )
            owner = create_person("Sam Owner", "sam@example.gov.uk", [], password_hash=DEMO_HASH)
            project = make_project(db.session, phase="discovery", team=[(owner, "service_owner")])
            assessment = start_assessment(db.session, project, owner)
            complete_every_point(db.session, assessment, "green")
            assessment.status = "submitted"
            assessment.submitted_at = datetime(2026, 11, 2, 10, tzinfo=UTC)
            db.session.commit()
            project_id, assessment_id, admin_email = project.id, assessment.id, admin.email
            db.session.remove()

        client = FormClient(app.test_client())
        client.sign_in(admin_email)
        address = f"/projects/{project_id}/assessments/{assessment_id}/return"
        fields = {"csrf_token": client.csrf_token(address), "reason": "Point 3 needs evidence"}
        response = waits_for_another(
            url,
            # The other administrator is part-way through moving the project on to alpha...
            holding=[
                ("SELECT id FROM project WHERE id = %s FOR UPDATE", (project_id,)),
                (
                    "UPDATE project SET phase = 'alpha', version = version + 1 WHERE id = %s",
                    (project_id,),
                ),
            ],
            # ...so the return waits for the move rather than deciding on the old phase.
            change=lambda: client.post(address, data=fields),
            waiting="the phase move",
        )
        assert response.status_code == 302
        with app.app_context():
            status = db.session.scalar(
                select(Assessment.status).where(Assessment.id == assessment_id)
            )
            db.session.remove()
        assert status == "submitted"  # not returned: it is no longer for the project's phase
