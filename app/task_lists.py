"""GOV.UK task lists drawn in Python: the same HTML as GOV.UK Frontend's macro, faster.

Like app/tables.py and app/summary_lists.py: a self-assessment's task list has a row for
every point, and the macro (a nested macro call, a tag macro and its attributes macro for
every row) cost more than the page's queries. This draws what the macro draws, character
for character, for the parameters this service uses (items with a link, a title, a hint
and a status in words or as a tag), and hands anything else to the macro itself.
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import Environment
from markupsafe import Markup, escape

from app.tables import _NotPlain, indent

TASK_LIST_MACRO = "govuk_frontend_jinja/components/task-list/macro.html"
LIST_KEYS = frozenset({"idPrefix", "items"})
ITEM_KEYS = frozenset({"title", "href", "hint", "status"})
CONTENT_KEYS = frozenset({"text", "html"})
STATUS_KEYS = frozenset({"text", "html", "tag"})
TAG_KEYS = frozenset({"text", "classes"})


def _plain(item: object, keys: frozenset) -> Mapping:
    if type(item) is not dict or not item.keys() <= keys:
        raise _NotPlain
    return item


def _content(item: Mapping, width: int) -> str:
    """``item.html | safe | trim | indent(width) if item.html else item.text``."""
    if item.get("html"):
        return indent(str(Markup(item["html"])).strip(), width)
    return str(escape(item["text"])) if "text" in item else ""


def _tag(tag: Mapping) -> str:
    """``govukTag(tag) | trim | indent(6)`` for a tag with text and classes."""
    classes = f" {escape(tag['classes'])}" if tag.get("classes") else ""
    text = str(escape(tag["text"])) if "text" in tag else ""
    return f'<strong class="govuk-tag{classes}">\n        {text}\n      </strong>'


def _item(item: Mapping, hint_id: str, status_id: str) -> str:
    title = _plain(item.get("title"), CONTENT_KEYS)
    hint = item.get("hint")
    if hint:
        hint = _plain(hint, CONTENT_KEYS)
    status = _plain(item.get("status"), STATUS_KEYS)
    shown = _tag(_plain(status["tag"], TAG_KEYS)) if status.get("tag") else _content(status, 6)
    parts = [
        '  <li class="govuk-task-list__item govuk-task-list__item--with-link">\n'
        '    <div class="govuk-task-list__name-and-hint">\n'
        f'      <a class="govuk-link govuk-task-list__link" href="{escape(item["href"])}"'
        f' aria-describedby="{hint_id + " " if hint else ""}{status_id}">\n'
        f"        {_content(title, 8)}\n"
        "      </a>\n"
    ]
    if hint:
        parts.append(
            f'      <div id="{hint_id}" class="govuk-task-list__hint">\n'
            f"        {_content(hint, 8)}\n"
            "      </div>\n"
        )
    parts.append(
        "    </div>\n"
        f'    <div class="govuk-task-list__status" id="{status_id}">\n'
        f"      {shown}\n"
        "    </div>\n"
        "  </li>"
    )
    return "".join(parts)


def _draw(params: object) -> str:
    params = _plain(params, LIST_KEYS)
    prefix = params.get("idPrefix") or "task-list"
    items = params.get("items")
    if type(items) is not list:
        raise _NotPlain
    parts = ['\n<ul class="govuk-task-list">\n']
    for index, item in enumerate(items, start=1):
        if not item:
            parts.append("\n")
            continue
        item = _plain(item, ITEM_KEYS)
        if not item.get("href") or not item.get("status"):
            raise _NotPlain
        stem = f"{escape(prefix)}-{index}"
        parts.append(_item(item, f"{stem}-hint", f"{stem}-status") + "\n")
    parts.append("</ul>\n")
    return "".join(parts)


def govuk_task_list(environment: Environment, params: object) -> Markup:
    """What ``govukTaskList(params)`` draws."""
    try:
        return Markup(_draw(params))
    except _NotPlain:
        return environment.get_template(TASK_LIST_MACRO).module.govukTaskList(params)
