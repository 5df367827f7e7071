"""Rules for what supports a point: its artefacts and the actions in its plan.

Each check returns the problems as ``{field: message}`` in GOV.UK words (empty when
all is well), so a form shows them beside its boxes and a command refuses with them.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from app.rules.links import is_web_link
from app.rules.self_assessment import ACTION_DESCRIPTION_LIMIT, default_due_date

ARTEFACT_KINDS = {
    "research": "Research",
    "prototype": "Prototype",
    "code": "Code",
    "data_protection": "Data protection",
    "accessibility": "Accessibility",
    "performance": "Performance",
    "other": "Other",
}

ARTEFACT_TITLE_LIMIT = 200
ARTEFACT_URL_LIMIT = 2000
OWNER_NAME_LIMIT = 120


def artefact_kind_label(kind: str | None) -> str:
    """The type's name, or the value itself for a type this list does not know."""
    return ARTEFACT_KINDS.get(kind or "", (kind or "").replace("_", " ").capitalize())


def artefact_problems(title: str | None, url: str | None, kind: str | None) -> dict[str, str]:
    """What is wrong with an artefact's title, link and type."""
    problems = {}
    title = (title or "").strip()
    if not title:
        problems["title"] = "Enter a title for the artefact"
    elif len(title) > ARTEFACT_TITLE_LIMIT:
        problems["title"] = f"Title must be {ARTEFACT_TITLE_LIMIT} characters or fewer"
    url = (url or "").strip()
    if not url:
        problems["url"] = "Enter a link to the artefact"
    elif len(url) > ARTEFACT_URL_LIMIT:
        problems["url"] = f"Link must be {ARTEFACT_URL_LIMIT:,} characters or fewer"
    elif not is_web_link(url):
        problems["url"] = "Enter a link that starts with https:// or http://"
    if kind not in ARTEFACT_KINDS:
        problems["kind"] = "Select the type of artefact"
    return problems


def _same(text: str | None) -> str:
    """Text as compared for repeats: spaces and capitals do not make it different."""
    return " ".join((text or "").split()).casefold()


def repeated_artefact_problems(
    title: str | None, url: str | None, on_the_point: Collection[tuple[str, str]]
) -> dict[str, str]:
    """A point does not list the same artefact twice: not one with the same title, nor one
    with the same link, as an artefact it has (``on_the_point`` is their titles and links)."""
    problems = {}
    if _same(title) and _same(title) in {_same(have) for have, _ in on_the_point}:
        problems["title"] = "This point already has an artefact with this title"
    if _same(url) and _same(url) in {_same(have) for _, have in on_the_point}:
        problems["url"] = "This point already has an artefact with this link"
    return problems


def repeated_action_problem(description: str | None, in_the_plan: Collection[str]) -> str | None:
    """A point's plan does not have the same action twice."""
    if _same(description) and _same(description) in {_same(have) for have in in_the_plan}:
        return "This point's plan already has this action"
    return None


def action_description_problem(description: str | None) -> str | None:
    description = (description or "").strip()
    if not description:
        return "Enter what needs to be done"
    if len(description) > ACTION_DESCRIPTION_LIMIT:
        return f"Action must be {ACTION_DESCRIPTION_LIMIT} characters or fewer"
    return None


def action_owner_problem(
    owner_id: int | None, owner_name: str | None, offered_ids: Collection[int]
) -> dict[str, str]:
    """An action is owned by someone offered (an active member of the team) or by someone
    else, named. Anyone else, such as a person who has been deactivated, is refused."""
    if owner_id is None:
        name = (owner_name or "").strip()
        if not name:
            return {"owner_name": "Enter the name of the person who owns the action"}
        if len(name) > OWNER_NAME_LIMIT:
            return {"owner_name": f"Name must be {OWNER_NAME_LIMIT} characters or fewer"}
        return {}
    if owner_id not in offered_ids:
        return {"owner": "Select who owns the action"}
    return {}


def owner_name_problem(owner_id: int | None, typed_name: str | None) -> dict[str, str]:
    """A name typed beside a team member chosen as owner would be dropped without a word:
    the person must say which they meant."""
    if owner_id is not None and (typed_name or "").strip():
        return {
            "owner_name": "Clear the name, or choose “Someone else” as the owner to give "
            "the action to the person you named"
        }
    return {}


def due_date_for(
    typed: date | None, rating: str | None, today: date, current: date | None = None
) -> tuple[date | None, str | None]:
    """The due date an action gets, and what is wrong with it.

    Left blank, an action for a point the team rated amber is due three months from
    today; any other (red, green or not yet rated) needs a date. A new date may not
    be in the past; the date an action already has may stay.
    """
    due = typed if typed is not None else default_due_date(rating, today)
    if due is None:
        return None, "Enter the date the action is due"
    if due < today and due != current:
        return due, "Due date must be today or in the future"
    return due, None


def due_date_hint(rating: str | None, today: date) -> str:
    """What the due date box says about the rule, for the rating the point has been saved with."""
    example = f"For example, 27 3 {today.year + 1}."
    default = default_due_date(rating, today)
    if default is not None:
        return (
            "This point is rated amber: if you leave the date blank, the action will be due "
            f"in 3 months, on {default.day} {default:%B %Y}. {example}"
        )
    if rating == "red":
        return f"This point is rated red, so its actions need a due date. {example}"
    return (
        "Enter a due date. Only an action for a point saved as amber can be left without "
        f"one: it is then due in 3 months. {example}"
    )
