"""Tables drawn in Python are character for character what GOV.UK's table macro draws."""

import pytest
from markupsafe import Markup

from app import create_app
from app.tables import TABLE_MACRO, govuk_table
from config import load_config

CELL_VARIANTS = [
    {"text": "Plain & <escaped>"},
    {"html": Markup("<a href='/x'>A link</a>")},
    {"html": "<strong>raw html string</strong>"},
    {"html": "", "text": "Empty html falls back to text"},
    {"text": None},
    {"text": 42},
    {},
    {"text": "Numeric", "format": "numeric"},
    {"text": "Classes", "classes": "govuk-!-width-one-half app-<x>"},
    {"text": "Spans", "colspan": 2, "rowspan": "3"},
    {"text": "Attributes", "attributes": {"id": "cell-1", "data-sort": 'a"b'}},
    {"text": "String attributes", "attributes": ' data-raw="1"'},
    {"text": "Optional", "attributes": {"hidden": {"value": True, "optional": True}}},
    {"text": "Falsy things", "format": "", "classes": None, "colspan": 0, "attributes": {}},
]

TABLES = [
    {"rows": [[{"text": "Only a row"}]]},
    {"caption": "Caption & <more>", "rows": [[{"text": "a"}, {"text": "b"}]]},
    {
        "caption": Markup("<span>Markup caption</span>"),
        "captionClasses": "govuk-table__caption--m",
        "classes": "app-table",
        "attributes": {"id": "projects"},
        "head": CELL_VARIANTS,
        "rows": [CELL_VARIANTS, [], None, CELL_VARIANTS[::-1]],
    },
    {
        "firstCellIsHeader": True,
        "head": [{"text": "Point"}, {"text": "Rating", "format": "numeric"}],
        "rows": [[cell, {"text": "second"}] for cell in CELL_VARIANTS],
    },
    {"head": [], "rows": []},
    {},
]


@pytest.fixture(scope="module")
def app():
    return create_app({**load_config({"APP_ENV": "test"}), "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def by_macro(app, params):
    return app.jinja_env.get_template(TABLE_MACRO).module.govukTable(params)


@pytest.mark.parametrize("params", TABLES)
def test_the_html_is_the_macros(app, params):
    with app.app_context():
        assert govuk_table(app.jinja_env, {**params, "stacked": False}) == by_macro(app, params)


@pytest.mark.parametrize(
    "params",
    [
        {"caption": "An option this module does not know", "unknown": True, "rows": []},
        {"rows": [[{"text": "a cell with an unknown key", "unknown": 1}]]},
        {"rows": [({"text": "a row that is a tuple"},)]},
    ],
)
def test_anything_else_is_drawn_by_the_macro(app, params):
    with app.app_context():
        assert govuk_table(app.jinja_env, params) == by_macro(app, params)


def test_the_shared_table_macro_draws_through_python(app, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "app.tables._draw",
        lambda params, attributes, stacked: calls.append(params) or "<table></table>",
    )
    with app.test_request_context():
        html = app.jinja_env.from_string(
            '{% from "macros/tables.html" import app_table %}{{ app_table(p) }}'
        ).render(p={"caption": "Projects", "rows": [[{"text": "a"}]]})
    assert len(calls) == 1
    assert "<table></table>" in html


def test_a_stacked_table_names_each_cell_s_column_and_keeps_table_roles(app):
    """Narrow screens lay a stacked table's rows out as blocks: each cell carries its column
    name for the stylesheet to show, and ARIA roles keep it a table for screen readers."""
    params = {
        "caption": "Actions",
        "firstCellIsHeader": True,
        "head": [{"text": "Action"}, {"html": Markup("<span>Due</span> date")}, {"text": ""}],
        "rows": [[{"text": "Publish hours"}, {"text": "1 May"}, {"text": "x"}]],
    }
    with app.app_context():
        html = str(govuk_table(app.jinja_env, params))
        plain = by_macro(app, params)
    assert 'class="govuk-table app-table--stacked" role="table"' in html
    assert html.count('role="rowgroup"') == 2 and html.count('role="row"') == 2
    assert '<th scope="col" role="columnheader"' in html
    assert (
        '<th scope="row" role="rowheader" class="govuk-table__header" data-label="Action">' in html
    )
    assert '<td role="cell" class="govuk-table__cell" data-label="Due date">1 May</td>' in html
    assert '<td role="cell" class="govuk-table__cell">x</td>' in html  # no name, no label
    assert "data-label" not in plain and "app-table--stacked" not in plain
