"""Queries and changes for artefacts: the project's evidence and the points it supports."""

from __future__ import annotations

from sqlalchemy import select

from app.audit import record
from app.data.answers import touch
from app.extensions import db
from app.models import Answer, Artefact, ArtefactLink


def project_artefacts(project_id: int) -> list[Artefact]:
    return list(
        db.session.scalars(
            select(Artefact)
            .where(Artefact.project_id == project_id)
            .order_by(Artefact.title, Artefact.id)
        )
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


