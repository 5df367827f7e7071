"""The accessibility check itself: it must fail on a fault, with JavaScript on or off."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _page_as_served, check_accessibility

# An image with no text alternative: axe's "image-alt" rule fails on it.
FAULTY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>A faulty page</title></head>
<body class="govuk-template__body"><main><h1>A faulty page</h1>
<img src="/assets/images/favicon.svg"></main></body></html>"""


def serve_faulty_page(page) -> None:
    page.route(
        "**/a-faulty-page",
        lambda route: route.fulfill(status=200, content_type="text/html", body=FAULTY_PAGE),
    )
    page.goto("/a-faulty-page")


def test_the_check_fails_on_a_fault_with_javascript(page):
    serve_faulty_page(page)
    with pytest.raises(AssertionError, match="image-alt"):
        check_accessibility(page)


def test_the_check_fails_on_a_fault_without_javascript(page_without_javascript):
    serve_faulty_page(page_without_javascript)
    with pytest.raises(AssertionError, match=r"\(without JavaScript\).*\n(.|\n)*image-alt"):
        check_accessibility(page_without_javascript)


def test_without_javascript_the_check_sees_the_page_as_served(browser, page_without_javascript):
    """The copy axe runs in shows the server's page, styled, with no script having run."""
    page = page_without_javascript
    page.goto("/sign-in")
    context = browser.new_context()
    try:
        copy = _page_as_served(page, context)
        assert copy.url == page.url
        expect(copy.locator("h1")).to_have_text("Sign in to Service Standard assessments")
        expect(copy.locator("body")).not_to_have_class("govuk-frontend-supported")
        # The council brand's stylesheet loaded: Arial, not the browser's serif default.
        font = copy.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
        assert "arial" in font.lower()
    finally:
        context.close()
