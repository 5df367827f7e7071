"""GOV.UK tags and a point's action plan drawn in Python are what the templates drew."""

from datetime import date
from types import SimpleNamespace

import pytest

from app import create_app
from app.data.plans import ListedAction
from app.self_assessment.display import plan_list
from app.tables import indent
from app.tags import action_status_tag, overall_tag, preserved, rating_tag
from config import load_config

# What self_assessment/_plan_list.html was, before plan_list drew it in Python.
PLAN_LIST_TEMPLATE = """{# A point's action plan as a list. #}
{% from "macros/tags.html" import action_status_tag %}
{% from "actions/_macros.html" import owner_words %}
<ul class="govuk-list govuk-list--spaced">
  {% for action in plan %}
    <li>{{ action.description }} ({{ owner_words(action) }}{% if action.due_date %}, due {{ action.due_date | govuk_date }}{% endif %}) {{ action_status_tag(action.status, action.id in overdue_ids) }}</li>
  {% endfor %}
</ul>
"""  # noqa: E501


@pytest.fixture(scope="module")
def app():
    return create_app({**load_config({"APP_ENV": "test"}), "SQLALCHEMY_DATABASE_URI": "sqlite://"})


@pytest.fixture(scope="module")
def macros(app):
    with app.app_context():
        yield app.jinja_env.get_template("macros/tags.html").module


@pytest.mark.parametrize("value", ["green", "amber", "red", None, "", "bogus", "<b>"])
def test_rating_tags_are_the_macros(macros, value):
    assert rating_tag(value) == macros.rating_tag(value)


@pytest.mark.parametrize("value", ["green", "amber", "red", "pending"])
def test_overall_tags_are_the_macros(macros, value):
    assert overall_tag(value) == macros.overall_tag(value)


@pytest.mark.parametrize("status", ["open", "in_progress", "done", "not_doing", "<odd>"])
@pytest.mark.parametrize("overdue", [False, True])
def test_action_status_tags_are_the_macros(macros, status, overdue):
    assert action_status_tag(status, overdue) == macros.action_status_tag(status, overdue)


@pytest.mark.parametrize("text", ["Line one\nline two & <three>", "", None])
def test_preserved_text_is_the_macros(macros, text):
    assert preserved(text) == macros.preserved(text)


def test_a_plan_list_is_what_the_template_drew(app):
    # What the template drew from each action (the person who owns it, or a typed name),
    # beside the plain row the pages now read, its owner already in words.
    drawn_from = [
        SimpleNamespace(
            id=1,
            description="Test & <fix>",
            owner=SimpleNamespace(name="Ann <Lee>"),
            owner_name=None,
            due_date=date(2026, 11, 1),
            status="open",
        ),
        SimpleNamespace(
            id=2,
            description="Another",
            owner=None,
            owner_name="Someone else",
            due_date=None,
            status="in_progress",
        ),
        SimpleNamespace(
            id=3,
            description="Third",
            owner=None,
            owner_name=None,
            due_date=date(2027, 1, 5),
            status="done",
        ),
    ]
    plan = [
        ListedAction(1, 7, 9, "Test & <fix>", "Ann <Lee>", date(2026, 11, 1), "open", "alpha"),
        ListedAction(2, 7, 9, "Another", "Someone else", None, "in_progress", "alpha"),
        ListedAction(3, 7, 9, "Third", None, date(2027, 1, 5), "done", None),
    ]
    with app.test_request_context():
        template = app.jinja_env.from_string(PLAN_LIST_TEMPLATE)
        for overdue in (set(), {1}, {1, 2, 3}):
            assert plan_list(plan, overdue) == template.render(plan=drawn_from, overdue_ids=overdue)


@pytest.mark.parametrize(
    "text",
    ["", "a", "a\n", "\n", "a\r\nb", "a\n\nb\n", "x\x0by\u2028z\x85w\rv", "  lead\n trail  \n"],
)
@pytest.mark.parametrize("width", [0, 4, 6])
@pytest.mark.parametrize("first", [False, True])
def test_indenting_html_is_jinjas_indent(text, width, first):
    from jinja2.filters import do_indent
    from markupsafe import Markup

    assert indent(text, width, first) == str(do_indent(Markup(text), width, first))


@pytest.mark.parametrize("extra", [None, {"who": "the importer"}])
def test_imports_answer_as_jinjas_own(extra):
    """The quicker import gives what Jinja's gives, including when the importing template
    has globals the imported one lacks (Jinja then makes a module that can see them)."""
    from jinja2 import DictLoader, Environment, Template

    from app.templating import QuickImportTemplate

    sources = {
        "macros.html": "{% macro hello() %}Hello {{ who | default('nobody') }}{% endmacro %}",
        "page.html": '{% from "macros.html" import hello %}{{ hello() }} {{ hello() }}',
    }
    drawn = []
    for template_class in (Template, QuickImportTemplate):
        environment = Environment(loader=DictLoader(sources))
        environment.template_class = template_class
        drawn.append(environment.get_template("page.html", globals=extra).render())
    assert drawn[0] == drawn[1]
    assert drawn[1] == ("Hello the importer " * 2 if extra else "Hello nobody " * 2).strip()
