"""The framework pages, and loading framework files into the database."""

import dataclasses
from html import unescape

import html5lib
import pytest
import yaml
from sqlalchemy import func, select

from app.cli import FRAMEWORKS_FOLDER
from app.data.frameworks import (
    default_framework,
    framework_by_slug,
    sync_framework,
    sync_frameworks,
)
from app.framework_files import parse_framework, read_framework_file, read_framework_folder
from app.models import Assessment, Framework, FrameworkVersion, Project

GOVUK = "govuk-service-standard"
GOVUK_FILE = FRAMEWORKS_FOLDER / f"{GOVUK}.yaml"
POINT_COUNTS = {
    "GOV.UK Service Standard": 14,
    "Local Government Digital Service Standard": 15,
    "NHS service standard": 17,
}


@pytest.fixture
def govuk_file():
    return read_framework_file(GOVUK_FILE)


@pytest.fixture
def signed_in(signed_in_as):
    return signed_in_as()


def page_text(response) -> str:
    """The page's HTML with entities such as &#39; turned back into characters."""
    return unescape(response.get_data(as_text=True))


def table_rows(page: str) -> list[list[str]]:
    """The text of each body row of the page's table, cell by cell."""
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    return [
        [" ".join("".join(cell.itertext()).split()) for cell in row]
        for row in tree.iter("tr")
        if row.find("td") is not None
    ]


