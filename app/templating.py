"""What every template can use: navigation, brand, labels and filters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user
from jinja2 import Environment, Template
from jinja2.environment import TemplateModule

from app.clock import LOCAL_TIME
from app.rules.actions import ACTION_SOURCE_LABELS, ACTION_STATUS_LABELS
from app.rules.panels import panel_role_label
from app.rules.permissions import (
    ROLE_LABELS,
    TEAM_ROLE_LABELS,
    Role,
    can_organise_assessments,
    can_view_portfolio,
)
from app.rules.phases import phase_label, programme_word
from app.rules.projects import cashable_words, non_cashable_words, phase_words
from app.rules.ratings import Overall, overall_label
from app.rules.reports import report_status_label
from app.rules.self_assessment import (
    ANSWER_STATUS_LABELS,
    ASSESSMENT_KIND_LABELS,
    ASSESSMENT_STATUS_LABELS,
)
from app.summary_lists import govuk_summary_list
from app.tables import govuk_table
from app.tags import TEMPLATE_GLOBALS, rating_words, tag_colour
from app.task_lists import govuk_task_list
from app.widgets import render_widgets_with_compiled_macros

# The organiser's pages, under "Assessments" in the navigation.
ORGANISER_PAGES = (
    "queue",
    "arrange",
    "arranged",
    "panel",
    "change_seat",
    "brief",
    "feedback",
)

# The administrator's pages about people, under "People" in the navigation.
PEOPLE_PAGES = (
    "admin.people_list",
    "admin.add_person",
    "admin.edit_person",
    "admin.deactivate_person",
    "admin.reactivate_person",
)

# The administrator's pages about API tokens, under "API tokens" in the navigation.
API_TOKEN_PAGES = ("admin.api_token", "admin.issue_api_token", "admin.revoke_api_token")


def navigation_items() -> list[dict[str, object]]:
    """The service navigation for the signed-in person, marking the current area."""
    if not current_user.is_authenticated:
        return []
    endpoint = request.endpoint or ""
    items = [
        (
            "Your projects",
            "main.home",
            (
                "main.home",
                "projects.",
                "self_assessment.",
                "actions.project_actions",
                "actions.action",
                "actions.update",
            ),
        ),
        ("Your actions", "actions.your_actions", ("actions.your_actions",)),
        ("Frameworks", "frameworks.index", ("frameworks.",)),
        # Published reports: everyone signed in reads them (confidential ones only where
        # they may).
        ("Reports", "reports.published", ("reports.published",)),
    ]
    if can_view_portfolio(current_user.roles):
        # The board's pages, first: a board member's home.
        items.insert(0, ("Portfolio", "board.home", ("board.",)))
    if can_organise_assessments(current_user.roles):
        items.append(
            (
                "Assessments",
                "organise.queue",
                tuple(f"organise.{name}" for name in ORGANISER_PAGES),
            )
        )
    if Role.ASSESSOR.value in current_user.roles:
        items.append(("Assessments to review", "panel.review", ("panel.",)))
        items.append(
            (
                "Open panel roles",
                "organise.open_roles",
                ("organise.open_roles", "organise.offer", "organise.conflicts"),
            )
        )
    if Role.ADMINISTRATOR.value in current_user.roles:
        items.append(("People", "admin.people_list", PEOPLE_PAGES))
        items.append(("API tokens", "admin.api_tokens", API_TOKEN_PAGES))
        items.append(("Import the programme", "admin.import_programme", ("admin.import_",)))
    return [
        {
            "text": text,
            "href": url_for(target),
            "active": any(endpoint.startswith(prefix) for prefix in prefixes),
        }
        for text, target, prefixes in items
    ]


def _report_step_due(assessment):
    """A panel assessment's next due step (``app.reports.helpers.due_of``)."""
    from app.reports.helpers import due_of

    return due_of(assessment)


def error_summary(form) -> dict[str, object]:
    """The error summary's parameters, linking date fields to their day box."""
    from govuk_frontend_wtf.main import wtforms_errors
    from wtforms import DateField

    params = wtforms_errors(form)
    date_ids = {f"#{field.id}" for field in form if isinstance(field, DateField)}
    for item in params["errorList"]:
        if item["href"] in date_ids:
            item["href"] += "-day"
    return params


