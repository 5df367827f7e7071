"""A project's assessments, read once for its page: the ratings that count, the panel
assessments arranged, the report waiting for the team's answer, and the reports the person
may read. Each of these has a query of its own elsewhere (``app.data.portfolio``,
``app.data.arranging``, ``app.data.reports``); a project has a handful of assessments, so
its page reads them all in one query and picks each out here, in the same order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import bindparam, select

from app.data.arranging import OPEN_FOR_PANEL_CHANGES
from app.data.portfolio import ProjectRating, project_rating_among
from app.data.reports import readable_among
from app.extensions import db
from app.models import Assessment, Person, Project
from app.rules.reports import PANEL_KINDS
from app.rules.self_assessment import AssessmentStatus


@dataclass(frozen=True)
class ProjectAssessments:
    rating: ProjectRating
    # Panel assessments arranged and not yet reported on, soonest first.
    arranged: list[Assessment]
    # The panel report sent to the team and not yet answered, the earliest due first.
    waiting: Assessment | None
    # The panel reports (and assessments) the person may read, newest first.
    readable: list[Assessment]


def project_assessments(
    project: Project, person: Person, team_role: str | None
) -> ProjectAssessments:
    """What the project's page shows of its assessments, in two queries (a third when it has
    panel assessments). ``team_role`` is the person's in the project's team, or None."""
    every = db.session.scalars(_EVERY_ASSESSMENT, {"project_id": project.id}).all()
    panel = [a for a in every if a.kind in PANEL_KINDS]
    arranged = sorted(
        (a for a in panel if a.status in OPEN_FOR_PANEL_CHANGES),
        key=lambda a: (*_soonest(a.assessment_date), *_soonest(a.assessment_time), a.id),
    )
    sent = [a for a in panel if a.status == AssessmentStatus.SENT]
    waiting = min(sent, key=lambda a: (*_soonest(a.answer_due), a.id)) if sent else None
    # Newest first, as PostgreSQL orders them: those without a date before the rest.
    newest = sorted(
        panel,
        key=lambda a: (a.assessment_date is None, a.assessment_date or date.min, a.id),
        reverse=True,
    )
    return ProjectAssessments(
        rating=project_rating_among(every),
        arranged=arranged,
        waiting=waiting,
        readable=readable_among(newest, project, person, team_role),
    )


def _soonest(value: date | time | None) -> tuple[bool, date | time | None]:
    """A sort key, soonest first and none last, as PostgreSQL orders them."""
    return (value is None, value)


# Built once: every project page asks for it.
_EVERY_ASSESSMENT = select(Assessment).where(Assessment.project_id == bindparam("project_id"))
