"""Assessments, the team's answers, evidence, panels, judgements and actions."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped
from app.models.checks import checks
from app.models.frameworks import FrameworkVersion, Point
from app.models.people import Person
from app.models.projects import Project

OPEN_PANEL_CONDITION = "kind <> 'self_assessment' AND status NOT IN ('published', 'withdrawn')"


class Assessment(Timestamped, Base):
    """One project, one phase, one framework version."""

    __tablename__ = "assessment"
    __table_args__ = (
        # A team has one draft of each kind of assessment per phase at a time, even when
        # two people press "Start" at once.
        Index(
            "uq_assessment_one_draft",
            "project_id",
            "phase",
            "kind",
            unique=True,
            sqlite_where=text("status = 'draft'"),
            postgresql_where=text("status = 'draft'"),
        ),
        # A project has one open panel assessment of each kind at a time, even when two
        # organisers arrange it at once.
        Index(
            "uq_assessment_one_open_panel",
            "project_id",
            "kind",
            unique=True,
            sqlite_where=text(OPEN_PANEL_CONDITION),
            postgresql_where=text(OPEN_PANEL_CONDITION),
        ),
        *checks("assessment"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    framework_version_id: Mapped[int] = mapped_column(
        ForeignKey("framework_version.id"), index=True
    )
    phase: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # Why it last went back to the team, when and by whom (kept after it is submitted again).
    returned_reason: Mapped[str | None] = mapped_column(Text)
    returned_at: Mapped[datetime | None]
    returned_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    assessment_date: Mapped[date | None]
    published_at: Mapped[datetime | None]

    # A panel assessment (peer review, formal assessment, reassessment, amber evidence
    # review; app.rules.reports): when it is held, what it was built from, the team's
    # brief, and each step of its report.
    assessment_time: Mapped[time | None]
    arranged_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # The team's submitted self-assessment the panel reads.
    self_assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"), index=True)
    # The earlier panel assessment a reassessment or amber evidence review follows.
    follows_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"), index=True)
    brief_description: Mapped[str] = mapped_column(Text, default="", server_default="")
    brief_users: Mapped[str] = mapped_column(Text, default="", server_default="")
    prototype_url: Mapped[str | None] = mapped_column(String(2000))
    architecture_url: Mapped[str | None] = mapped_column(String(2000))
    # The lead's summary of the report, and when they agreed the final ratings.
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    ratings_agreed_at: Mapped[datetime | None]
    ratings_agreed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    report_due: Mapped[date | None]
    sent_at: Mapped[datetime | None]
    answer_due: Mapped[date | None]
    accepted_at: Mapped[datetime | None]
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship()
    framework_version: Mapped[FrameworkVersion] = relationship()
    self_assessment: Mapped[Assessment | None] = relationship(
        foreign_keys=[self_assessment_id], remote_side="Assessment.id"
    )
    follows: Mapped[Assessment | None] = relationship(
        foreign_keys=[follows_id], remote_side="Assessment.id"
    )
    panel: Mapped[list[PanelMember]] = relationship(
        back_populates="assessment", order_by="PanelMember.id", cascade="all, delete-orphan"
    )
    started_by: Mapped[Person | None] = relationship(foreign_keys=[started_by_id])
    submitted_by: Mapped[Person | None] = relationship(foreign_keys=[submitted_by_id])
    returned_by: Mapped[Person | None] = relationship(foreign_keys=[returned_by_id])
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        foreign_keys="Answer.assessment_id",
    )

    __mapper_args__ = {"version_id_col": version}


class Answer(Timestamped, Base):
    """The team's answer for one point: its account of the evidence and its own rating."""

    __tablename__ = "answer"
    __table_args__ = (
        UniqueConstraint("assessment_id", "point_id"),
        # The board reads every project's ratings and when they last changed from this
        # index alone, never the answers' text.
        Index("ix_answer_ratings", "assessment_id", "point_id", "self_rating", "updated_at"),
        *checks("answer"),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    evidence_account: Mapped[str] = mapped_column(Text, default="")
    self_rating: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # The earlier self-assessment this answer's evidence was carried over from, until the
    # team saves the point again: the page asks them to check it.
    carried_over_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment.id"), index=True
    )
    version: Mapped[int] = mapped_column(default=1)

    assessment: Mapped[Assessment] = relationship(
        back_populates="answers", foreign_keys=[assessment_id]
    )
    carried_over_from: Mapped[Assessment | None] = relationship(foreign_keys=[carried_over_from_id])
    point: Mapped[Point] = relationship()
    owner: Mapped[Person | None] = relationship(foreign_keys=[owner_id])
    # Oldest artefact first, as check your answers lists them.
    artefact_links: Mapped[list[ArtefactLink]] = relationship(
        back_populates="answer",
        cascade="all, delete-orphan",
        order_by="(ArtefactLink.artefact_id, ArtefactLink.id)",
    )

    __mapper_args__ = {"version_id_col": version}