def local_time(value: datetime) -> datetime:
    """``value`` in UK time. A time without a zone (SQLite keeps none) is UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL_TIME)


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local_time(value)
    return f"{value.day} {value:%B %Y}"


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    value = local_time(value)
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{value.day} {value:%B %Y} at {hour}:{value:%M}{suffix}"


_DICT_ATTRIBUTES = frozenset(dir(dict))


# The name tests and older code know the rating's words by.
rating_label = rating_words


def faster_getattr(environment: Environment):
    """Jinja's ``environment.getattr`` (``params.caption``), the same answers, faster for dicts.

    Jinja tries the attribute first and the item second, so every ``params.caption`` on a
    dict raised and caught an AttributeError; GOV.UK's macros do that dozens of times a
    field. A dict's attributes are its methods, known in advance: look those up as
    attributes, anything else as an item, as Jinja would end up doing.
    """
    slow = environment.getattr

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return environment.undefined(obj=obj, name=attribute)
        return slow(obj, attribute)

    return getattr_


class QuickImportTemplate(Template):
    """A Jinja template whose ``{% from ... import ... %}`` costs what it should.

    Every import asks whether the importing template has globals the imported one lacks,
    as ``context keys - template.globals.keys()``: a set minus a ChainMap's keys view,
    answered one Python-level lookup at a time (about 45 microseconds, and a page imports
    GOV.UK macros dozens of times). ``set.difference`` gives the same answer in a fraction
    of that. Everything else is Jinja's own ``_get_default_module``.
    """

    def _get_default_module(self, ctx=None) -> TemplateModule:
        if ctx is not None and not self.environment.is_async:
            keys = ctx.globals_keys.difference(self.globals)
            if keys:
                return self.make_module({key: ctx.parent[key] for key in keys})
            if self._module is None:
                self._module = self.make_module()
            return self._module
        return super()._get_default_module(ctx)


def init_templating(app: Flask) -> None:
    app.jinja_env.template_class = QuickImportTemplate
    render_widgets_with_compiled_macros()
    app.jinja_env.getattr = faster_getattr(app.jinja_env)
    if app.config["APP_ENV"] == "production":
        # Templates never change under a running server: never check their files for changes.
        app.config["TEMPLATES_AUTO_RELOAD"] = False
        app.jinja_env.auto_reload = False

    @app.context_processor
    def inject() -> dict[str, object]:
        config = current_app.config
        return {
            "service_name": config["SERVICE_NAME"],
            "organisation_name": config["ORGANISATION_NAME"],
            "brand": config["BRAND"],
            "feedback_url": config["FEEDBACK_URL"],
            "contact_email": config["CONTACT_EMAIL"],
            "data_protection_email": config["DATA_PROTECTION_EMAIL"],
            "navigation_items": navigation_items(),
            "can": g.get("can"),
        }

    app.jinja_env.globals["error_summary"] = error_summary
    app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    app.jinja_env.globals["govuk_table"] = partial(govuk_table, app.jinja_env)
    app.jinja_env.globals["govuk_summary_list"] = partial(govuk_summary_list, app.jinja_env)
    app.jinja_env.globals["govuk_task_list"] = partial(govuk_task_list, app.jinja_env)
    app.jinja_env.filters.update(
        {
            "govuk_date": format_date,
            "govuk_datetime": format_datetime,
            "phase_label": phase_label,
            "programme_word": programme_word,
            "phase_words": phase_words,
            "cashable_words": cashable_words,
            "non_cashable_words": non_cashable_words,
            "rating_label": rating_words,
            "role_label": lambda role: ROLE_LABELS.get(Role(role), role),
            "team_role_label": lambda role: TEAM_ROLE_LABELS.get(role, role),
            "tag_colour": tag_colour,
            "overall_label": lambda value: overall_label(Overall(value)),
            "answer_status_label": lambda value: ANSWER_STATUS_LABELS.get(value, value),
            "assessment_status_label": lambda value: ASSESSMENT_STATUS_LABELS.get(value, value),
            "assessment_kind_label": lambda value: ASSESSMENT_KIND_LABELS.get(value, value),
            "action_status_label": lambda value: ACTION_STATUS_LABELS.get(value, value),
            "action_source_label": lambda value: ACTION_SOURCE_LABELS.get(value, value),
            "panel_role_words": panel_role_label,
            "report_status_words": report_status_label,
            "report_step_due": _report_step_due,
        }
    )
