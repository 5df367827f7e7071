"""The programme board: whose view is limited to some directorates, the board's meetings
with the figures as they stood at each, and the API tokens people read the portfolio with."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, utcnow
from app.models.people import Person
from app.models.projects import Directorate


class DirectorateScope(Base):
    """One directorate a person's portfolio is limited to. A person with none of these sees
    the whole programme (as far as their roles allow)."""

    __tablename__ = "directorate_scope"
    __table_args__ = (UniqueConstraint("person_id", "directorate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    directorate_id: Mapped[int] = mapped_column(
        ForeignKey("directorate.id", ondelete="CASCADE"), index=True
    )

    person: Mapped[Person] = relationship()
    directorate: Mapped[Directorate] = relationship()


class BoardMeeting(Timestamped, Base):
    """A meeting of the programme board on a date the organisers record.

    ``figures`` holds the portfolio as it stood on that day (app.rules.portfolio_changes
    snapshot), taken on the day or the first time anyone looks afterwards, and never changed
    after that: what changed since the meeting before is worked out from these.
    """

    __tablename__ = "board_meeting"

    held_on: Mapped[date] = mapped_column(unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    figures: Mapped[dict | None] = mapped_column(JSON)
    figures_taken_at: Mapped[datetime | None]

    recorded_by: Mapped[Person | None] = relationship()


class ApiToken(Base):
    """A token a person reads the API with. Only its hash is kept; the token itself is
    shown once, when an administrator issues it."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    issued_by: Mapped[Person | None] = relationship(foreign_keys=[issued_by_id])
    revoked_by: Mapped[Person | None] = relationship(foreign_keys=[revoked_by_id])


class ProjectStanding(Base):
    """What the board needs of one project's ratings, kept between changes: the ratings of
    its newest settled self-assessment (team's and panel's), when its self-assessment last
    changed, the points its history leaves red, and whether a move past red stands.

    Worked out again, in the same transaction, by every commit that changes the project's
    assessments, answers, panel ratings or phase moves (``app.data.standings``), so the
    board's pages read one row a project instead of every rating ever given. ``facts`` is
    None (or the row missing) until it is first worked out; the board then works it out as
    it reads.
    """

    __tablename__ = "project_standing"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    facts: Mapped[str | None] = mapped_column(Text)  # compact JSON: Standing.stored()
