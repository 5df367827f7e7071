"""Small builders for test data that views need: projects, teams, self-assessments."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.data.assessments import start_self_assessment
from app.models import (
    Action,
    Answer,
    Assessment,
    Directorate,
    Framework,
    Point,
    Project,
    TeamMembership,
)


def make_project(
    database,
    name: str = "Blue Badge applications",
    phase: str = "alpha",
    team: list | None = None,
    framework_slug: str = "govuk-service-standard",
) -> Project:
    """A project with ``team``: a list of ``(person, team role)``."""
    framework = database.scalar(select(Framework).where(Framework.slug == framework_slug))
    directorate = database.scalar(select(Directorate).where(Directorate.name == "Test directorate"))
    if directorate is None:
        directorate = Directorate(name="Test directorate")
    project = Project(
        name=name,
        description="A test project.",
        directorate=directorate,
        phase=phase,
        framework=framework,
    )
    project.memberships = [
        TeamMembership(person=person, team_role=role) for person, role in (team or [])
    ]
    database.add(project)
    database.commit()
    return project


def sibling_project(database, project: Project, n: int) -> Project:
    """Another project like ``project`` (same phase, framework, directorate and team), for a
    test that needs several open assessments of one kind: a project has one at a time."""
    sibling = Project(
        name=f"{project.name} {n}",
        description=project.description,
        directorate_id=project.directorate_id,
        phase=project.phase,
        framework_id=project.framework_id,
        confidential=project.confidential,
    )
    sibling.memberships = [
        TeamMembership(person_id=m.person_id, team_role=m.team_role) for m in project.memberships
    ]
    database.add(sibling)
    database.commit()
    return sibling


def start_assessment(database, project: Project, person):
    assessment = start_self_assessment(project, person.id)
    database.commit()
    return assessment


def earlier_self_assessment(database, assessment, phase: str = "discovery") -> Assessment:
    """A submitted self-assessment of the same project, started 120 days before
    ``assessment`` (flushed, not committed)."""
    earlier = Assessment(
        project_id=assessment.project_id,
        framework_version_id=assessment.framework_version_id,
        phase=phase,
        kind="self_assessment",
        status="submitted",
        created_at=assessment.created_at - timedelta(days=120),
    )
    database.add(earlier)
    database.flush()
    return earlier


def answer(database, assessment, number: int) -> Answer:
    return database.scalar(
        select(Answer)
        .join(Answer.point)
        .where(Answer.assessment_id == assessment.id, Point.number == number)
    )


def complete_every_point(database, assessment, rating: str = "green", owner=None) -> None:
    """Mark every point completed with ``rating`` (and an action where one is needed)."""
    for item in database.scalars(select(Answer).where(Answer.assessment_id == assessment.id)):
        item.evidence_account = "We did the work."
        item.self_rating = rating
        item.status = "completed"
        if rating in ("amber", "red"):
            database.add(
                Action(
                    project_id=assessment.project_id,
                    assessment_id=assessment.id,
                    point_id=item.point_id,
                    point_number=item.point.number,
                    description="Fix it",
                    owner_id=owner.id if owner else None,
                    due_date=date(2027, 2, 1),
                )
            )
    database.commit()


def make_action(
    database,
    project: Project,
    assessment=None,
    number: int | None = 1,
    description: str = "Run usability testing with screen reader users",
    owner=None,
    owner_name: str | None = None,
    due_date: date | None = date(2030, 1, 31),
    status: str = "open",
    source: str = "self_assessment",
    **fields,
) -> Action:
    """An action for point ``number`` of ``assessment`` (or of no assessment)."""
    point_id = None
    if assessment is not None and number is not None:
        point_id = database.scalar(
            select(Point.id).where(
                Point.version_id == assessment.framework_version_id, Point.number == number
            )
        )
    action = Action(
        project_id=project.id,
        assessment_id=assessment.id if assessment is not None else None,
        point_id=point_id,
        point_number=number,
        description=description,
        owner_id=owner.id if owner is not None else None,
        owner_name=owner_name,
        due_date=due_date,
        status=status,
        source=source,
        **fields,
    )
    database.add(action)
    database.commit()
    return action


def make_panel_assessment(
    database,
    project: Project,
    kind: str = "assessment",
    panel: list | None = None,
    status: str = "arranged",
    self_assessment=None,
    follows=None,
    assessment_date: date | None = None,
    **fields,
):
    """A panel assessment of ``project`` in its phase, on its framework's latest version,
    with ``panel``: a list of ``(person or None, panel role)`` (None leaves the role open).

    Builds the rows directly (no command, no audit): for tests of pages and commands that
    start from an assessment already arranged.
    """
    from app.models import Assessment, FrameworkVersion, PanelMember

    version_id = (
        self_assessment.framework_version_id
        if self_assessment is not None
        else database.scalar(
            select(FrameworkVersion.id)
            .where(FrameworkVersion.framework_id == project.framework_id)
            .order_by(FrameworkVersion.number.desc())
            .limit(1)
        )
    )
    assessment = Assessment(
        project_id=project.id,
        framework_version_id=version_id,
        phase=project.phase,
        kind=kind,
        status=status,
        self_assessment_id=self_assessment.id if self_assessment is not None else None,
        follows_id=follows.id if follows is not None else None,
        assessment_date=assessment_date or date(2026, 11, 20),
        **fields,
    )
    assessment.panel = [
        PanelMember(person_id=person.id if person is not None else None, panel_role=role)
        for person, role in (panel or [])
    ]
    database.add(assessment)
    database.commit()
    return assessment
