"""An administrator issues an API token in a real browser, sees it once, reads the API with
it, then revokes it and the API refuses it."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, sign_in

BOARD_MEMBER = "Helen Marsh (board@example.gov.uk)"


def call_api(live_server, path: str, secret: str) -> tuple[int, str, dict]:
    """The API asked as a script would: the token in the header, no cookies."""
    request = urllib.request.Request(
        live_server.url + path, headers={"Authorization": f"Bearer {secret}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get_content_type(), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), json.load(error)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_administrator_issues_uses_and_revokes_a_token(browser, live_server, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(10_000)
    name = f"Board dashboard ({'js' if javascript else 'no js'})"
    try:
        sign_in(page, "admin@example.gov.uk")
        # API tokens has its own place in the service navigation.
        page.get_by_role("navigation").get_by_role("link", name="API tokens").click()
        expect(page.locator("h1")).to_have_text("API tokens")
        check_accessibility(page)

        # Nothing chosen: GOV.UK errors, and nothing is issued.
        page.get_by_role("button", name="Issue a token").click()
        expect(page.locator("h1")).to_have_text("Issue an API token")
        check_accessibility(page)
        page.get_by_role("button", name="Issue token").click()
        expect(page).to_have_title(re.compile(r"^Error: Issue an API token"))
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Select the person the token is for")
        expect(summary).to_contain_text("Enter a name for the token")
        check_accessibility(page)

        page.get_by_label("Who is the token for?").select_option(label=BOARD_MEMBER)
        page.get_by_label("Name").fill(name)
        page.get_by_role("button", name="Issue token").click()

        # Shown once, in a banner that says so.
        expect(page.locator("h1")).to_have_text("API token issued")
        banner = page.locator(".govuk-notification-banner--success")
        expect(banner).to_contain_text(f"The token {name} has been issued to Helen Marsh")
        expect(banner).to_contain_text("This is the only time it is shown")
        secret = page.locator("#api-token").inner_text().strip()
        assert secret.startswith("ssa_")
        check_accessibility(page)

        # Reloading issues no other token and no longer shows this one.
        page.reload()
        expect(page.locator("h1")).to_have_text("The token can no longer be shown")
        expect(page.locator("main")).not_to_contain_text(secret)
        check_accessibility(page)

        status, kind, body = call_api(live_server, "/api/v1/portfolio", secret)
        assert (status, kind) == (200, "application/json")
        assert body["headlines"]["projects"] == len(body["projects"]) > 0

        # The list shows the token, never its secret, and when it was last used.
        page.get_by_role("link", name="Back to API tokens").click()
        row = page.get_by_role("row").filter(has_text=name)
        expect(row).to_contain_text("Helen Marsh")
        expect(row).to_contain_text("Active")
        expect(row).not_to_contain_text("Never")
        expect(page.locator("main")).not_to_contain_text(secret)

        row.get_by_role("link", name=re.compile("^Revoke")).click()
        expect(page.locator("h1")).to_have_text(f"Revoke the token {name}?")
        check_accessibility(page)
        page.get_by_role("button", name="Revoke token").click()
        expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
            "has been revoked"
        )
        expect(page.get_by_role("row").filter(has_text=name)).to_contain_text("Revoked")
        check_accessibility(page)

        status, kind, body = call_api(live_server, "/api/v1/portfolio", secret)
        assert (status, kind) == (401, "application/problem+json")
        assert "revoked" in body["detail"]
    finally:
        context.close()
