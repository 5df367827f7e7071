"""Projects, their teams and their history of phases."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, utcnow
from app.models.checks import checks
from app.models.frameworks import Framework
from app.models.people import Person


class Directorate(Timestamped, Base):
    __tablename__ = "directorate"

    name: Mapped[str] = mapped_column(String(120), unique=True)


class Project(Timestamped, Base):
    __tablename__ = "project"
    __table_args__ = checks("project")

    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    key_deliverables: Mapped[str] = mapped_column(Text, default="", server_default="")
    directorate_id: Mapped[int | None] = mapped_column(ForeignKey("directorate.id"), index=True)
    phase: Mapped[str] = mapped_column(String(20), index=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id"), index=True)
    cashable_benefit: Mapped[int | None]  # pounds a year
    non_cashable_benefit: Mapped[str | None] = mapped_column(String(20))  # low, moderate, high
    next_assessment_due: Mapped[date | None]
    # A confidential project's reports are never public: only its team, its panels, the
    # board and administrators read them.
    confidential: Mapped[bool] = mapped_column(default=False, server_default=false())
    version: Mapped[int] = mapped_column(default=1)

    directorate: Mapped[Directorate | None] = relationship()
    framework: Mapped[Framework] = relationship()
    memberships: Mapped[list[TeamMembership]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="TeamMembership.id"
    )

    __mapper_args__ = {"version_id_col": version}


class TeamMembership(Timestamped, Base):
    __tablename__ = "team_membership"
    __table_args__ = (UniqueConstraint("project_id", "person_id"), *checks("team_membership"))

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    team_role: Mapped[str] = mapped_column(String(40))

    project: Mapped[Project] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship()


class PhaseChange(Timestamped, Base):
    """One move of a project from one phase to another: who, when and why."""

    __tablename__ = "phase_change"
    __table_args__ = checks("phase_change")

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    from_phase: Mapped[str | None] = mapped_column(String(20))
    to_phase: Mapped[str] = mapped_column(String(20))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    # Filled in when the team moved on despite red points or open actions from them.
    override_reason: Mapped[str | None] = mapped_column(Text)

    project: Mapped[Project] = relationship()
    changed_by: Mapped[Person | None] = relationship()


class ProgrammeUpload(Base):
    """A programme spreadsheet an administrator uploaded, kept between its preview and
    their confirmation (or for a day at most): its cells as text, never trusted from the
    browser. Importing it deletes it."""

    __tablename__ = "programme_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    cells: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
