"""The actions and panel assessments of every project in a person's scope, for the
portfolio's downloads. One query each, however many projects, actions or assessments."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.bank_holidays import england_and_wales
from app.data.actions import seen_by_team
from app.data.ordering import PROJECT_NAME_ORDER
from app.data.rows import plain_rows
from app.models import Action, Assessment, Directorate, Person, Point, Project
from app.rules.actions import is_overdue
from app.rules.report_steps import Overdue, overdue_step
from app.rules.self_assessment import AssessmentKind, AssessmentStatus


@dataclass(frozen=True)
class ActionLine:
    project: str
    directorate: str
    point_number: int | None
    point_title: str
    description: str
    owner: str
    due: date | None
    status: str
    days_overdue: int | None  # None: not overdue
    project_id: int = 0


@dataclass(frozen=True)
class AssessmentLine:
    project: str
    directorate: str
    kind: str
    phase: str
    held_on: date | None
    status: str
    report_due: date | None
    overdue: Overdue | None  # the step late today (the report, or the team's answer)
    project_id: int = 0


def _in_scope(query, allowed: Collection[int] | None):
    if allowed is not None:
        query = query.where(Project.directorate_id.in_(sorted(allowed)))
    return query


def portfolio_actions(allowed: Collection[int] | None, today: date) -> list[ActionLine]:
    """Every action the teams see, of every project in scope: by project name, then point,
    then due date (undated last). One query, of plain rows."""
    rows = plain_rows(
        _in_scope(
            select(
                Project.name,
                Directorate.name,
                Action.point_number,
                Action.project_id,
                Point.title,
                Action.description,
                Person.name,
                Action.owner_name,
                Action.due_date,
                Action.status,
            )
            .select_from(Action)
            .join(Project, Project.id == Action.project_id)
            .outerjoin(Directorate, Directorate.id == Project.directorate_id)
            .outerjoin(Person, Person.id == Action.owner_id)
            .outerjoin(Point, Point.id == Action.point_id)
            .where(seen_by_team()),
            allowed,
        ).order_by(
            *PROJECT_NAME_ORDER,
            Action.point_number.is_(None),
            Action.point_number,
            Action.due_date.is_(None),
            Action.due_date,
            Action.id,
        )
    )
    return [
        ActionLine(
            project=project,
            directorate=directorate or "",
            point_number=number,
            point_title=title or "",
            description=description,
            owner=owner or owner_name or "",
            due=due,
            status=status,
            days_overdue=(today - due).days if is_overdue(status, due, today) else None,
            project_id=project_id,
        )
        for (
            project,
            directorate,
            number,
            project_id,
            title,
            description,
            owner,
            owner_name,
            due,
            status,
        ) in rows
    ]


def portfolio_assessments(allowed: Collection[int] | None, today: date) -> list[AssessmentLine]:
    """Every panel assessment (peer review, assessment, reassessment, amber evidence review)
    of every project in scope, withdrawn ones too: by project name, then date (undated
    last). Self-assessments are in the grid. One query, of plain rows."""
    holidays = england_and_wales()
    rows = plain_rows(
        _in_scope(
            select(
                Project.name,
                Directorate.name,
                Assessment.project_id,
                Assessment.kind,
                Assessment.phase,
                Assessment.assessment_date,
                Assessment.status,
                Assessment.report_due,
                Assessment.answer_due,
            )
            .select_from(Assessment)
            .join(Project, Project.id == Assessment.project_id)
            .outerjoin(Directorate, Directorate.id == Project.directorate_id)
            .where(Assessment.kind != AssessmentKind.SELF_ASSESSMENT.value),
            allowed,
        ).order_by(
            *PROJECT_NAME_ORDER,
            Assessment.assessment_date.is_(None),
            Assessment.assessment_date,
            Assessment.id,
        )
    )
    return [
        AssessmentLine(
            project=project,
            directorate=directorate or "",
            kind=kind,
            phase=phase,
            held_on=held_on,
            status=status,
            report_due=report_due,
            project_id=project_id,
            overdue=None
            if status == AssessmentStatus.WITHDRAWN.value
            else overdue_step(status, report_due, answer_due, today, holidays),
        )
        for (
            project,
            directorate,
            project_id,
            kind,
            phase,
            held_on,
            status,
            report_due,
            answer_due,
        ) in rows
    ]
