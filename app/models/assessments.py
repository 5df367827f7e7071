"""Assessments, the team's answers, evidence, panels, judgements and actions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped
from app.models.checks import checks
from app.models.frameworks import FrameworkVersion, Point
from app.models.people import Person
from app.models.projects import Project


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
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship()
    framework_version: Mapped[FrameworkVersion] = relationship()
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
    __table_args__ = (UniqueConstraint("assessment_id", "point_id"), *checks("answer"))

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
    artefact_links: Mapped[list[ArtefactLink]] = relationship(
        back_populates="answer", cascade="all, delete-orphan"
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
    __tablename__ = "panel_member"
    __table_args__ = (UniqueConstraint("assessment_id", "person_id"),)

    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    panel_role: Mapped[str] = mapped_column(String(40))

    assessment: Mapped[Assessment] = relationship()
    person: Mapped[Person] = relationship()


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
    version: Mapped[int] = mapped_column(default=1)

    assessment: Mapped[Assessment] = relationship()
    point: Mapped[Point] = relationship()

    __mapper_args__ = {"version_id_col": version}


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
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    closed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship()
    assessment: Mapped[Assessment | None] = relationship()
    point: Mapped[Point | None] = relationship()
    owner: Mapped[Person | None] = relationship(foreign_keys=[owner_id])

    __mapper_args__ = {"version_id_col": version}
