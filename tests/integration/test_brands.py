"""The two brands: a council's own service, and a service on GOV.UK."""

import re

import pytest

from app import create_app


def start_page(brand: str) -> tuple[str, object]:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "TESTING": True,
            "BRAND": brand,
            "ORGANISATION_NAME": "Staffordshire County Council",
        }
    )
    client = app.test_client()
    return client.get("/").get_data(as_text=True), client


def test_council_brand_shows_the_organisation_and_no_crown():
    page, _ = start_page("council")
    assert "govuk-generic-header" in page
    assert "Staffordshire County Council" in page
    assert "govuk-header__logotype" not in page
    assert "govuk-footer__crown" not in page
    assert "Crown copyright" not in page
    assert "/assets/council.css" in page
    assert re.search(r"<title>.* - Staffordshire County Council</title>", page)


def test_govuk_brand_shows_the_govuk_header_and_footer():
    page, _ = start_page("govuk")
    assert "govuk-header__logotype" in page
    assert "govuk-footer__crown" in page
    assert "/assets/govuk.css" in page
    assert re.search(r"<title>.* - GOV.UK</title>", page)


@pytest.mark.parametrize("brand", ["council", "govuk"])
def test_every_asset_a_page_asks_for_is_served(brand):
    page, client = start_page(brand)
    assets = set(re.findall(r'(?:href|src)="(/assets/[^"]+)"', page))
    assets |= set(re.findall(r'from "(/assets/[^"]+)"', page))
    assert len(assets) >= 2
    for path in sorted(assets):
        response = client.get(path)
        assert response.status_code == 200, path
        response.close()


def test_council_stylesheet_uses_arial_not_gds_transport():
    _, client = start_page("council")
    css = client.get("/assets/council.css").get_data(as_text=True)
    assert "GDS Transport" not in css
    assert "arial" in css.lower()
    govuk_css = client.get("/assets/govuk.css").get_data(as_text=True)
    assert "GDS Transport" in govuk_css