def with_changed_prompt(path, point: int, stage: str, text: str):
    """The framework in ``path`` with one evidence prompt reworded."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["points"][point - 1]["prompts"][stage][0] = text
    return parse_framework(data, path.name)


def version_count(database, slug: str) -> int:
    return database.scalar(
        select(func.count(FrameworkVersion.id)).join(Framework).where(Framework.slug == slug)
    )


def test_the_list_shows_each_framework_its_points_and_the_default(client, signed_in):
    page = client.get("/frameworks/").get_data(as_text=True)
    rows = {row[0]: row for row in table_rows(page)}
    assert set(rows) == {"GOV.UK Service Standard Default", *list(POINT_COUNTS)[1:]}
    counts = {name.removesuffix(" Default"): int(row[2]) for name, row in rows.items()}
    assert counts == POINT_COUNTS
    assert "Default" not in rows["NHS service standard"][0]
    # The default comes first.
    assert table_rows(page)[0][0] == "GOV.UK Service Standard Default"


def test_a_framework_page_lists_every_point_and_its_prompts(client, signed_in, govuk_file):
    page = page_text(client.get(f"/frameworks/{GOVUK}"))
    assert '<h1 class="govuk-heading-l">GOV.UK Service Standard</h1>' in page
    for point in govuk_file.points:
        assert f"{point.number}. {point.title}" in page
        for texts in point.prompts.values():
            for text in texts:
                assert text in page
    assert "Good evidence at discovery" in page
    assert "Good evidence at live" in page


def test_choosing_a_phase_shows_only_its_prompts(client, signed_in, govuk_file):
    page = page_text(client.get(f"/frameworks/{GOVUK}?phase=alpha"))
    first = govuk_file.points[0]
    assert first.prompts["alpha"][0] in page
    assert first.prompts["discovery"][0] not in page
    assert first.prompts["live"][0] not in page
    assert "Good evidence at alpha" in page
    assert "Good evidence at discovery" not in page
    assert '<option value="alpha" selected>' in page


def test_an_unknown_phase_shows_every_phase(client, signed_in, govuk_file):
    page = page_text(client.get(f"/frameworks/{GOVUK}?phase=nonsense"))
    first = govuk_file.points[0]
    assert first.prompts["alpha"][0] in page
    assert first.prompts["discovery"][0] in page


def test_unknown_frameworks_and_versions_are_not_found(client, signed_in):
    assert client.get("/frameworks/no-such-standard").status_code == 404
    assert client.get(f"/frameworks/{GOVUK}?version=99").status_code == 404
    assert client.get(f"/frameworks/{GOVUK}?version=1").status_code == 200
    for odd in ("abc", "\u00b2", "2147483648", "99999999999999999999999", "-1"):
        assert client.get(f"/frameworks/{GOVUK}?version={odd}").status_code == 404, odd


def test_loading_unchanged_files_adds_no_version(database):
    results = sync_frameworks(read_framework_folder(FRAMEWORKS_FOLDER))
    database.commit()
    assert [(r.version, r.changed) for r in results] == [(1, False)] * 3
    assert database.scalar(select(func.count(FrameworkVersion.id))) == 3


def test_a_changed_prompt_makes_a_new_version_which_is_shown(client, signed_in, database):
    changed = with_changed_prompt(GOVUK_FILE, 3, "beta", "A reworded prompt for beta.")
    result = sync_framework(changed)
    database.commit()
    assert (result.version, result.changed) == (2, True)
    assert version_count(database, GOVUK) == 2

    page = page_text(client.get(f"/frameworks/{GOVUK}"))
    assert "GOV.UK Service Standard, version 2, loaded" in page
    assert "A reworded prompt for beta." in page
    assert "Other versions" in page
    assert "GOV.UK Service Standard, version 1, loaded" in page
    earlier = client.get(f"/frameworks/{GOVUK}?version=1").get_data(as_text=True)
    assert "A reworded prompt for beta." not in earlier

    # Loading the same change again adds nothing more.
    assert sync_framework(changed).changed is False
    assert version_count(database, GOVUK) == 2


def test_an_assessment_keeps_the_version_it_began_on(database, govuk_file):
    framework = framework_by_slug(GOVUK)
    first = framework.versions[0]
    project = Project(name="Apply for a blue badge", phase="alpha", framework=framework)
    assessment = Assessment(
        project=project, framework_version=first, phase="alpha", kind="self_assessment"
    )
    database.add_all([project, assessment])
    database.commit()
    first_point_ids = [point.id for point in first.points]

    reworded = "A reworded prompt for alpha."
    sync_framework(with_changed_prompt(GOVUK_FILE, 1, "alpha", reworded))
    database.commit()
    database.expire_all()

    assessment = database.get(Assessment, assessment.id)
    assert assessment.framework_version.number == 1
    assert [point.id for point in assessment.framework_version.points] == first_point_ids
    alpha_prompts = [
        prompt.text
        for prompt in assessment.framework_version.points[0].prompts
        if prompt.stage == "alpha"
    ]
    assert alpha_prompts[0] == govuk_file.points[0].prompts["alpha"][0]
    assert reworded not in alpha_prompts

    latest = database.get(Framework, framework.id).versions[-1]
    assert latest.number == 2
    assert not set(first_point_ids) & {point.id for point in latest.points}


def test_making_another_file_the_default_moves_the_default(client, signed_in, database):
    files = [
        dataclasses.replace(data, default=data.slug == "nhs-service-standard")
        for data in read_framework_folder(FRAMEWORKS_FOLDER)
    ]
    sync_frameworks(files)
    database.commit()

    assert default_framework().slug == "nhs-service-standard"
    flags = dict(database.execute(select(Framework.slug, Framework.is_default)).all())
    assert flags == {
        "govuk-service-standard": False,
        "local-government-digital-service-standard": False,
        "nhs-service-standard": True,
    }
    first = table_rows(client.get("/frameworks/").get_data(as_text=True))[0]
    assert first[0] == "NHS service standard Default"
    # Which framework is the default is not part of any framework's content.
    assert database.scalar(select(func.count(FrameworkVersion.id))) == 3


def test_a_framework_is_called_by_its_full_name_on_every_page(client, database, make_person):
    """One name everywhere: never the short name ("Service Standard") on one page and the full
    name ("GOV.UK Service Standard") on another."""
    from tests.integration.factories import make_project

    me = make_person()
    client.sign_in(me.email)
    project = make_project(database, team=[(me, "service_owner")])
    framework = database.scalar(select(Framework).where(Framework.slug == GOVUK))
    version = framework.versions[0]
    assert version.display_name == "GOV.UK Service Standard, version 1"
    assert framework.short_name != framework.name
    for address in ["/frameworks/", f"/projects/{project.id}", f"/projects/{project.id}/edit"]:
        assert "GOV.UK Service Standard" in page_text(client.get(address)), address
    page = page_text(client.get(f"/frameworks/{GOVUK}"))
    assert "GOV.UK Service Standard, version 1, loaded" in page
    assert ">GOV.UK Service Standard (opens the publisher's website)</a>" in page
    assert f">{framework.short_name} (opens" not in page


def test_assessment_pages_name_the_framework_version_as_every_other_page_does(
    client, database, make_person
):
    from tests.integration.factories import make_project, start_assessment

    me = make_person()
    client.sign_in(me.email)
    project = make_project(database, team=[(me, "service_owner")])
    assessment = start_assessment(database, project, me)
    for address in [
        f"/projects/{project.id}/assessments/",
        f"/projects/{project.id}/assessments/{assessment.id}",
    ]:
        page = page_text(client.get(address))
        assert "GOV.UK Service Standard, version 1" in page, address
        assert "Service Standard, version 1" not in page.replace("GOV.UK Service Standard", "")
