"""The framework file format and its checks (no database)."""

import copy
from datetime import date
from pathlib import Path

import pytest
import yaml

from app.framework_files import (
    FrameworkFileError,
    parse_framework,
    read_framework_file,
    read_framework_folder,
)

FOLDER = Path(__file__).resolve().parents[2] / "assessments"


def valid() -> dict:
    prompts = {
        stage: ["One.", "Two.", "Three."] for stage in ("discovery", "alpha", "beta", "live")
    }
    return {
        "slug": "test-standard",
        "name": "Test standard",
        "short_name": "Test",
        "organisation": "Test organisation",
        "published": date(2020, 1, 1),
        "url": "https://example.gov.uk/standard",
        "default": False,
        "description": "A standard for tests.",
        "points": [
            {
                "number": n,
                "title": f"Point {n}",
                "summary": "Summary.",
                "url": f"https://example.gov.uk/standard/{n}",
                "prompts": copy.deepcopy(prompts),
            }
            for n in (1, 2)
        ],
    }


def test_the_shipped_frameworks_are_valid():
    frameworks = {f.slug: f for f in read_framework_folder(FOLDER)}
    assert len(frameworks["govuk-service-standard"].points) == 14
    assert len(frameworks["local-government-digital-service-standard"].points) == 15
    assert len(frameworks["nhs-service-standard"].points) == 17
    assert [f.slug for f in frameworks.values() if f.default] == ["govuk-service-standard"]
    for framework in frameworks.values():
        for point in framework.points:
            for prompts in point.prompts.values():
                assert 3 <= len(prompts) <= 6


def test_the_govuk_titles_match_the_published_standard():
    govuk = read_framework_file(FOLDER / "govuk-service-standard.yaml")
    assert govuk.points[0].title == "Understand users and their needs"
    assert govuk.points[13].title == "Operate a reliable service"
    assert govuk.points[4].url.endswith("point-5-make-sure-everyone-can-use-the-service")


def test_a_valid_framework_parses():
    framework = parse_framework(valid(), "test.yaml")
    assert framework.points[1].prompts["alpha"] == ("One.", "Two.", "Three.")


def test_the_content_hash_ignores_layout_but_not_content():
    first = parse_framework(valid(), "a.yaml")
    rewrapped = valid()
    rewrapped["description"] = "A  standard\nfor tests."
    assert parse_framework(rewrapped, "b.yaml").content_hash == first.content_hash
    changed = valid()
    changed["points"][0]["prompts"]["live"][0] = "Something new."
    assert parse_framework(changed, "a.yaml").content_hash != first.content_hash


def broken(mutate) -> FrameworkFileError:
    data = valid()
    mutate(data)
    with pytest.raises(FrameworkFileError) as caught:
        parse_framework(data, "broken.yaml")
    return caught.value


def test_a_missing_title_names_the_file_point_and_field():
    error = broken(lambda d: d["points"][1].pop("title"))
    assert (error.file, error.point, error.field) == ("broken.yaml", 2, "title")
    assert str(error).startswith("broken.yaml: point 2: title:")


def test_too_few_prompts_is_refused():
    def cut(d):
        d["points"][0]["prompts"]["beta"] = ["Only one."]

    error = broken(cut)
    assert (error.point, error.field) == (1, "prompts.beta")


def test_too_many_prompts_is_refused():
    def add(d):
        d["points"][0]["prompts"]["live"] = [f"P{n}." for n in range(7)]

    assert broken(add).field == "prompts.live"


def test_a_missing_stage_is_refused():
    assert broken(lambda d: d["points"][0]["prompts"].pop("alpha")).field == "prompts"


def test_points_must_be_numbered_in_order():
    def renumber(d):
        d["points"][1]["number"] = 3

    error = broken(renumber)
    assert error.field == "number"
    assert "must be 2" in str(error)


def test_links_must_be_https():
    error = broken(lambda d: d["points"][0].update(url="http://example.gov.uk"))
    assert (error.point, error.field) == (1, "url")


def test_overlong_prompt_is_refused():
    def lengthen(d):
        d["points"][0]["prompts"]["alpha"][0] = "x" * 301

    assert broken(lengthen).field == "prompts.alpha[1]"


def test_unknown_fields_are_refused():
    assert broken(lambda d: d.update(colour="blue")).field == "colour"


def test_slug_format():
    assert broken(lambda d: d.update(slug="Not A Slug")).field == "slug"


def test_published_must_be_a_date():
    assert broken(lambda d: d.update(published="last year")).field == "published"


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("slug: [unclosed\n")
    with pytest.raises(FrameworkFileError, match=r"^bad\.yaml: file: is not valid YAML"):
        read_framework_file(path)


def test_a_folder_needs_exactly_one_default(tmp_path):
    for slug in ("one", "two"):
        data = valid()
        data["slug"] = slug
        (tmp_path / f"{slug}.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(FrameworkFileError, match="exactly one file must be the default"):
        read_framework_folder(tmp_path)


def test_slugs_must_be_unique(tmp_path):
    for name in ("a", "b"):
        data = valid()
        data["default"] = name == "a"
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(FrameworkFileError, match=r"is also used by a\.yaml"):
        read_framework_folder(tmp_path)
