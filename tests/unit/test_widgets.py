"""GOV.UK form widgets call their macro directly, and draw exactly what the library draws."""

import copy
from pathlib import Path

import govuk_frontend_wtf
import pytest
from flask import template_rendered
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    FileField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from app import create_app
from app.widgets import GovRadiosWithHints, _library_render, choice_list, govuk_macro
from config import load_config

LIBRARY_TEMPLATES = Path(govuk_frontend_wtf.__file__).parent / "templates"
CHOICES = [("red", "Red <b>"), ("amber", "Amber & co"), ("green", "Green")]


class EveryWidget(FlaskForm):
    class Meta:
        csrf = False

    name = StringField("Name <i>", widget=GovTextInput(), validators=[DataRequired("Enter a name")])
    secret = PasswordField("Password", widget=GovPasswordInput(), description="A hint & more")
    notes = TextAreaField("Notes", widget=GovTextArea(), validators=[Length(max=3)])
    account = TextAreaField("Account", widget=GovCharacterCount())
    colour = SelectField("Colour", widget=GovSelect(), choices=choice_list(CHOICES))
    rating = RadioField(
        "Rating",
        widget=GovRadiosWithHints({"amber": "Fix within <3> months"}),
        choices=choice_list(CHOICES),
        validators=[DataRequired("Select a rating")],
    )
    plain_radio = RadioField("Plain", widget=GovRadioInput(), choices=choice_list(CHOICES))
    kinds = SelectMultipleField("Kinds", widget=GovCheckboxesInput(), choices=choice_list(CHOICES))
    agree = BooleanField("I agree", widget=GovCheckboxInput())
    due = DateField("Due", widget=GovDateInput(), format="%d %m %Y")
    upload = FileField("File", widget=GovFileInput())
    save = SubmitField("Save", widget=GovSubmitInput())


@pytest.fixture(scope="module")
def app():
    return create_app({**load_config({"APP_ENV": "test"}), "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def forms():
    """The form empty, and the form posted with values that fail validation."""
    empty = EveryWidget(formdata=None)
    posted = EveryWidget(
        formdata=MultiDict(
            [
                ("name", ""),
                ("notes", "too <long>"),
                ("account", 'An account with "quotes" & <tags>'),
                ("colour", "amber"),
                ("kinds", "red"),
                ("kinds", "green"),
                ("agree", "y"),
                ("due", "31"),
                ("due", "2"),
                ("due", "2026"),
            ]
        )
    )
    posted.validate()
    return [empty, posted]


PARAMS = [
    {},
    {"params": {"classes": "govuk-!-width-two-thirds", "hint": {"text": "Extra <hint>"}}},
    {"params": {"label": {"classes": "govuk-label--m", "isPageHeading": True}}},
    {
        "params": {
            "fieldset": {"legend": {"text": "Legend", "classes": "govuk-fieldset__legend--s"}}
        }
    },
    {"params": {"preventDoubleClick": True, "attributes": {"data-x": "1"}}, "spellcheck": False},
]


@pytest.mark.parametrize("extra", PARAMS)
def test_every_widget_draws_what_the_library_draws(app, extra):
    with app.test_request_context():
        for form in forms():
            for field in form:
                ours = field(**copy.deepcopy(extra))
                assert isinstance(ours, Markup)
                assert ours.strip(), field.name
                library = Markup(_render_through_library(field, copy.deepcopy(extra)))
                assert ours == library, field.name


def _render_through_library(field, extra):
    """The field drawn by govuk-frontend-wtf's own ``render`` (a whole template render)."""
    from govuk_frontend_wtf.gov_form_base import GovFormBase

    ours = GovFormBase.render
    GovFormBase.render = _library_render
    try:
        return field(**extra)
    finally:
        GovFormBase.render = ours


def test_a_field_is_drawn_without_rendering_a_template(app):
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append(template.name)

    with app.test_request_context(), template_rendered.connected_to(record, app):
        for form in forms():
            for field in form:
                field()
    assert rendered == []


def test_every_template_of_the_library_is_one_macro_call(app):
    """A new version that does more in a template falls back to it; this says so first."""
    names = sorted(path.name for path in LIBRARY_TEMPLATES.glob("*.html"))
    assert names
    for name in names:
        assert govuk_macro(app.jinja_env, f"govuk_frontend_wtf/{name}") is not None, name


def test_templates_are_not_checked_for_changes_in_production():
    app = create_app(
        {
            **load_config({"APP_ENV": "production", "SECRET_KEY": "x" * 32}),
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
        }
    )
    app.debug = True  # as FLASK_DEBUG exported by mistake would make it
    assert app.jinja_env.auto_reload is False


def test_a_field_drawn_twice_with_the_same_params_is_drawn_once(app, monkeypatch):
    from app import widgets

    calls = []
    macro = widgets.govuk_macro(app.jinja_env, "govuk_frontend_wtf/input.html")
    monkeypatch.setattr(widgets, "_drawn", {})
    monkeypatch.setattr(
        widgets, "govuk_macro", lambda env, name: lambda params: calls.append(1) or macro(params)
    )
    with app.test_request_context():
        form = EveryWidget(formdata=None)
        first, second = form.name(), form.name()
        assert first == second
        assert len(calls) == 1
        # Text and HTML are different params, and so are True and 1.
        html = form.name(params={"hint": {"html": Markup("<b>bold</b>")}})
        text = form.name(params={"hint": {"text": "<b>bold</b>"}})
        assert "<b>bold</b>" in html and "&lt;b&gt;bold&lt;/b&gt;" in text
        assert widgets._frozen({"a": True}) != widgets._frozen({"a": 1})
        assert widgets._frozen({"a": Markup("x")}) != widgets._frozen({"a": "x"})


def test_a_long_text_is_drawn_every_time(app):
    from app import widgets

    with pytest.raises(TypeError):
        widgets._frozen({"value": "x" * (widgets.LONGEST_TEXT_KEPT + 1)})
    with pytest.raises(TypeError):
        widgets._frozen({"value": object()})


class Thing:
    caption = "an attribute"

    def __getitem__(self, key):
        return f"item {key}"


@pytest.mark.parametrize(
    ("obj", "name"),
    [
        ({"caption": "a caption"}, "caption"),
        ({"caption": "a caption"}, "missing"),
        ({"items": "an item called items"}, "items"),
        ({"keys": 1, "get": 2}, "get"),
        ({}, "__class__"),
        (type("Sub", (dict,), {"extra": "a class attribute"})(extra="an item"), "extra"),
        (Thing(), "caption"),
        (Thing(), "other"),
        ("a string", "upper"),
        (None, "caption"),
        ([1, 2], "caption"),
    ],
)
def test_attribute_lookups_answer_as_jinja_does(app, obj, name):
    from jinja2 import Environment, Undefined

    ours = app.jinja_env.getattr(obj, name)
    jinjas = Environment.getattr(app.jinja_env, obj, name)
    if isinstance(jinjas, Undefined):
        assert isinstance(ours, Undefined) and type(ours) is type(jinjas)
    else:
        assert ours == jinjas  # bound methods of the same object compare equal


def test_the_application_uses_the_faster_lookup(app):
    assert "getattr" in vars(app.jinja_env)
