"""Queries for panel reports: everything one report shows, in a fixed number of queries
whatever the number of points and actions, and the lists of published reports."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.orm import joinedload

from app.data.ratings import CHAIN_LIMIT, team_self_assessment_id
from app.extensions import db
from app.models import (
    Action,
    Answer,
    Assessment,
    AuditEvent,
    Challenge,
    Feedback,
    Judgement,
    PanelMember,
    Person,
    Point,
    Project,
    TeamMembership,
)
from app.rules.permissions import (
    AssessmentAbilities,
    assessment_abilities,
    in_directorates,
    scope_applies,
)
from app.rules.report_steps import LivingStatus, living_status
from app.rules.reports import PANEL_KINDS, panel_result, points_in_scope
from app.rules.scoring import verifies_actions
from app.rules.self_assessment import AssessmentStatus

S = AssessmentStatus


@dataclass
class ReportPoint:
    number: int
    title: str
    url: str
    point_id: int
    judgement: Judgement | None
    self_rating: str | None
    challenge: Challenge | None
    actions: list[Action] = field(default_factory=list)
    checked: list[Action] = field(default_factory=list)  # an amber evidence review's

    @property
    def original_rating(self) -> str | None:
        """The rating the point had before the panel revised it (in an amber evidence
        review, or on upholding the team's challenge); None if never revised."""
        return self.judgement.original_rating if self.judgement else None

    @property
    def rating(self) -> str | None:
        return self.judgement.rating if self.judgement else None


@dataclass
class ReportAction:
    action: Action
    status: LivingStatus


@dataclass
class Report:
    assessment: Assessment
    points: list[ReportPoint]
    carried: dict[int, str | None]
    result: object
    actions: list[ReportAction]
    earlier: list[Assessment]
    panel: list[PanelMember]
    names: dict[int, str]
    # An amber evidence review's record of the actions it checked: the earlier actions for
    # the points it looks at, each verified (by whom, when, on what evidence) or not.
    checked: list[Action] = field(default_factory=list)
    # When it was last sent to the team, from the audit trail (each sending is recorded;
    # ``Assessment.sent_at`` keeps the first).
    last_sent_at: datetime | None = None
    titles: dict[int, str] = field(default_factory=dict)  # every point's, by number

    def name(self, person_id: int | None) -> str:
        return self.names.get(person_id, "") if person_id else ""

    @property
    def challenges(self) -> list[Challenge]:
        return [p.challenge for p in self.points if p.challenge is not None]

    @property
    def open_challenges(self) -> list[Challenge]:
        return [c for c in self.challenges if c.outcome is None]


def assessment_for_report(assessment_id: int) -> Assessment | None:
    """The panel assessment with its project and framework version, in one query."""
    return db.session.scalar(
        select(Assessment)
        .options(
            joinedload(Assessment.project).joinedload(Project.directorate),
            joinedload(Assessment.framework_version),
        )
        .where(Assessment.id == assessment_id, Assessment.kind.in_(PANEL_KINDS))
    )


def earlier_ratings(assessment: Assessment) -> dict[int, str | None]:
    """The ratings a reassessment or amber evidence review carries: those the assessment
    it follows left, its own over the ones it carried in turn, back along the chain."""
    from app.data.scoring import panel_ratings_counted

    if assessment.follows_id is None:
        return {}
    return panel_ratings_counted(assessment.follows)


def load_report(assessment: Assessment) -> Report:
    """Everything the report page and the downloads show."""
    points = db.session.scalars(
        select(Point)
        .where(Point.version_id == assessment.framework_version_id)
        .order_by(Point.number)
    ).all()
    carried = earlier_ratings(assessment)
    in_scope = set(points_in_scope(assessment.kind, [p.number for p in points], carried))
    judgements = {
        j.point_id: j
        for j in db.session.scalars(
            select(Judgement).where(Judgement.assessment_id == assessment.id)
        )
    }
    self_ratings: dict[int, str | None] = {}
    team_source = team_self_assessment_id(assessment)
    if team_source is not None:
        self_ratings = dict(
            db.session.execute(
                select(Point.number, Answer.self_rating)
                .join(Point, Point.id == Answer.point_id)
                .where(Answer.assessment_id == team_source)
            ).all()
        )
    challenges = {
        c.point_id: c
        for c in db.session.scalars(
            select(Challenge).where(Challenge.assessment_id == assessment.id)
        )
    }
    actions = db.session.scalars(
        select(Action)
        .where(Action.assessment_id == assessment.id, Action.source == "panel")
        .order_by(Action.point_number, Action.id)
    ).all()
    checked = _actions_checked(assessment, team_source, in_scope)
    report_points = [
        ReportPoint(
            number=p.number,
            title=p.title,
            url=p.url,
            point_id=p.id,
            judgement=judgements.get(p.id),
            self_rating=self_ratings.get(p.number),
            challenge=challenges.get(p.id),
        )
        for p in points
        if p.number in in_scope
    ]
    by_number = {p.number: p for p in report_points}
    living = []
    for action in actions:
        living.append(
            ReportAction(action, living_status(action.status, action.verified_at is not None))
        )
        if action.point_number in by_number:
            by_number[action.point_number].actions.append(action)
    for action in checked:
        if action.point_number in by_number:
            by_number[action.point_number].checked.append(action)
    result = panel_result(
        assessment.kind,
        assessment.phase,
        {p.number: p.rating for p in report_points},
        {n: r for n, r in carried.items() if n not in in_scope},
    )
    earlier = db.session.scalars(
        select(Assessment)
        .where(
            Assessment.project_id == assessment.project_id,
            Assessment.kind.in_(PANEL_KINDS),
            Assessment.status == S.PUBLISHED,
            Assessment.id != assessment.id,
        )
        .order_by(Assessment.assessment_date.desc(), Assessment.id.desc())
    ).all()
    panel = db.session.scalars(
        select(PanelMember)
        .options(joinedload(PanelMember.person))
        .where(PanelMember.assessment_id == assessment.id)
        .order_by(PanelMember.id)
    ).all()
    wanted = {
        assessment.accepted_by_id,
        assessment.published_by_id,
        assessment.withdrawn_by_id,
        *(c.raised_by_id for c in challenges.values()),
        *(c.answered_by_id for c in challenges.values()),
        *(a.owner_id for a in actions),
        *(a.verified_by_id for a in actions),
        *(a.verified_by_id for a in checked),
    } - {None}
    names = (
        dict(db.session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())
        if wanted
        else {}
    )
    return Report(
        last_sent_at=_last_sent_at(assessment),
        titles={p.number: p.title for p in points},
        assessment=assessment,
        points=report_points,
        carried={n: r for n, r in carried.items() if n not in in_scope},
        result=result,
        actions=living,
        earlier=list(earlier),
        panel=list(panel),
        names=names,
        checked=checked,
    )


def _last_sent_at(assessment: Assessment) -> datetime | None:
    """When the lead last sent the report to the team: the newest "sent" audit event."""
    if assessment.sent_at is None:
        return None
    return db.session.scalar(
        select(func.max(AuditEvent.occurred_at)).where(
            AuditEvent.subject_type == "assessment",
            AuditEvent.subject_id == assessment.id,
            AuditEvent.verb == "sent",
        )
    )


def _actions_checked(
    assessment: Assessment, team_source: int | None, in_scope: set[int]
) -> list[Action]:
    """The actions an amber evidence review checks, by point: those from the assessments it
    follows (back along the chain) and the team's self-assessment for the points it looks
    at, and any it verified. None for any other kind."""
    from app.data.scoring import followed_ids

    if not verifies_actions(assessment.kind):
        return []
    sources = [*followed_ids(assessment), *([team_source] if team_source is not None else [])]
    checks = [Action.verified_in_id == assessment.id]
    if sources and in_scope:
        checks.append(
            and_(Action.assessment_id.in_(sources), Action.point_number.in_(sorted(in_scope)))
        )
    return list(
        db.session.scalars(
            select(Action)
            .where(Action.project_id == assessment.project_id, or_(*checks))
            .order_by(Action.point_number, Action.id)
        )
    )


def abilities_of(assessment: Assessment, person: Person) -> AssessmentAbilities:
    """What ``person`` may do on the panel assessment (``assessment_abilities``), with
    whether a panel member has declared a conflict with its project."""
    from app.data.panels import panel_role_for
    from app.data.projects import team_role_for
    from app.data.scoring import has_declared_conflict

    panel_role = panel_role_for(assessment.id, person.id)
    team_role = team_role_for(assessment.project_id, person.id)
    in_scope = True
    if panel_role is None and team_role is None and scope_applies(person.roles):
        # Only someone outside its team and panel can be kept out by a directorate scope.
        from app.data.board import scope_of

        in_scope = in_directorates(assessment.project.directorate_id, scope_of(person.id))
    return assessment_abilities(
        person.roles,
        panel_role=panel_role,
        team_role=team_role,
        status=assessment.status,
        confidential=assessment.project.confidential,
        conflicted=panel_role is not None
        and has_declared_conflict(person.id, assessment.project_id),
        in_scope=in_scope,
    )


def person_or_none(person_id: int) -> Person | None:
    return db.session.get(Person, person_id)


def assessment_for_change(assessment_id: int) -> Assessment | None:
    return db.session.scalar(
        select(Assessment)
        .options(joinedload(Assessment.project))
        .where(Assessment.id == assessment_id, Assessment.kind.in_(PANEL_KINDS))
    )


def feedback_given(assessment_id: int, person_id: int) -> bool:
    return (
        db.session.scalar(
            select(Feedback.id).where(
                Feedback.assessment_id == assessment_id, Feedback.person_id == person_id
            )
        )
        is not None
    )


def judgements_of(assessment_id: int) -> dict[int, Judgement]:
    """``{point id: the panel's judgement}`` of a panel assessment."""
    return {
        j.point_id: j
        for j in db.session.scalars(
            select(Judgement).where(Judgement.assessment_id == assessment_id)
        )
    }


def challenges_of(assessment_id: int) -> dict[int, Challenge]:
    """``{challenge id: challenge}`` with their points."""
    return {
        c.id: c
        for c in db.session.scalars(
            select(Challenge)
            .options(joinedload(Challenge.point))
            .where(Challenge.assessment_id == assessment_id)
        )
    }


def add(row) -> None:
    db.session.add(row)


def flush() -> None:
    db.session.flush()


def published_reports(
    person: Person | None,
    readable_confidential: bool,
    allowed: Collection[int] | None = None,
) -> list[Assessment]:
    """Published panel reports, newest first. Confidential projects' reports only where
    ``person`` is in the team or on the panel, or ``readable_confidential`` (board,
    administrators); never for nobody (the public). A person limited to ``allowed``
    directorates (``app.rules.permissions.directorate_scope``) sees only those directorates'
    reports, and those of their own teams and panels."""
    query = (
        select(Assessment)
        .join(Project, Project.id == Assessment.project_id)
        .options(joinedload(Assessment.project), joinedload(Assessment.framework_version))
        .where(Assessment.kind.in_(PANEL_KINDS), Assessment.status == S.PUBLISHED)
        .order_by(Assessment.published_at.desc(), Assessment.id.desc())
    )
    if not readable_confidential:
        readable = [Project.confidential.is_(False)]
        if person is not None:
            readable.append(
                Project.id.in_(
                    select(TeamMembership.project_id).where(TeamMembership.person_id == person.id)
                )
            )
            readable.append(
                Assessment.id.in_(
                    select(PanelMember.assessment_id).where(PanelMember.person_id == person.id)
                )
            )
        query = query.where(or_(*readable))
    if allowed is not None and person is not None:
        query = query.where(
            or_(
                Project.directorate_id.in_(sorted(allowed)),
                Project.id.in_(
                    select(TeamMembership.project_id).where(TeamMembership.person_id == person.id)
                ),
                Assessment.id.in_(
                    select(PanelMember.assessment_id).where(PanelMember.person_id == person.id)
                ),
            )
        )
    return list(db.session.scalars(query).unique())


def published_results(assessments: list[Assessment]) -> dict[int, object]:
    """``{assessment id: Result}`` for panel assessments, worked out as the report page
    does (``load_report``), in two queries however many."""
    if not assessments:
        return {}
    follows = _chains(assessments)
    wanted = {a.id for a in assessments} | set(follows)
    ratings: dict[int, dict[int, str | None]] = {a_id: {} for a_id in wanted}
    for assessment_id, number, rating in db.session.execute(
        select(Judgement.assessment_id, Point.number, Judgement.rating)
        .join(Point, Point.id == Judgement.point_id)
        .where(Judgement.assessment_id.in_(wanted), Judgement.rating.is_not(None))
    ):
        ratings[assessment_id][number] = rating
    numbers: dict[int, list[int]] = {}
    for version_id, number in db.session.execute(
        select(Point.version_id, Point.number).where(
            Point.version_id.in_({a.framework_version_id for a in assessments})
        )
    ):
        numbers.setdefault(version_id, []).append(number)
    results = {}
    for assessment in assessments:
        own = ratings[assessment.id]
        carried = _carried(assessment.follows_id, follows, ratings)
        in_scope = set(
            points_in_scope(
                assessment.kind, numbers.get(assessment.framework_version_id, []), carried
            )
        )
        results[assessment.id] = panel_result(
            assessment.kind,
            assessment.phase,
            {n: own.get(n) for n in in_scope},
            {n: r for n, r in carried.items() if n not in in_scope},
        )
    return results


def _chains(assessments: list[Assessment]) -> dict[int, int | None]:
    """``{assessment id: the id it follows}`` for every assessment the given ones follow,
    back along each chain: one query per step back (a chain is a few long), not per
    assessment."""
    follows: dict[int, int | None] = {}
    wanted = {a.follows_id for a in assessments} - {None}
    for _ in range(CHAIN_LIMIT):
        if not wanted:
            break
        found = dict(
            db.session.execute(
                select(Assessment.id, Assessment.follows_id).where(Assessment.id.in_(wanted))
            ).all()
        )
        follows.update(found)
        wanted = {i for i in found.values() if i is not None and i not in follows}
    return follows


def _carried(
    follows_id: int | None,
    follows: dict[int, int | None],
    ratings: dict[int, dict[int, str | None]],
) -> dict[int, str | None]:
    """The ratings the assessment ``follows_id`` left: its own over the ones it carried,
    back along the chain (as ``app.data.scoring.panel_ratings_counted``)."""
    chain = []
    while follows_id is not None and follows_id not in chain and len(chain) < CHAIN_LIMIT:
        chain.append(follows_id)
        follows_id = follows.get(follows_id)
    carried: dict[int, str | None] = {}
    for earlier in reversed(chain):
        carried.update(ratings.get(earlier, {}))
    return carried


def published_count() -> int:
    return db.session.scalar(
        select(func.count(Assessment.id)).where(
            Assessment.kind.in_(PANEL_KINDS), Assessment.status == S.PUBLISHED
        )
    )


def self_assessment(assessment: Assessment) -> Assessment | None:
    if assessment.self_assessment_id is None:
        return None
    return db.session.get(Assessment, assessment.self_assessment_id)


def points_by_number(version_id: int) -> dict[int, Point]:
    return {
        p.number: p for p in db.session.scalars(select(Point).where(Point.version_id == version_id))
    }


def waiting_for_team(project_ids) -> dict[int, Assessment]:
    """``{project id: its panel report that waits for the team's answer}`` (sent to the
    team, not yet accepted or challenged), the earliest due first, in one query."""
    found: dict[int, Assessment] = {}
    for assessment in db.session.scalars(_WAITING_FOR_TEAM, {"project_ids": list(project_ids)}):
        found.setdefault(assessment.project_id, assessment)
    return found


# Built once: the home page and every project page ask for it.
_WAITING_FOR_TEAM = (
    select(Assessment)
    .where(
        Assessment.project_id.in_(bindparam("project_ids", expanding=True)),
        Assessment.kind.in_(PANEL_KINDS),
        Assessment.status == S.SENT,
    )
    .order_by(Assessment.answer_due, Assessment.id)
)


def latest_published(project_ids) -> dict[int, Assessment]:
    """``{project id: its newest published panel report}``, in one query."""
    found: dict[int, Assessment] = {}
    for assessment in db.session.scalars(
        select(Assessment)
        .where(
            Assessment.project_id.in_(project_ids),
            Assessment.kind.in_(PANEL_KINDS),
            Assessment.status == S.PUBLISHED,
        )
        .order_by(Assessment.published_at.desc(), Assessment.id.desc())
    ):
        found.setdefault(assessment.project_id, assessment)
    return found


# A team role not given: look it up.
UNKNOWN = object()


def readable_reports_of_project(project: Project, person: Person) -> list[Assessment]:
    """The project's panel reports ``person`` may read, newest first, in three queries."""
    assessments = db.session.scalars(_PANEL_ASSESSMENTS, {"project_id": project.id}).all()
    return readable_among(assessments, project, person)


def readable_among(
    assessments: list[Assessment],
    project: Project,
    person: Person,
    team_role: str | object | None = UNKNOWN,
) -> list[Assessment]:
    """Those of the project's panel ``assessments`` whose report ``person`` may read, in
    the order given, in one query (none if there are none; a second if their ``team_role``
    in the project is not given)."""
    from app.data.projects import team_role_for

    if not assessments:
        return []
    roles = dict(
        db.session.execute(
            _PANEL_ROLES, {"person_id": person.id, "ids": [a.id for a in assessments]}
        ).all()
    )
    if team_role is UNKNOWN:
        team_role = team_role_for(project.id, person.id)
    return [
        a
        for a in assessments
        if assessment_abilities(
            person.roles,
            panel_role=roles.get(a.id),
            team_role=team_role,
            status=a.status,
            confidential=project.confidential,
        ).read_report
    ]


# Built once: every project page asks for them.
_PANEL_ASSESSMENTS = (
    select(Assessment)
    .where(Assessment.project_id == bindparam("project_id"), Assessment.kind.in_(PANEL_KINDS))
    .order_by(Assessment.assessment_date.desc(), Assessment.id.desc())
)
_PANEL_ROLES = select(PanelMember.assessment_id, PanelMember.panel_role).where(
    PanelMember.person_id == bindparam("person_id"),
    PanelMember.assessment_id.in_(bindparam("ids", expanding=True)),
)


def panel_assessments_of_project(project: Project, person: Person) -> list[tuple[Assessment, bool]]:
    """Every panel assessment of the project, newest first, each with whether ``person``
    may read its report (``readable_reports_of_project``'s rule). A fixed number of
    queries."""
    assessments = db.session.scalars(_PANEL_ASSESSMENTS, {"project_id": project.id}).all()
    if not assessments:
        return []
    readable = {a.id for a in readable_reports_of_project(project, person)}
    return [(a, a.id in readable) for a in assessments]
