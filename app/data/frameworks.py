"""Frameworks in the database: syncing from files, and queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.audit import record
from app.extensions import db
from app.framework_files import FrameworkFile
from app.models import Framework, FrameworkVersion, Point, PointPrompt
from app.rules.frameworks import loaded_summary


@dataclass(frozen=True)
class SyncResult:
    slug: str
    version: int
    changed: bool


def sync_framework(data: FrameworkFile) -> SyncResult:
    """Make the database match one framework file.

    A file whose content is unchanged does nothing. A changed file adds a new
    version; earlier versions stay, so assessments keep the version they began on.
    """
    framework = db.session.scalar(select(Framework).where(Framework.slug == data.slug))
    if framework is None:
        framework = Framework(slug=data.slug)
        db.session.add(framework)
    for field in ("name", "short_name", "organisation", "published", "url", "description"):
        setattr(framework, field, getattr(data, field))
    framework.is_default = data.default
    db.session.flush()

    latest = latest_version(framework.id)
    content_hash = data.content_hash
    if latest is not None and latest.content_hash == content_hash:
        _update_panel_notes(latest, data)
        return SyncResult(data.slug, latest.number, changed=False)

    version = FrameworkVersion(
        framework=framework,
        number=(latest.number + 1) if latest else 1,
        content_hash=content_hash,
        source_file=data.source_file,
        panel_outcomes=data.panel_outcomes,
    )
    version.points = [
        Point(
            number=point.number,
            title=point.title,
            summary=point.summary,
            url=point.url,
            lead_roles=list(point.leads),
            prompts=[
                PointPrompt(stage=stage, position=position, text=text)
                for stage, texts in point.prompts.items()
                for position, text in enumerate(texts, start=1)
            ],
        )
        for point in data.points
    ]
    db.session.add(version)
    db.session.flush()
    record(
        None,
        "loaded",
        "framework_version",
        version.id,
        loaded_summary(version.number, framework.name, data.source_file),
    )
    return SyncResult(data.slug, version.number, changed=True)


def _update_panel_notes(version: FrameworkVersion, data: FrameworkFile) -> None:
    """How panels work with the standard (their words, who leads on each point) is not part
    of its content: a file that changes only these updates the latest version in place."""
    if version.panel_outcomes != data.panel_outcomes:
        version.panel_outcomes = data.panel_outcomes
    leads = {point.number: list(point.leads) for point in data.points}
    for point in version.points:
        wanted = leads.get(point.number, [])
        if list(point.lead_roles or []) != wanted:
            point.lead_roles = wanted


def sync_frameworks(files: list[FrameworkFile]) -> list[SyncResult]:
    results = [sync_framework(data) for data in files]
    # Only one framework is the default; a file no longer marked default gives it up.
    default_slugs = {data.slug for data in files if data.default}
    for framework in db.session.scalars(select(Framework)):
        framework.is_default = framework.slug in default_slugs
    return results


def latest_version(framework_id: int) -> FrameworkVersion | None:
    return db.session.scalar(
        select(FrameworkVersion)
        .where(FrameworkVersion.framework_id == framework_id)
        .order_by(FrameworkVersion.number.desc())
        .limit(1)
    )


def frameworks_in_order() -> list[Framework]:
    """Every framework, the default first, then by name."""
    return list(
        db.session.scalars(
            select(Framework).order_by(Framework.is_default.desc(), Framework.name, Framework.id)
        )
    )


def default_framework() -> Framework | None:
    return db.session.scalar(select(Framework).where(Framework.is_default.is_(True)))


def latest_versions_with_point_counts() -> dict[int, tuple[int, int]]:
    """``{framework_id: (latest version number, number of points)}`` in two queries' worth."""
    latest = (
        select(FrameworkVersion.framework_id, func.max(FrameworkVersion.number).label("number"))
        .group_by(FrameworkVersion.framework_id)
        .subquery()
    )
    rows = db.session.execute(
        select(FrameworkVersion.framework_id, FrameworkVersion.number, func.count(Point.id))
        .join(
            latest,
            (latest.c.framework_id == FrameworkVersion.framework_id)
            & (latest.c.number == FrameworkVersion.number),
        )
        .join(Point, Point.version_id == FrameworkVersion.id)
        .group_by(FrameworkVersion.framework_id, FrameworkVersion.number)
    )
    return {framework_id: (number, points) for framework_id, number, points in rows}


def framework_by_slug(slug: str) -> Framework | None:
    return db.session.scalar(select(Framework).where(Framework.slug == slug))


def version_with_points(framework_id: int, number: int | None = None) -> FrameworkVersion | None:
    """One version (the latest when ``number`` is None) with its points and prompts loaded."""
    query = (
        select(FrameworkVersion)
        .where(FrameworkVersion.framework_id == framework_id)
        .options(selectinload(FrameworkVersion.points).selectinload(Point.prompts))
    )
    if number is None:
        query = query.order_by(FrameworkVersion.number.desc()).limit(1)
    else:
        query = query.where(FrameworkVersion.number == number)
    return db.session.scalar(query)
