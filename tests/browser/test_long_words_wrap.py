"""A long link or email address wraps on a 320px screen instead of widening the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import watched_page

LONG_EMAIL = "dataprotectionofficerforthewholecouncil@examplecountycouncil.gov.uk"

ADD_LONG_WORDS = """email => {
  const main = document.querySelector("main");
  const paragraph = document.createElement("p");
  paragraph.className = "govuk-body";
  paragraph.innerHTML = `Write to <a class="govuk-link" href="mailto:${email}">${email}</a>.`;
  main.append(paragraph);
  const link = document.createElement("a");
  link.className = "govuk-link";
  link.href = `https://example.gov.uk/${email}`;
  link.textContent = `https://example.gov.uk/${email}`;
  main.append(link);
}"""


@pytest.fixture
def small_screen(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    with watched_page(context) as page:
        yield page


@pytest.mark.parametrize("path", ["/privacy", "/accessibility"])
def test_long_links_and_email_addresses_wrap(small_screen, path):
    page = small_screen
    page.goto(path)
    page.evaluate(ADD_LONG_WORDS, LONG_EMAIL)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path} is {width}px wide on a 320px screen"
