"""Browser tests: Playwright drives Debian's chromium against a live server.

The server runs in a thread on a database of its own, migrated with the real
migrations and loaded with the frameworks and the demo data, as ``make run`` does.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_migrate import upgrade
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from werkzeug.serving import make_server

from app import create_app
from app.cli import FRAMEWORKS_FOLDER
from app.data.frameworks import sync_frameworks
from app.demo.loader import load_demo
from app.extensions import db
from app.framework_files import read_framework_folder
from tests.conftest import DEMO_PASSWORD, config_for_tests
from tests.databases import fresh_database

CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-sandbox",
    "--disable-gpu",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# No axe rules are switched off.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        pytest.fail("Debian's chromium is needed for browser tests: run `make test`")
    return path


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.visited: set[str] = set()
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

        @app.after_request
        def note_endpoint(response):
            from flask import request

            if request.endpoint and response.status_code < 400:
                self.visited.add(request.endpoint)
            return response

    def start(self):
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    with fresh_database("browser", tmp_path_factory.mktemp("browser-db")) as url:
        app = create_app(config_for_tests(SQLALCHEMY_DATABASE_URI=url, TESTING=False))
        server = LiveServer(app)
        with app.app_context():
            upgrade()
            sync_frameworks(read_framework_folder(FRAMEWORKS_FOLDER))
            db.session.commit()
            load_demo(DEMO_PASSWORD)
            db.session.commit()
        server.start()
        yield server
        server.stop()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    with watched_page(context) as page:
        yield page


@contextmanager
def watched_page(context: BrowserContext) -> Iterator[Page]:
    """A page in ``context`` that fails the test on a script error or a failed asset.

    The context is closed afterwards."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    watch_for_errors(page, errors)
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"the page reported errors: {errors}"


def watch_for_errors(page: Page, errors: list[str]) -> None:
    """Collect script errors and failed assets (pages may fail on purpose; assets never)."""
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )


@pytest.fixture
def page_without_javascript(browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


_axe = Axe()


def _govuk_conditional_reveal(node: dict) -> bool:
    """A GOV.UK radio or checkbox that reveals a question, faulted only for ``aria-expanded``.

    GOV.UK Frontend's JavaScript puts ``aria-expanded`` on such inputs. ARIA does not allow
    it on a radio or checkbox, and axe says so, but GOV.UK keeps it on purpose because screen
    readers announce it (alphagov/govuk-frontend#979, a known issue in #1280). Only this
    finding is set aside: the rule still fails for anything else.
    """
    html = node.get("html", "")
    messages = [item["message"] for key in ("all", "any", "none") for item in node.get(key, [])]
    return (
        ('class="govuk-radios__input"' in html or 'class="govuk-checkboxes__input"' in html)
        and 'aria-controls="conditional-' in html
        and bool(messages)
        and all("aria-expanded" in message for message in messages)
    )


def _set_aside_known_govuk_findings(response: dict) -> None:
    violations = []
    for violation in response["violations"]:
        if violation["id"] == "aria-allowed-attr":
            violation["nodes"] = [
                node for node in violation["nodes"] if not _govuk_conditional_reveal(node)
            ]
        if violation["nodes"]:
            violations.append(violation)
    response["violations"] = violations


def check_accessibility(page: Page) -> None:
    """Fail with axe's report if the page has any WCAG 2.2 A or AA violation.

    axe runs as a script in the page. When the page's JavaScript is off (GOV.UK
    Frontend marks the body once its script has run), axe checks the page as the
    server sent it, in a copy that may run scripts: see ``_page_as_served``.
    """
    if page.locator("body.govuk-frontend-supported").count():
        _run_axe(page, page.url)
        return
    copy = _page_as_served(page, _context_for_copies(page.context.browser))
    try:
        _run_axe(copy, f"{page.url} (without JavaScript)")
    finally:
        copy.close()


_contexts_for_copies: dict[int, BrowserContext] = {}


def _context_for_copies(browser: Browser) -> BrowserContext:
    """One context per browser for the copies, closed with the browser."""
    if id(browser) not in _contexts_for_copies:
        _contexts_for_copies[id(browser)] = browser.new_context()
    return _contexts_for_copies[id(browser)]


def _run_axe(page: Page, name: str) -> None:
    results = _axe.run(page, options=AXE_OPTIONS)
    _set_aside_known_govuk_findings(results.response)
    assert results.violations_count == 0, (
        f"{name} has accessibility problems:\n{results.generate_report()}"
    )


def _page_as_served(page: Page, context: BrowserContext) -> Page:
    """A page in ``context`` showing what ``page`` shows, without its scripts.

    The HTML is served again at the same address, so styles, fonts and images load
    as before, while GOV.UK Frontend's script does not run: the copy is what
    someone without JavaScript sees, and axe can still run in it.
    """
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.DOTALL | re.IGNORECASE)
    address = page.url
    copy = context.new_page()
    copy.route(
        lambda url: url == address,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
    )
    copy.goto(address)
    return copy


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    # Board members start on the portfolio, organisers on the assessments to arrange,
    # everyone else on their projects.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^(Your projects|Portfolio|Assessments to arrange)$")
    )


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sign in")
