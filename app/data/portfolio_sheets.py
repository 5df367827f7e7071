"""The actions and panel assessments of every project in a person's scope, for the
portfolio's downloads. One query each, however many projects, actions or assessments."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.bank_holidays import england_and_wales
from app.data.actions import seen_by_team
from app.data.ordering import PROJECT_NAME_ORDER
from app.extensions import db
from app.models import Action, Assessment, Person, Project
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


def _in_scope(query, allowed: Collection[int] | None):
    if allowed is not None:
        query = query.where(Project.directorate_id.in_(sorted(allowed)))
    return query


def portfolio_actions(allowed: Collection[int] | None, today: date) -> list[ActionLine]:
    """Every action the teams see, of every project in scope: by project name, then point,
    then due date (undated last). One query."""
    actions = db.session.scalars(
        _in_scope(
            select(Action)
            .join(Project, Project.id == Action.project_id)
            .where(seen_by_team())
            .options(
                joinedload(Action.project).joinedload(Project.directorate),
                joinedload(Action.owner).lazyload(Person.role_grants),
                joinedload(Action.point),
            ),
            allowed,
        ).order_by(
            *PROJECT_NAME_ORDER,
            Action.point_number.is_(None),
            Action.point_number,
            Action.due_date.is_(None),
            Action.due_date,
            Action.id,
        )
    ).unique()
    return [
        ActionLine(
            project=action.project.name,
            directorate=action.project.directorate.name if action.project.directorate else "",
            point_number=action.point_number,
            point_title=action.point.title if action.point else "",
            description=action.description,
            owner=action.owner.name if action.owner else (action.owner_name or ""),
            due=action.due_date,
            status=action.status,
            days_overdue=(today - action.due_date).days
            if is_overdue(action.status, action.due_date, today)
            else None,
        )
        for action in actions
    ]


def portfolio_assessments(allowed: Collection[int] | None, today: date) -> list[AssessmentLine]:
    """Every panel assessment (peer review, assessment, reassessment, amber evidence review)
    of every project in scope, withdrawn ones too: by project name, then date (undated
    last). Self-assessments are in the grid. One query."""
    holidays = england_and_wales()
    assessments = db.session.scalars(
        _in_scope(
            select(Assessment)
            .join(Project, Project.id == Assessment.project_id)
            .where(Assessment.kind != AssessmentKind.SELF_ASSESSMENT.value)
            .options(joinedload(Assessment.project).joinedload(Project.directorate)),
            allowed,
        ).order_by(
            *PROJECT_NAME_ORDER,
            Assessment.assessment_date.is_(None),
            Assessment.assessment_date,
            Assessment.id,
        )
    ).unique()
    return [
        AssessmentLine(
            project=assessment.project.name,
            directorate=assessment.project.directorate.name
            if assessment.project.directorate
            else "",
            kind=assessment.kind,
            phase=assessment.phase,
            held_on=assessment.assessment_date,
            status=assessment.status,
            report_due=assessment.report_due,
            overdue=None
            if assessment.status == AssessmentStatus.WITHDRAWN.value
            else overdue_step(
                assessment.status, assessment.report_due, assessment.answer_due, today, holidays
            ),
        )
        for assessment in assessments
    ]
