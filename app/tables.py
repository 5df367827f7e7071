"""GOV.UK tables drawn in Python: the same HTML as GOV.UK Frontend's table macro, faster.

The macro costs about 50 microseconds a cell in Jinja (a block and a macro call for each
cell's attributes), so a board's list of 74 projects took longer to draw than to query.
This draws the markup the macro draws, character for character, for the parameters this
service uses, and hands anything else (an unknown parameter, a row that is not a list of
mappings) to the macro itself. Attributes always go through GOV.UK's own attributes macro.

A stacked table (the default; ``"stacked": False`` turns it off) adds what narrow screens
need (see macros/tables.html and the stylesheet): the ``app-table--stacked`` class, each
body cell's column name in ``data-label``, and explicit ARIA table roles, so the table is
still a table to screen readers when its rows are laid out as blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from jinja2 import Environment
from markupsafe import Markup, escape

TABLE_MACRO = "govuk_frontend_jinja/components/table/macro.html"
ATTRIBUTES_MACRO = "govuk_frontend_jinja/macros/attributes.html"
TABLE_KEYS = frozenset(
    {"caption", "captionClasses", "classes", "attributes", "head", "rows", "firstCellIsHeader"}
)
CELL_KEYS = frozenset({"text", "html", "format", "classes", "colspan", "rowspan", "attributes"})


class _NotPlain(Exception):
    """The parameters use something this module does not draw: the macro draws them."""


def indent(text: str, width: int, first: bool = False) -> str:
    """Jinja's ``indent`` filter on HTML already made safe, as a plain string.

    The filter on ``Markup`` splits, wraps and escapes every line of it again (a long
    account of evidence has dozens), for the same characters as this gives.
    """
    indention = " " * width
    lines = (text + "\n").splitlines()
    shown = lines.pop(0)
    if lines:
        shown += "\n" + "\n".join(indention + line if line else line for line in lines)
    return indention + shown if first else shown


def _shown(params: Mapping, key: str) -> str:
    """``{{ params.key }}`` under autoescape: nothing when the key is missing."""
    return str(escape(params[key])) if key in params else ""


def _content(cell: Mapping) -> str:
    """``cell.html | safe if cell.html else cell.text``."""
    if cell.get("html"):
        return str(cell["html"])
    return _shown(cell, "text")


def _checked(item: object) -> Mapping:
    if type(item) is not dict or not item.keys() <= CELL_KEYS:
        raise _NotPlain
    return item


def _role(stacked: bool, role: str) -> str:
    return f' role="{role}"' if stacked else ""


def _label(item: Mapping) -> str:
    """A column header's text, for its cells' ``data-label``."""
    if item.get("text"):
        return str(item["text"])
    return Markup(str(item.get("html") or "")).striptags()


def _draw(params: Mapping, attributes: Callable[[object], str], stacked: bool = False) -> str:
    if type(params) is not dict or not params.keys() <= TABLE_KEYS:
        raise _NotPlain
    labels = [_label(_checked(item)) for item in params.get("head") or ()] if stacked else []

    def spans_and_attributes(cell: Mapping) -> str:
        html = ""
        if cell.get("colspan"):
            html += f' colspan="{_shown(cell, "colspan")}"'
        if cell.get("rowspan"):
            html += f' rowspan="{_shown(cell, "rowspan")}"'
        if cell.get("attributes"):
            html += attributes(cell["attributes"])
        return html

    def classes(cell: Mapping, prefix: str) -> str:
        html = ""
        if cell.get("format"):
            html += f" {prefix}--{_shown(cell, 'format')}"
        if cell.get("classes"):
            html += f" {_shown(cell, 'classes')}"
        return html

    parts = ['<table class="govuk-table']
    if stacked:
        parts.append(" app-table--stacked")
    if params.get("classes"):
        parts.append(f" {_shown(params, 'classes')}")
    parts.append('"' + _role(stacked, "table"))
    if params.get("attributes"):
        parts.append(attributes(params["attributes"]))
    parts.append(">\n")
    if params.get("caption"):
        parts.append('  <caption class="govuk-table__caption')
        if params.get("captionClasses"):
            parts.append(f" {_shown(params, 'captionClasses')}")
        parts.append(f'">{_shown(params, "caption")}</caption>\n')
    if params.get("head"):
        parts.append(
            f'  <thead class="govuk-table__head"{_role(stacked, "rowgroup")}>\n'
            f'    <tr class="govuk-table__row"{_role(stacked, "row")}>\n'
        )
        for item in params["head"]:
            item = _checked(item)
            parts.append(
                f'      <th scope="col"{_role(stacked, "columnheader")} class="govuk-table__header'
                f'{classes(item, "govuk-table__header")}"{spans_and_attributes(item)}>'
                f"{_content(item)}</th>\n"
            )
        parts.append("    </tr>\n  </thead>\n")
    parts.append(f'  <tbody class="govuk-table__body"{_role(stacked, "rowgroup")}>\n')
    header_first = bool(params.get("firstCellIsHeader"))
    for row in params.get("rows") or ():
        if not row:
            continue
        if type(row) is not list:
            raise _NotPlain
        parts.append(f'    <tr class="govuk-table__row"{_role(stacked, "row")}>\n')
        for index, cell in enumerate(row):
            cell = _checked(cell)
            common = spans_and_attributes(cell)
            if index < len(labels) and labels[index]:
                common = f' data-label="{escape(labels[index])}"' + common
            if index == 0 and header_first:
                extra = f" {_shown(cell, 'classes')}" if cell.get("classes") else ""
                parts.append(
                    f'      <th scope="row"{_role(stacked, "rowheader")}'
                    f' class="govuk-table__header{extra}"{common}>'
                    f"{_content(cell)}</th>\n"
                )
            else:
                parts.append(
                    f"      <td{_role(stacked, 'cell')}"
                    f' class="govuk-table__cell{classes(cell, "govuk-table__cell")}"'
                    f"{common}>{_content(cell)}</td>\n"
                )
        parts.append("    </tr>\n")
    parts.append("  </tbody>\n</table>\n")
    return "".join(parts)


def govuk_table(environment: Environment, params: object) -> Markup:
    """What ``govukTable(params)`` draws; stacked on narrow screens unless ``"stacked": False``."""
    stacked = True
    if type(params) is dict and "stacked" in params:
        params = dict(params)
        stacked = bool(params.pop("stacked"))
    attributes = environment.get_template(ATTRIBUTES_MACRO).module.govukAttributes
    try:
        return Markup(_draw(params, lambda value: str(attributes(value)), stacked))
    except _NotPlain:
        return environment.get_template(TABLE_MACRO).module.govukTable(params)
