"""Small additions to the GOV.UK WTForms widgets, and a faster way to render them all."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable

from flask import current_app
from govuk_frontend_wtf.gov_form_base import GovFormBase
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovDateInput, GovRadioInput
from jinja2 import Environment
from markupsafe import Markup
from wtforms import DateField
from wtforms.validators import StopValidation

from app.rules.dates import parse_date_parts

# govuk-frontend-wtf's templates each import one GOV.UK macro and call it with the params.
_ONE_MACRO = re.compile(
    r"""\s*\{%-?\s*from\s+(['"])(?P<path>[^'"]+)\1\s+import\s+(?P<name>\w+)\s*-?%\}"""
    r"""\s*\{\{-?\s*(?P=name)\(params\)\s*-?\}\}\s*"""
)
_macros: weakref.WeakKeyDictionary[Environment, dict[str, Callable | None]] = (
    weakref.WeakKeyDictionary()
)
_library_render = GovFormBase.render


def govuk_macro(environment: Environment, template: str) -> Callable | None:
    """The GOV.UK macro that govuk-frontend-wtf's ``template`` calls, from its compiled module,
    found once per environment; None if the template does more than call one macro."""
    found = _macros.setdefault(environment, {})
    if template not in found:
        source, _, _ = environment.loader.get_source(environment, template)
        match = _ONE_MACRO.fullmatch(source)
        found[template] = (
            getattr(environment.get_template(match["path"]).module, match["name"])
            if match
            else None
        )
    return found[template]


# A field's HTML depends on nothing but its params, and most fields on a page are drawn with
# the same params on every request (empty boxes, the same choices, the buttons): keep the HTML
# of the last thousand. Emptied when full, which is simple and safe with threads. A field
# holding a long text (an account of evidence) is drawn every time: it is rarely drawn twice.
DRAWN_FIELDS_KEPT = 1000
LONGEST_TEXT_KEPT = 1000
_drawn: dict[tuple, Markup] = {}
_SCALARS = (int, float, bool, type(None))


def _frozen(value: object) -> object:
    """``value`` as a hashable key that tells apart everything a macro can tell apart
    (HTML from text, True from 1, a list from a tuple); TypeError for anything else."""
    kind = type(value)
    if kind is dict:
        return (dict, tuple((key, _frozen(item)) for key, item in value.items()))
    if kind is list or kind is tuple:
        return (kind, tuple(_frozen(item) for item in value))
    if kind is str or kind is Markup:
        if len(value) > LONGEST_TEXT_KEPT:
            raise TypeError("too long to keep")
        return (kind, value)
    if kind in _SCALARS:
        return (kind, value)
    raise TypeError(f"not kept: {kind.__name__}")


def _render_with_compiled_macro(widget: GovFormBase, params: dict) -> Markup:
    environment = current_app.jinja_env
    macro = govuk_macro(environment, widget.template)
    if macro is None:
        return _library_render(widget, params)
    try:
        key = (id(environment), widget.template, _frozen(params))
    except TypeError:
        return Markup(macro(params))
    drawn = _drawn.get(key)
    if drawn is None:
        drawn = Markup(macro(params))
        if len(_drawn) >= DRAWN_FIELDS_KEPT:
            _drawn.clear()
        _drawn[key] = drawn
    return drawn


def render_widgets_with_compiled_macros() -> None:
    """Every GOV.UK WTForms widget calls its macro directly, with the same output.

    govuk-frontend-wtf renders each field through ``render_template`` of a template that
    only imports the field's macro and calls it: a whole template render per field, context
    processors included (17 on a point page, over half the page's time). Calling the macro
    from the macro file's compiled module gives the same HTML for a fraction of the cost.
    """
    GovFormBase.render = _render_with_compiled_macro


class _ItemHints:
    """Give each checkbox or radio item a hint, looked up by its value."""

    def __init__(self, hints: dict[str, str]):
        super().__init__()
        self.hints = hints

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        for item in params["items"]:
            hint = self.hints.get(item["value"])
            if hint:
                item["hint"] = {"text": hint}
        return params


class GovCheckboxesWithHints(_ItemHints, GovCheckboxesInput):
    pass


class GovRadiosWithHints(_ItemHints, GovRadioInput):
    pass


class GovRadiosWithSomeoneElse(GovRadioInput):
    """GOV.UK radios whose last choice stands apart: "or", then that choice (the one whose
    value is ``other``), which reveals a question of its own when chosen. The page gives
    that question's HTML as ``params={"other": {"html": ...}}``. Without JavaScript the
    question is always shown, below its choice."""

    def __init__(self, other: str):
        super().__init__()
        self.other = other

    def map_gov_params(self, field, **kwargs):
        given = kwargs.get("params") or {}
        revealed = given.pop("other", None)
        params = super().map_gov_params(field, **kwargs)
        items = []
        for item in params["items"]:
            if item["value"] == self.other:
                if items:
                    items.append({"divider": "or"})
                if revealed:
                    item["conditional"] = revealed
            items.append(item)
        params["items"] = items
        return params


def choice_list(pairs) -> list:
    """WTForms choices from ``(value, label)`` pairs (WTForms 3.3 warns on bare tuples)."""
    from wtforms.fields.choices import SelectChoice

    return [SelectChoice(str(value), label) for value, label in pairs]


class GovDateField(DateField):
    """A GOV.UK date input (day, month and year boxes) that keeps what was typed.

    ``data`` is the date, or None when the boxes are empty or hold no real
    date; ``problem`` then says what is wrong, in GOV.UK words. With
    ``check=True`` the problem is a validation error; with ``check=False`` the
    form decides when it matters, for pages whose buttons need different fields.
    Months may be typed as numbers or names. A post missing one of the three
    boxes is read as that box left empty, never as an error of the service; a
    post without the boxes at all leaves the date as it was.
    """

    widget = GovDateInput()

    def __init__(self, label=None, validators=None, noun: str = "Date", check=True, **kwargs):
        super().__init__(label, validators, format="%d %m %Y", **kwargs)
        self.noun = noun
        self.check = check
        self.problem: str | None = None

    def process_formdata(self, valuelist):
        if not valuelist:
            # Not sent at all: keep the date the form started with, which the boxes show.
            self.raw_data = None
            return
        # Exactly three boxes, whatever was sent, each no longer than a date part can be.
        self.raw_data = [str(part)[:10] for part in [*valuelist, "", "", ""][:3]]
        try:
            self.data = parse_date_parts(*self.raw_data, self.noun)
        except ValueError as error:
            self.data = None
            self.problem = str(error)

    @property
    def is_empty(self) -> bool:
        return not self.raw_data or not any(part.strip() for part in self.raw_data)

    def pre_validate(self, form):
        if self.check and self.problem:
            raise StopValidation(self.problem)
