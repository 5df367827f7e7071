import re


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/sign-in")
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    page = response.get_data(as_text=True)
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts, "the page should load GOV.UK Frontend"
    for attributes in scripts:
        assert f'nonce="{nonce}"' in attributes


def test_each_response_has_a_new_nonce(client):
    first = client.get("/sign-in").headers["Content-Security-Policy"]
    second = client.get("/sign-in").headers["Content-Security-Policy"]
    assert first != second


def test_other_security_headers(client):
    headers = client.get("/").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"


def test_govuk_frontend_loads_as_a_module_calling_init_all(client):
    page = client.get("/").get_data(as_text=True)
    assert '<script type="module"' in page
    assert "initAll()" in page
