"""Task lists drawn in Python are character for character what GOV.UK's macro draws."""

import pytest
from markupsafe import Markup

from app import create_app
from app.tables import _NotPlain
from app.task_lists import TASK_LIST_MACRO, _draw, govuk_task_list
from config import load_config

HINTS = [
    None,
    {"text": "Plain & <escaped>"},
    {"html": Markup('Owner: Ann. Team\'s rating: <strong class="govuk-tag">Green</strong>')},
    {"html": "  <p>raw html\nover two lines</p>\n\n  "},
]
STATUSES = [
    {"text": "Completed"},
    {"text": "Needs <checking> & more"},
    {"html": Markup("<span>Done\nwell</span>")},
    {"tag": {"text": "In progress", "classes": "govuk-tag--purple"}},
    {"tag": {"text": "Not yet started"}},
    {"tag": {"text": "Carried over from alpha: check it", "classes": "govuk-tag--yellow"}},
]


def items():
    return [
        {
            "title": {"text": f"{index}. Understand users & <their needs>"},
            "href": f"/projects/1/assessments/2/points/{index}?a=1&b=2",
            **({"hint": hint} if hint is not None else {}),
            "status": status,
        }
        for index, (hint, status) in enumerate(
            ((hint, status) for hint in HINTS for status in STATUSES), start=1
        )
    ]


LISTS = [
    {"idPrefix": "points", "items": items()},
    {"items": items()[:3]},
    {"idPrefix": "points", "items": [items()[0], None, items()[1]]},
    {"idPrefix": "points", "items": []},
    {"idPrefix": "a<b", "items": items()[:1]},
]

# Things this service never passes: the macro draws them.
UNUSUAL = [
    {"items": [{"title": {"text": "No link"}, "status": {"text": "Cannot start yet"}}]},
    {"items": items()[:1], "classes": "app-list"},
    {"items": [{**items()[0], "classes": "app-item"}]},
    {"items": [{**items()[0], "status": {"tag": {"text": "x", "attributes": {"id": "y"}}}}]},
    {"items": tuple(items()[:1])},
]


@pytest.fixture(scope="module")
def app():
    return create_app({**load_config({"APP_ENV": "test"}), "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def by_macro(app, params):
    return app.jinja_env.get_template(TASK_LIST_MACRO).module.govukTaskList(params)


@pytest.mark.parametrize("params", LISTS + UNUSUAL)
def test_the_html_is_the_macros(app, params):
    with app.app_context():
        drawn = govuk_task_list(app.jinja_env, params)
        assert isinstance(drawn, Markup)
        assert drawn == by_macro(app, params)


@pytest.mark.parametrize("params", LISTS)
def test_the_usual_parameters_are_drawn_in_python(params):
    """Not handed to the macro, which would make the comparison above prove nothing."""
    _draw(params)


@pytest.mark.parametrize("params", UNUSUAL)
def test_anything_unusual_goes_to_the_macro(params):
    with pytest.raises(_NotPlain):
        _draw(params)


def test_the_self_assessment_task_list_uses_the_python_drawing(app):
    from pathlib import Path

    page = Path(app.root_path) / "templates" / "self_assessment" / "task_list.html"
    text = page.read_text(encoding="utf-8")
    assert "govuk_task_list(" in text
    assert "govukTaskList(" not in text
