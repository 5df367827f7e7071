"""Frameworks (standards), their versions, points and evidence prompts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, Timestamped, utcnow
from app.models.checks import checks
from app.rules.frameworks import framework_version_name


class Framework(Timestamped, Base):
    __tablename__ = "framework"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(200))
    published: Mapped[date]
    url: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text)
    is_default: Mapped[bool] = mapped_column(default=False)

    versions: Mapped[list[FrameworkVersion]] = relationship(
        back_populates="framework", order_by="FrameworkVersion.number"
    )


class FrameworkVersion(Base):
    __tablename__ = "framework_version"
    __table_args__ = (UniqueConstraint("framework_id", "number"), *checks("framework_version"))

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("framework.id"), index=True)
    number: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    source_file: Mapped[str] = mapped_column(String(200))
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The words this framework's panels rate in: red_amber_green or met_not_met
    # (app.rules.reports.Outcomes). The self-assessment always uses red, amber and green.
    panel_outcomes: Mapped[str] = mapped_column(
        String(20), default="red_amber_green", server_default="red_amber_green"
    )

    framework: Mapped[Framework] = relationship(back_populates="versions")
    points: Mapped[list[Point]] = relationship(
        back_populates="version", order_by="Point.number", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        """The name every page gives this version: "GOV.UK Service Standard, version 1"."""
        return framework_version_name(self.framework.name, self.number)


class Point(Base):
    __tablename__ = "point"
    __table_args__ = (UniqueConstraint("version_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("framework_version.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(500))
    # The panel roles that usually lead on this point (app.rules.panels.PanelRole values).
    lead_roles: Mapped[list[str]] = mapped_column(JSON, default=list)

    version: Mapped[FrameworkVersion] = relationship(back_populates="points")
    prompts: Mapped[list[PointPrompt]] = relationship(
        back_populates="point",
        order_by="(PointPrompt.stage, PointPrompt.position)",
        cascade="all, delete-orphan",
    )


class PointPrompt(Base):
    """What good evidence looks like for a point at one stage (discovery, alpha, beta, live)."""

    __tablename__ = "point_prompt"
    __table_args__ = (UniqueConstraint("point_id", "stage", "position"), *checks("point_prompt"))

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("point.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(300))

    point: Mapped[Point] = relationship(back_populates="prompts")
