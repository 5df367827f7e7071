"""Queries and changes for artefacts: the project's evidence and the points it supports."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from app.audit import field_changes, record
from app.data.answers import touch
from app.extensions import db
from app.models import Answer, Artefact, ArtefactLink, Assessment, Point


def project_artefacts(project_id: int) -> list[Artefact]:
    return list(
        db.session.scalars(
            select(Artefact)
            .where(Artefact.project_id == project_id)
            .order_by(Artefact.title, Artefact.id)
        )
    )


def has_other_artefacts(project_id: int, linked_ids) -> bool:
    """Whether the project has an artefact besides those with ids in ``linked_ids``."""
    return db.session.scalar(
        _HAS_OTHER_ARTEFACTS, {"project_id": project_id, "linked_ids": list(linked_ids or ())}
    )


# Built once: the point page asks for it on every request.
_HAS_OTHER_ARTEFACTS = select(
    select(Artefact.id)
    .where(
        Artefact.project_id == bindparam("project_id"),
        Artefact.id.not_in(bindparam("linked_ids", expanding=True)),
    )
    .exists()
)


def add_artefact(
    answer: Answer, project_id: int, title: str, url: str, kind: str, dated, actor_id: int
) -> Artefact:
    artefact = Artefact(
        project_id=project_id,
        title=title.strip(),
        url=url.strip(),
        kind=kind,
        dated=dated,
        added_by_id=actor_id,
    )
    db.session.add(artefact)
    answer.artefact_links.append(ArtefactLink(artefact=artefact))
    touch(answer, actor_id)
    db.session.flush()
    record(
        actor_id,
        "added",
        "artefact",
        artefact.id,
        f"Point {answer.point.number}: added artefact “{artefact.title}”",
        {"url": [None, artefact.url], "type": [None, kind]},
        project_id=project_id,
    )
    return artefact


def attach_artefact(answer: Answer, project_id: int, artefact_id: int, actor_id: int) -> bool:
    artefact = db.session.get(Artefact, artefact_id)
    if artefact is None or artefact.project_id != project_id:
        return False
    if any(link.artefact_id == artefact_id for link in answer.artefact_links):
        return True
    answer.artefact_links.append(ArtefactLink(artefact=artefact))
    touch(answer, actor_id)
    record(
        actor_id,
        "attached",
        "artefact",
        artefact.id,
        f"Point {answer.point.number}: attached artefact “{artefact.title}”",
        project_id=project_id,
    )
    return True


def remove_artefact_link(answer: Answer, project_id: int, link_id: int, actor_id: int) -> bool:
    link = next((link for link in answer.artefact_links if link.id == link_id), None)
    if link is None:
        return False
    title = link.artefact.title
    answer.artefact_links.remove(link)
    touch(answer, actor_id)
    record(
        actor_id,
        "removed",
        "artefact",
        link.artefact_id,
        f"Point {answer.point.number}: removed artefact “{title}” from this point",
        project_id=project_id,
    )
    return True


def artefact_link(answer: Answer, link_id: int) -> ArtefactLink | None:
    """One of the answer's artefact links (already loaded with the answer), by id."""
    return next((link for link in answer.artefact_links if link.id == link_id), None)


def other_points_supported(artefact_id: int, answer: Answer) -> list[int]:
    """The numbers of the other points of the same assessment that the artefact supports."""
    return list(
        db.session.scalars(
            select(Point.number)
            .join(Answer, Answer.point_id == Point.id)
            .join(ArtefactLink, ArtefactLink.answer_id == Answer.id)
            .where(
                ArtefactLink.artefact_id == artefact_id,
                Answer.assessment_id == answer.assessment_id,
                Answer.id != answer.id,
            )
            .order_by(Point.number)
        )
    )


def _artefact_fields(artefact: Artefact) -> dict[str, str | None]:
    return {
        "title": artefact.title,
        "url": artefact.url,
        "type": artefact.kind,
        "date": artefact.dated.isoformat() if artefact.dated else None,
    }


def update_artefact(
    artefact: Artefact, answer: Answer, title: str, url: str, kind: str, dated, actor_id: int
) -> bool:
    """Change the artefact (everywhere it is used); returns whether anything changed."""
    before = _artefact_fields(artefact)
    artefact.title = title.strip()
    artefact.url = url.strip()
    artefact.kind = kind
    artefact.dated = dated
    changes = field_changes(before, _artefact_fields(artefact))
    if not changes:
        return False
    touch(answer, actor_id)
    record(
        actor_id,
        "updated",
        "artefact",
        artefact.id,
        f"Point {answer.point.number}: changed artefact “{artefact.title}”",
        changes,
        project_id=artefact.project_id,
    )
    return True


def statuses_linking(artefact_id: int) -> set[str]:
    """The statuses of the assessments whose points this artefact supports."""
    return set(
        db.session.scalars(
            select(Assessment.status)
            .join(Answer, Answer.assessment_id == Assessment.id)
            .join(ArtefactLink, ArtefactLink.answer_id == Answer.id)
            .where(ArtefactLink.artefact_id == artefact_id)
            .distinct()
        )
    )


def copy_artefact_for_assessment(
    artefact: Artefact, answer: Answer, title: str, url: str, kind: str, dated, actor_id: int
) -> Artefact:
    """Give the answer's assessment its own, changed copy of the artefact: every link from
    that assessment moves to the copy, and the artefact itself (which other assessments
    keep) is left exactly as it was. Nothing changed, nothing is copied."""
    wanted = {
        "title": title.strip(),
        "url": url.strip(),
        "type": kind,
        "date": dated.isoformat() if dated else None,
    }
    if not field_changes(_artefact_fields(artefact), wanted):
        return artefact
    copy = Artefact(
        project_id=artefact.project_id,
        title=title.strip(),
        url=url.strip(),
        kind=kind,
        dated=dated,
        added_by_id=actor_id,
    )
    db.session.add(copy)
    links = db.session.scalars(
        select(ArtefactLink)
        .join(Answer, Answer.id == ArtefactLink.answer_id)
        .where(
            ArtefactLink.artefact_id == artefact.id,
            Answer.assessment_id == answer.assessment_id,
        )
        .order_by(ArtefactLink.id)
    )
    for link in links:
        link.artefact = copy
    touch(answer, actor_id)
    db.session.flush()
    record(
        actor_id,
        "updated",
        "artefact",
        copy.id,
        f"Point {answer.point.number}: changed artefact “{copy.title}” for this "
        f"self-assessment (earlier ones keep “{artefact.title}” as it was)",
        field_changes(_artefact_fields(artefact), _artefact_fields(copy)),
        project_id=artefact.project_id,
    )
    return copy


def artefact_in_project(project_id: int, artefact_id: int) -> Artefact | None:
    """The artefact, only if it belongs to the project."""
    return db.session.scalar(
        select(Artefact).where(Artefact.id == artefact_id, Artefact.project_id == project_id)
    )
