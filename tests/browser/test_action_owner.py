"""An action's owner: a radio for each member of the team, or "Someone else", which reveals
a box for their name (GOV.UK radios with a conditional reveal), with and without JavaScript.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import check_accessibility, sign_in
from tests.browser.test_point_keeps_typed_work import NUMBER, _open_point
from tests.browser.test_self_assessment_journey import fill_date
from tests.conftest import TODAY


def _add_action_page(page: Page, live_server) -> None:
    _open_point(page, live_server)
    page.get_by_role("button", name=re.compile("^Add (an|another) action$")).click()
    expect(page.locator("h1")).to_have_text("Add an action")


def _plan(page: Page):
    return page.locator("#actions ~ dl.govuk-summary-list").first


def _remove(page: Page, description: str) -> None:
    """Take the test's action out again, so the demo point is as the journey expects."""
    row = _plan(page).locator(".govuk-summary-list__row", has_text=description)
    row.get_by_role("button", name=re.compile("^Remove")).click()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("removed")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_choosing_the_owner_of_an_action(browser, live_server, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, "team@example.gov.uk")
        _add_action_page(page, live_server)
        owner = page.get_by_role("group", name="Who owns it?")
        name = page.get_by_label("Name of the person who owns it")
        page.get_by_label("What needs to be done?").fill(f"Check the owner ({javascript})")
        fill_date(page, "When is it due?", TODAY + timedelta(days=20))

        if javascript:
            # The name box shows only once "Someone else" is chosen.
            expect(name).to_be_hidden()
            owner.get_by_label("Someone else").check()
            expect(name).to_be_visible()
            check_accessibility(page)
            # A name typed, then a team member chosen instead: the member, no question.
            name.fill("Dana Ruiz")
            owner.get_by_label("Jordan Ellis").check()
            expect(name).to_be_hidden()
            page.get_by_role("button", name="Add action").click()
            expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
                f"Action added to point {NUMBER}"
            )
            expect(_plan(page)).to_contain_text("Owner: Jordan Ellis.")
        else:
            # Without JavaScript the box is in view below "Someone else"; a name typed
            # beside a team member is asked about, not dropped.
            expect(name).to_be_visible()
            check_accessibility(page)
            owner.get_by_label("Jordan Ellis").check()
            name.fill("Dana Ruiz")
            page.get_by_role("button", name="Add action").click()
            expect(page.locator(".govuk-error-summary")).to_contain_text(
                "Clear the name, or choose “Someone else” as the owner"
            )
            expect(name).to_have_value("Dana Ruiz")
            check_accessibility(page)
            owner.get_by_label("Someone else").check()
            page.get_by_role("button", name="Add action").click()
            expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
                f"Action added to point {NUMBER}"
            )
            expect(_plan(page)).to_contain_text("Owner: Dana Ruiz.")
        _remove(page, f"Check the owner ({javascript})")
    finally:
        context.close()