class Artefact(Timestamped, Base):
    """A piece of evidence: a link to a research report, prototype, repository and so on.

    It belongs to the project, so one artefact can support several points and
    several assessments.
    """

    __tablename__ = "artefact"
    __table_args__ = checks("artefact")

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2000))
    kind: Mapped[str] = mapped_column(String(30))
    dated: Mapped[date | None]
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ArtefactLink(Base):
    __tablename__ = "artefact_link"
    __table_args__ = (UniqueConstraint("answer_id", "artefact_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answer.id"), index=True)
    artefact_id: Mapped[int] = mapped_column(ForeignKey("artefact.id"), index=True)

    answer: Mapped[Answer] = relationship(back_populates="artefact_links")
    artefact: Mapped[Artefact] = relationship()


class PanelMember(Timestamped, Base):
    """A place on a panel: a role, and the assessor in it (none while the role is open
    for assessors to offer to fill)."""

    __tablename__ = "panel_member"
    __table_args__ = (UniqueConstraint("assessment_id", "person_id"), *checks("panel_member"))

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    panel_role: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    assessment: Mapped[Assessment] = relationship(back_populates="panel")
    person: Mapped[Person | None] = relationship()
    offers: Mapped[list[PanelOffer]] = relationship(
        back_populates="panel_member", cascade="all, delete-orphan", order_by="PanelOffer.id"
    )

    __mapper_args__ = {"version_id_col": version}


class PanelOffer(Timestamped, Base):
    """An assessor's offer to fill an open place on a panel, until an organiser takes it."""

    __tablename__ = "panel_offer"
    __table_args__ = (UniqueConstraint("panel_member_id", "person_id"),)

    panel_member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_member.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    panel_member: Mapped[PanelMember] = relationship(back_populates="offers")
    person: Mapped[Person] = relationship()


class ConflictOfInterest(Timestamped, Base):
    """An assessor's declaration that they should not assess a project, and why."""

    __tablename__ = "conflict_of_interest"
    __table_args__ = (UniqueConstraint("person_id", "project_id"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)

    person: Mapped[Person] = relationship()
    project: Mapped[Project] = relationship()


class Judgement(Timestamped, Base):
    """The panel's rating of one point, with what the team did well and must do."""

    __tablename__ = "judgement"
    __table_args__ = (UniqueConstraint("assessment_id", "point_id"), *checks("judgement"))

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    rating: Mapped[str | None] = mapped_column(String(10))
    done_well: Mapped[str] = mapped_column(Text, default="")
    to_do: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # An amber evidence review may revise a point's rating: the rating it had before stays
    # beside the new one, with the reason for the change.
    original_rating: Mapped[str | None] = mapped_column(String(10))
    revision_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    assessment: Mapped[Assessment] = relationship()
    point: Mapped[Point] = relationship()

    __mapper_args__ = {"version_id_col": version}


class Challenge(Timestamped, Base):
    """The team's challenge to the panel's decision on one point, and the lead's answer.
    Both stay on the record."""

    __tablename__ = "challenge"
    __table_args__ = (UniqueConstraint("assessment_id", "point_id"), *checks("challenge"))

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    answer: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    answered_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    assessment: Mapped[Assessment] = relationship()
    point: Mapped[Point] = relationship()
    raised_by: Mapped[Person | None] = relationship(foreign_keys=[raised_by_id])
    answered_by: Mapped[Person | None] = relationship(foreign_keys=[answered_by_id])

    __mapper_args__ = {"version_id_col": version}


class Feedback(Timestamped, Base):
    """One person's answers to the three questions after a report is published."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("assessment_id", "person_id"),
        *checks("feedback"),
        *(
            CheckConstraint(f"{score} BETWEEN 1 AND 5", name=score)
            for score in ("score_1", "score_2", "score_3")
        ),
    )

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    respondent: Mapped[str] = mapped_column(String(10))  # team or panel
    score_1: Mapped[int]
    score_2: Mapped[int]
    score_3: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")

    assessment: Mapped[Assessment] = relationship()
    person: Mapped[Person] = relationship()


class Action(Timestamped, Base):
    """Something to do about a point. Actions follow the project from phase to phase."""

    __tablename__ = "action"
    __table_args__ = checks("action")

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"), index=True)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("point.id"), index=True)
    # The point's number, so an action from alpha is found again at beta
    # even when the framework version has changed in between.
    point_number: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    owner_name: Mapped[str | None] = mapped_column(String(120))
    due_date: Mapped[date | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    source: Mapped[str] = mapped_column(String(20), default="self_assessment")
    completion_note: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    not_doing_reason: Mapped[str | None] = mapped_column(Text)
    # Checked by a panel (an amber evidence review): who, when, in which review, and what
    # they saw.
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    verified_in_id: Mapped[int | None] = mapped_column(ForeignKey("assessment.id"), index=True)
    verification_evidence: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    closed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship()
    assessment: Mapped[Assessment | None] = relationship(foreign_keys=[assessment_id])
    point: Mapped[Point | None] = relationship()
    owner: Mapped[Person | None] = relationship(foreign_keys=[owner_id])
    verified_by: Mapped[Person | None] = relationship(foreign_keys=[verified_by_id])

    __mapper_args__ = {"version_id_col": version}
