"""Every page an administrator can reach is well-formed, in the same ways.

html5lib parses each page the way a browser does and records every parse
error; GOV.UK Frontend's markup produces none, so any error is ours.
"""

import re
from collections import Counter

import html5lib
import pytest

from app.rules.permissions import Role

TITLE_ENDING = " - Service Standard assessments - Example County Council"

SIGNED_OUT_PAGES = ["/", "/sign-in", "/accessibility", "/privacy", "/cookies", "/no-such-page"]
ADMINISTRATOR_PAGES = [
    "/home",
    "/frameworks/",
    "/frameworks/govuk-service-standard",
    "/frameworks/govuk-service-standard?phase=alpha",
    "/admin/people",
    "/admin/people/add",
    "/admin/people/{me}/edit",
    "/admin/people/{other}/edit",
    "/admin/people/{other}/deactivate",
    "/accessibility",
    "/privacy",
    "/cookies",
]


def parse(response):
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    document = parser.parse(response.get_data(as_text=True))
    errors = [
        html5lib.constants.E.get(code, code) % (data or {}) for _, code, data in parser.errors
    ]
    return document, errors


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def check_page(response) -> None:
    assert response.status_code in (200, 404, 409)
    document, errors = parse(response)
    assert errors == []

    assert document.get("lang") == "en"
    title = text_of(document.find("head/title"))
    assert title.endswith(TITLE_ENDING)
    assert title.removesuffix(TITLE_ENDING).strip()

    headings = document.findall(".//h1")
    assert len(headings) == 1
    assert text_of(headings[0])

    ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
    assert [name for name, count in ids.items() if count > 1] == []
    for label in document.iter("label"):
        if label.get("for"):
            assert label.get("for") in ids, f"label for missing id {label.get('for')}"
    for element in document.iter():
        for described_by in (element.get("aria-describedby") or "").split():
            assert described_by in ids, f"aria-describedby names missing id {described_by}"

    for form in document.iter("form"):
        if (form.get("method") or "get").lower() == "post":
            tokens = [
                field
                for field in form.iter("input")
                if field.get("name") == "csrf_token" and field.get("type") == "hidden"
            ]
            assert len(tokens) == 1, f"form posting to {form.get('action')} has no CSRF token"
            assert tokens[0].get("value")

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = list(document.iter("script"))
    assert scripts
    for script in scripts:
        assert script.get("nonce") == nonce

    skip_links = [
        link
        for link in document.iter("a")
        if "govuk-skip-link" in (link.get("class") or "").split()
    ]
    assert [link.get("href") for link in skip_links] == ["#main-content"]
    assert document.find(".//main").get("id") == "main-content"


@pytest.mark.parametrize("url", SIGNED_OUT_PAGES)
def test_pages_for_people_who_are_signed_out(client, url):
    check_page(client.get(url))


@pytest.mark.parametrize("url", ADMINISTRATOR_PAGES)
def test_pages_for_an_administrator(client, signed_in_as, make_person, url):
    me = signed_in_as(Role.ADMINISTRATOR)
    other = make_person([Role.ASSESSOR])
    response = client.get(url.format(me=me.id, other=other.id))
    assert response.status_code == 200
    check_page(response)


def test_a_form_with_errors_is_well_formed_too(client, signed_in_as):
    signed_in_as(Role.ADMINISTRATOR)
    response = client.submit("/admin/people/add", {"name": "", "email": "nonsense", "password": ""})
    check_page(response)
    document, _ = parse(response)
    summary = next(
        element
        for element in document.iter("div")
        if "govuk-error-summary" in (element.get("class") or "").split()
    )
    # Each link in the error summary goes to the field at fault.
    links = [link.get("href") for link in summary.iter("a")]
    assert links == ["#name", "#email", "#password"]
    ids = {element.get("id") for element in document.iter()}
    assert all(href[1:] in ids for href in links)
