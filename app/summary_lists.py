"""GOV.UK summary lists drawn in Python: the same HTML as GOV.UK Frontend's macro, faster.

Like app/tables.py for tables: the check answers page draws a summary card for every
point, and the macro (a block, a namespace and a nested macro call for every row and
link) took about 40% of that page's time. This draws what the macro draws, character
for character, for the parameters this service uses, and hands anything else (an
unknown parameter, a row without a key or a value) to the macro itself. Attributes
always go through GOV.UK's own attributes macro.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from jinja2 import Environment
from markupsafe import Markup, escape

from app.tables import ATTRIBUTES_MACRO, _NotPlain, _shown, indent

SUMMARY_LIST_MACRO = "govuk_frontend_jinja/components/summary-list/macro.html"
LIST_KEYS = frozenset({"rows", "card", "classes", "attributes"})
ROW_KEYS = frozenset({"key", "value", "actions", "classes"})
CONTENT_KEYS = frozenset({"text", "html", "classes"})
ACTIONS_KEYS = frozenset({"items", "classes"})
ACTION_KEYS = frozenset({"href", "text", "html", "visuallyHiddenText", "classes", "attributes"})
CARD_KEYS = frozenset({"title", "actions", "classes", "attributes"})
TITLE_KEYS = frozenset({"text", "html", "classes", "headingLevel"})


def _plain(item: object, keys: frozenset) -> Mapping:
    if type(item) is not dict or not item.keys() <= keys:
        raise _NotPlain
    return item


def _classes(item: Mapping) -> str:
    """``{%- if item.classes %} {{ item.classes }}{% endif %}``."""
    return f" {_shown(item, 'classes')}" if item.get("classes") else ""


def _content(item: Mapping, width: int) -> str:
    """``item.html | safe | trim | indent(width) if item.html else item.text``."""
    if item.get("html"):
        return indent(str(Markup(item["html"])).strip(), width)
    return _shown(item, "text")


def _items(actions: object) -> list:
    """``actions['items']`` when ``actions`` is truthy and has any, else nothing."""
    if not actions:
        return []
    actions = _plain(actions, ACTIONS_KEYS)
    items = actions.get("items")
    if items is None:
        return []
    if type(items) is not list:
        raise _NotPlain
    return [_plain(item, ACTION_KEYS) for item in items]


def _link(action: Mapping, card_title: object, attributes: Callable[[object], str]) -> Markup:
    """``_actionLink(action, cardTitle) | trim``."""
    html = f'<a class="govuk-link{_classes(action)}" href="{_shown(action, "href")}"'
    if action.get("attributes"):
        html += attributes(action["attributes"])
    html += ">"
    if action.get("html"):
        html += indent(str(Markup(action["html"])), 4)
    else:
        html += _shown(action, "text")
    if action.get("visuallyHiddenText") or card_title:
        html += '<span class="govuk-visually-hidden">'
        if action.get("visuallyHiddenText"):
            html += f" {_shown(action, 'visuallyHiddenText')}"
        if card_title:
            if card_title.get("html"):
                html += f" ({indent(str(card_title['html']), 6)})"
            else:
                html += f" ({_shown(card_title, 'text')})"
        html += "</span>"
    return Markup(html + "</a>").strip()


def _list(params: Mapping, card_title: object, attributes: Callable[[object], str]) -> str:
    rows = params.get("rows")
    if rows is None:
        rows = []
    if type(rows) is not list:
        raise _NotPlain
    rows = [_plain(row, ROW_KEYS) if row else None for row in rows]
    row_items = [_items(row.get("actions")) if row else [] for row in rows]
    any_actions = any(row_items)
    parts = [f'<dl class="govuk-summary-list{_classes(params)}"']
    if params.get("attributes"):
        parts.append(attributes(params["attributes"]))
    parts.append(">\n")
    for row, items in zip(rows, row_items, strict=True):
        if not row:
            continue
        if "key" not in row or "value" not in row:
            raise _NotPlain
        key = _plain(row["key"], CONTENT_KEYS)
        value = _plain(row["value"], CONTENT_KEYS)
        no_actions = " govuk-summary-list__row--no-actions" if any_actions and not items else ""
        parts.append(
            f'  <div class="govuk-summary-list__row{no_actions}{_classes(row)}">\n'
            f'    <dt class="govuk-summary-list__key{_classes(key)}">\n'
            f"      {_content(key, 6)}\n"
            "    </dt>\n"
            f'    <dd class="govuk-summary-list__value{_classes(value)}">\n'
            f"      {_content(value, 6)}\n"
            "    </dd>\n"
        )
        if items:
            classes = _classes(row["actions"])
            parts.append(f'    <dd class="govuk-summary-list__actions{classes}">\n')
            if len(items) == 1:
                parts.append(f"{indent(str(_link(items[0], card_title, attributes)), 6, True)}\n")
            else:
                parts.append('      <ul class="govuk-summary-list__actions-list">\n')
                for item in items:
                    parts.append(
                        '        <li class="govuk-summary-list__actions-list-item">\n'
                        f"          {indent(str(_link(item, card_title, attributes)), 8)}\n"
                        "        </li>\n"
                    )
                parts.append("      </ul>\n")
            parts.append("    </dd>\n")
        parts.append("  </div>\n")
    parts.append("</dl>")
    return "".join(parts)


def _card(card: Mapping, content: str, attributes: Callable[[object], str]) -> str:
    title = card.get("title")
    if title:
        title = _plain(title, TITLE_KEYS)
    parts = [f'<div class="govuk-summary-card{_classes(card)}"']
    if card.get("attributes"):
        parts.append(attributes(card["attributes"]))
    parts.append('>\n  <div class="govuk-summary-card__title-wrapper">\n')
    if title:
        level = _shown(title, "headingLevel") if title.get("headingLevel") else "2"
        parts.append(
            f'    <h{level} class="govuk-summary-card__title{_classes(title)}">\n'
            f"      {_content(title, 6)}\n"
            f"    </h{level}>\n"
        )
    items = _items(card.get("actions"))
    if items:
        classes = _classes(card["actions"])
        if len(items) == 1:
            parts.append(
                f'    <div class="govuk-summary-card__actions{classes}">\n'
                f"      {indent(str(_link(items[0], title, attributes)), 4)}\n"
                "    </div>\n"
            )
        else:
            parts.append(f'    <ul class="govuk-summary-card__actions{classes}">\n')
            for item in items:
                parts.append(
                    '      <li class="govuk-summary-card__action">\n'
                    f"        {indent(str(_link(item, title, attributes)), 8)}\n"
                    "      </li>\n"
                )
            parts.append("    </ul>\n")
    parts.append(
        '  </div>\n\n  <div class="govuk-summary-card__content">\n'
        f"    {content.strip()}\n  </div>\n</div>\n"
    )
    return "".join(parts)


def _draw(params: object, attributes: Callable[[object], str]) -> str:
    params = _plain(params, LIST_KEYS)
    card = params.get("card")
    if not card:
        return _list(params, None, attributes).strip()
    card = _plain(card, CARD_KEYS)
    title = card.get("title")
    if title:
        title = _plain(title, TITLE_KEYS)
    summary_list = _list(params, title, attributes).strip()
    return _card(card, indent(summary_list, 4), attributes)


def govuk_summary_list(environment: Environment, params: object) -> Markup:
    """What ``govukSummaryList(params)`` draws."""
    attributes = environment.get_template(ATTRIBUTES_MACRO).module.govukAttributes
    try:
        return Markup(_draw(params, lambda value: str(attributes(value))))
    except _NotPlain:
        return environment.get_template(SUMMARY_LIST_MACRO).module.govukSummaryList(params)


def summary_card(title: str, rows: Iterable[tuple[str, str]], change: str | None = None) -> Markup:
    """A summary card of plain rows, for pages that draw many: what ``govuk_summary_list``
    draws for ``{"card": {"title": {"text": title}, "actions": {"items": [{"href": change,
    "text": "Change"}]}}, "rows": [{"key": {"text": key}, "value": ...}]}`` (no actions
    without ``change``), at a fraction of the cost, as it takes no other parameters and
    builds no dictionaries. Each value is HTML if it is ``Markup`` and text if not.
    """
    title = escape(title)
    parts = [
        '<div class="govuk-summary-card">\n  <div class="govuk-summary-card__title-wrapper">\n'
        f'    <h2 class="govuk-summary-card__title">\n      {title}\n    </h2>\n'
    ]
    if change:
        link = (
            f'<a class="govuk-link" href="{escape(change)}">Change'
            f'<span class="govuk-visually-hidden"> ({title})</span></a>'
        )
        parts.append(
            f'    <div class="govuk-summary-card__actions">\n      {indent(link, 4)}\n    </div>\n'
        )
    parts.append(
        '  </div>\n\n  <div class="govuk-summary-card__content">\n'
        '    <dl class="govuk-summary-list">\n'
    )
    for key, value in rows:
        # As drawn: HTML indented to its place in the row, then the whole list to the card's.
        if isinstance(value, Markup) and value:
            shown = indent(str(value).strip(), 10)
        else:
            shown = indent(str(escape(value)), 4)
        parts.append(
            '      <div class="govuk-summary-list__row">\n'
            '        <dt class="govuk-summary-list__key">\n'
            f"          {indent(str(escape(key)), 4)}\n"
            '        </dt>\n        <dd class="govuk-summary-list__value">\n'
            f"          {shown}\n        </dd>\n      </div>\n"
        )
    parts.append("    </dl>\n  </div>\n</div>\n")
    return Markup("".join(parts))
