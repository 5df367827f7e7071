"""Runs after the other browser tests (files run in name order).

Every GET route must have been reached, with a successful response, by
some browser test, so that no page escapes the accessibility check.
"""

import pytest

# Not pages: machine-readable answers, checked by other tests.
NOT_PAGES = {"static", "main.healthz"}
API = "api."  # the JSON API: tests/integration/test_api.py and test_api_properties.py


def test_every_get_route_was_visited_by_a_browser_test(live_server, request):
    browser_tests = [item for item in request.session.items if "/tests/browser/" in str(item.path)]
    if len(browser_tests) < 10:
        pytest.skip("only part of the browser suite ran; run it whole to check coverage")
    wanted = {
        rule.endpoint
        for rule in live_server.app.url_map.iter_rules()
        if "GET" in rule.methods
        and rule.endpoint not in NOT_PAGES
        and not rule.endpoint.startswith(API)
    }
    assert wanted - live_server.visited == set()
