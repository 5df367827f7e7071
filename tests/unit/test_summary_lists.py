"""Summary lists drawn in Python are character for character what GOV.UK's macro draws."""

import pytest
from markupsafe import Markup

from app import create_app
from app.summary_lists import SUMMARY_LIST_MACRO, _draw, govuk_summary_list, summary_card
from app.tables import _NotPlain
from config import load_config

CONTENT_VARIANTS = [
    {"text": "Plain & <escaped>"},
    {"html": Markup("<strong>Markup</strong>")},
    {"html": "  <p>raw html\nover two lines</p>\n\n  "},
    {"html": "", "text": "Empty html falls back to text"},
    {"text": None},
    {"text": 42},
    {},
    {"text": "Classes", "classes": "govuk-!-width-one-half app-<x>"},
    {"text": "No classes", "classes": ""},
]

ACTION_VARIANTS = [
    {"href": "/change?a=1&b=2", "text": "Change"},
    {"href": "/x", "text": "Change", "visuallyHiddenText": "the name & <more>"},
    {"href": "/x", "html": Markup("Remove<br>\nthis")},
    {"href": "/x", "text": "Classes", "classes": "app-link"},
    {"href": "/x", "text": "Attributes", "attributes": {"id": "a-1", "data-x": 'a"b'}},
    {"text": "No href", "visuallyHiddenText": ""},
]

TITLE_VARIANTS = [
    {"text": "1. Understand users & <their needs>"},
    {"html": Markup("<span>Markup\ntitle</span>"), "headingLevel": 3},
    {"text": "Classes", "classes": "app-title"},
    {},
]


def rows(actions):
    """One row for every key and value variant, with the given actions on every other row."""
    return [
        {
            "key": key,
            "value": CONTENT_VARIANTS[-index - 1],
            **({"actions": actions} if index % 2 else {}),
            **({"classes": "app-row"} if index % 3 == 0 else {}),
        }
        for index, key in enumerate(CONTENT_VARIANTS)
    ]


LISTS = [
    {"rows": rows(None)},
    {"rows": [None, *rows({"items": [ACTION_VARIANTS[0]]}), {}]},
    {"rows": rows({"items": ACTION_VARIANTS, "classes": "app-actions"})},
    {"rows": rows({"items": []})},
    {"rows": rows({})},
    {"classes": "govuk-summary-list--no-border", "attributes": {"id": "submitted-rating"}},
    {"attributes": {"aria-labelledby": "artefacts"}, "rows": rows({"items": ACTION_VARIANTS[:2]})},
    {"rows": []},
    {},
    *(
        {
            "card": {"title": title, "actions": {"items": actions}},
            "rows": rows({"items": actions}),
        }
        for title in TITLE_VARIANTS
        for actions in ([], ACTION_VARIANTS[:1], ACTION_VARIANTS)
    ),
    {
        "card": {
            "title": TITLE_VARIANTS[0],
            "actions": {"items": ACTION_VARIANTS[:2], "classes": "app-card-actions"},
            "classes": "app-card",
            "attributes": {"id": "card-1"},
        },
        "classes": "app-list",
        "rows": rows(None),
    },
    {"card": {"actions": {}}, "rows": rows({"items": ACTION_VARIANTS[:1]})},
    {"card": {"title": TITLE_VARIANTS[0], "actions": {}}, "rows": []},
]

# Things this service never passes: the macro draws them (or fails as it would).
UNUSUAL = [
    {"rows": [{"key": {"text": "Key"}, "value": {"text": "v"}, "unknown": 1}]},
    {"rows": [{"key": {"text": "Key"}, "value": {"text": "v", "format": "x"}}]},
    {"rows": ({"key": {"text": "A tuple"}, "value": {"text": "v"}},)},
    {"rows": [], "unknown": True},
]


@pytest.fixture(scope="module")
def app():
    return create_app({**load_config({"APP_ENV": "test"}), "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def by_macro(app, params):
    return app.jinja_env.get_template(SUMMARY_LIST_MACRO).module.govukSummaryList(params)


@pytest.mark.parametrize("params", LISTS + UNUSUAL)
def test_the_html_is_the_macros(app, params):
    with app.app_context():
        drawn = govuk_summary_list(app.jinja_env, params)
        assert isinstance(drawn, Markup)
        assert drawn == by_macro(app, params)


@pytest.mark.parametrize("params", LISTS)
def test_the_usual_parameters_are_drawn_in_python(params):
    """Not handed to the macro, which would make the comparison above prove nothing."""
    _draw(params, lambda value: " attributes")


@pytest.mark.parametrize("params", UNUSUAL)
def test_anything_unusual_goes_to_the_macro(params):
    with pytest.raises(_NotPlain):
        _draw(params, lambda value: " attributes")


def test_the_templates_use_the_python_drawing(app):
    """The templates call it as ``govuk_summary_list``; none call the macro by name."""
    from pathlib import Path

    templates = Path(app.root_path) / "templates"
    callers = [
        path.name
        for path in templates.rglob("*.html")
        if "govukSummaryList(" in path.read_text(encoding="utf-8")
    ]
    assert callers == []


CARD_VALUES = [
    "Plain & <escaped>",
    "Text\nover two lines",
    Markup("<strong>Markup</strong>"),
    Markup('<span class="app-preserve-lines">An account\r\nof\n\nevidence\rand \x0bmore  </span>'),
    Markup("  <p>raw html\n   \nover lines</p>\n\n  "),
    Markup(""),
    "",
    None,
]


@pytest.mark.parametrize("change", [None, "", "/projects/1/points/2?from=check&x=<y>"])
@pytest.mark.parametrize("title", ["1. Understand users & <their needs>", "A title\nover two"])
def test_a_summary_card_is_the_summary_lists(app, title, change):
    """``summary_card`` draws what ``govuk_summary_list`` draws (itself the macro's) for the
    same card, however its values are made."""
    keys = ["Status", "A key & <more>", "Key\nover two lines"]
    rows = [(keys[index % len(keys)], value) for index, value in enumerate(CARD_VALUES)]
    params = {
        "card": {
            "title": {"text": title},
            "actions": {"items": [{"href": change, "text": "Change"}]} if change else {},
        },
        "rows": [
            {
                "key": {"text": key},
                "value": {"html": value} if isinstance(value, Markup) else {"text": value},
            }
            for key, value in rows
        ],
    }
    with app.app_context():
        drawn = summary_card(title, rows, change)
        assert isinstance(drawn, Markup)
        assert drawn == govuk_summary_list(app.jinja_env, params)
        assert drawn == by_macro(app, params)
