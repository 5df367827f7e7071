"""What every template can use: navigation, brand, labels and filters."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from app.rules.permissions import ROLE_LABELS, TEAM_ROLE_LABELS, Role
from app.rules.phases import phase_label, programme_word
from app.rules.ratings import RATING_LABELS, Rating

TAG_COLOURS = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--orange",
    "red": "govuk-tag--red",
    "pending": "govuk-tag--grey",
    "not_started": "govuk-tag--grey",
}


def navigation_items() -> list[dict[str, object]]:
    """The service navigation for the signed-in person, marking the current area."""
    if not current_user.is_authenticated:
        return []
    endpoint = request.endpoint or ""
    items = [
        ("Home", "main.home", ("main.home",)),
        ("Frameworks", "frameworks.index", ("frameworks.",)),
    ]
    if Role.ADMINISTRATOR.value in current_user.roles:
        items.append(("People", "admin.people_list", ("admin.",)))
    return [
        {
            "text": text,
            "href": url_for(target),
            "active": any(endpoint.startswith(prefix) for prefix in prefixes),
        }
        for text, target, prefixes in items
    ]


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{suffix}"


def rating_label(value: str | None) -> str:
    if not value:
        return "Not rated"
    return RATING_LABELS.get(Rating(value), value)


def init_templating(app: Flask) -> None:
    @app.context_processor
    def inject() -> dict[str, object]:
        config = current_app.config
        return {
            "service_name": config["SERVICE_NAME"],
            "organisation_name": config["ORGANISATION_NAME"],
            "brand": config["BRAND"],
            "feedback_url": config["FEEDBACK_URL"],
            "navigation_items": navigation_items(),
        }

    app.jinja_env.filters.update(
        {
            "govuk_date": format_date,
            "govuk_datetime": format_datetime,
            "phase_label": phase_label,
            "programme_word": programme_word,
            "rating_label": rating_label,
            "role_label": lambda role: ROLE_LABELS.get(Role(role), role),
            "team_role_label": lambda role: TEAM_ROLE_LABELS.get(role, role),
            "tag_colour": lambda value: TAG_COLOURS.get(value or "pending", "govuk-tag--grey"),
        }
    )
