"""Reading and checking the framework files in ``assessments/``.

Nothing here touches the database: ``read_framework_file`` turns one YAML file
into a checked ``FrameworkFile`` or raises ``FrameworkFileError`` naming the
file, the point and the field at fault.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from app.rules.panels import SPECIALIST_ROLES
from app.rules.phases import PROMPT_STAGES
from app.rules.reports import Outcomes

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_PROMPTS, MAX_PROMPTS = 3, 6
LIMITS = {
    "slug": 80,
    "name": 200,
    "short_name": 80,
    "organisation": 200,
    "description": 1000,
    "url": 500,
    "title": 200,
    "summary": 600,
    "prompt": 300,
}


class FrameworkFileError(ValueError):
    def __init__(self, file: str, field: str, message: str, point: int | None = None):
        self.file, self.field, self.point = file, field, point
        where = f"{file}: point {point}: {field}" if point is not None else f"{file}: {field}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class PointData:
    number: int
    title: str
    summary: str
    url: str
    prompts: dict[str, tuple[str, ...]]
    # The panel roles that usually lead on the point (optional in the file).
    leads: tuple[str, ...] = ()


@dataclass(frozen=True)
class FrameworkFile:
    source_file: str
    slug: str
    name: str
    short_name: str
    organisation: str
    published: date
    url: str
    default: bool
    description: str
    points: tuple[PointData, ...]
    # The words its panels rate in (optional in the file; red, amber and green by default).
    panel_outcomes: str = Outcomes.RED_AMBER_GREEN.value

    @property
    def content_hash(self) -> str:
        """A fingerprint of the standard's content, to tell whether it has changed.

        Which framework is the default is the organisation's choice, not part of
        the standard, so moving the default never makes a new version. Nor do the
        notes on how panels work with it (the words they rate in, which roles lead on
        each point): those are updated on the latest version in place.
        """
        data = asdict(self)
        data.pop("source_file")
        data.pop("default")
        data.pop("panel_outcomes")
        for point in data["points"]:
            point.pop("leads")
        data["published"] = self.published.isoformat()
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(encoded).hexdigest()


class _Checker:
    def __init__(self, file: str):
        self.file = file

    def fail(self, field: str, message: str, point: int | None = None):
        raise FrameworkFileError(self.file, field, message, point)

    def text(self, data: dict, field: str, limit_key: str | None = None, point=None) -> str:
        value = data.get(field)
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "is missing or is not text", point)
        value = " ".join(value.split())
        limit = LIMITS[limit_key or field]
        if len(value) > limit:
            self.fail(field, f"must be {limit} characters or fewer", point)
        return value

    def link(self, data: dict, field: str, point=None) -> str:
        value = self.text(data, field, "url", point)
        if not value.startswith("https://"):
            self.fail(field, "must be a link starting https://", point)
        return value


def parse_framework(data: Any, file: str) -> FrameworkFile:
    check = _Checker(file)
    if not isinstance(data, dict):
        check.fail("file", "must be a mapping of fields")
    known = {
        "slug",
        "name",
        "short_name",
        "organisation",
        "published",
        "url",
        "default",
        "description",
        "points",
        "panel_outcomes",
    }
    for key in data:
        if key not in known:
            check.fail(str(key), "is not a field a framework file can have")
    slug = check.text(data, "slug")
    if not SLUG.match(slug):
        check.fail("slug", "must be lowercase letters, digits and hyphens")
    published = data.get("published")
    if not isinstance(published, date):
        check.fail("published", "must be a date written like 2019-06-30")
    if not isinstance(data.get("default"), bool):
        check.fail("default", "must be true or false")
    points_data = data.get("points")
    if not isinstance(points_data, list) or not points_data:
        check.fail("points", "must be a list of at least one point")
    points = tuple(
        _parse_point(check, item, expected) for expected, item in enumerate(points_data, start=1)
    )
    return FrameworkFile(
        source_file=file,
        slug=slug,
        name=check.text(data, "name"),
        short_name=check.text(data, "short_name"),
        organisation=check.text(data, "organisation"),
        published=published,
        url=check.link(data, "url"),
        default=data["default"],
        description=check.text(data, "description"),
        points=points,
        panel_outcomes=_panel_outcomes(check, data),
    )


def _panel_outcomes(check: _Checker, data: dict) -> str:
    value = data.get("panel_outcomes", Outcomes.RED_AMBER_GREEN.value)
    allowed = [outcome.value for outcome in Outcomes]
    if value not in allowed:
        check.fail("panel_outcomes", f"must be one of: {', '.join(allowed)}")
    return value


def _leads(check: _Checker, item: dict, number: int) -> tuple[str, ...]:
    value = item.get("leads", [])
    allowed = [role.value for role in SPECIALIST_ROLES]
    if not isinstance(value, list) or not all(isinstance(role, str) for role in value):
        check.fail("leads", "must be a list of panel roles", number)
    for role in value:
        if role not in allowed:
            check.fail("leads", f"{role!r} is not a panel role: use {', '.join(allowed)}", number)
    if len(set(value)) != len(value):
        check.fail("leads", "names a panel role twice", number)
    return tuple(value)


def _parse_point(check: _Checker, item: Any, expected: int) -> PointData:
    if not isinstance(item, dict):
        check.fail("points", f"entry {expected} must be a mapping of fields")
    number = item.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        check.fail("number", "must be a whole number", expected)
    if number != expected:
        check.fail("number", f"must be {expected}: points are numbered 1, 2, 3 in order", number)
    for key in item:
        if key not in {"number", "title", "summary", "url", "prompts", "leads"}:
            check.fail(str(key), "is not a field a point can have", number)
    prompts_data = item.get("prompts")
    if not isinstance(prompts_data, dict):
        check.fail("prompts", f"must give prompts for {', '.join(PROMPT_STAGES)}", number)
    if set(prompts_data) != set(PROMPT_STAGES):
        check.fail("prompts", f"must have exactly these stages: {', '.join(PROMPT_STAGES)}", number)
    prompts: dict[str, tuple[str, ...]] = {}
    for stage in PROMPT_STAGES:
        entries = prompts_data[stage]
        field = f"prompts.{stage}"
        if not isinstance(entries, list) or not MIN_PROMPTS <= len(entries) <= MAX_PROMPTS:
            check.fail(field, f"must be a list of {MIN_PROMPTS} to {MAX_PROMPTS} prompts", number)
        cleaned = []
        for position, entry in enumerate(entries, start=1):
            if not isinstance(entry, str) or not entry.strip():
                check.fail(f"{field}[{position}]", "must be text", number)
            entry = " ".join(entry.split())
            if len(entry) > LIMITS["prompt"]:
                limit = LIMITS["prompt"]
                check.fail(f"{field}[{position}]", f"must be {limit} characters or fewer", number)
            cleaned.append(entry)
        prompts[stage] = tuple(cleaned)
    return PointData(
        number=number,
        title=check.text(item, "title", point=number),
        summary=check.text(item, "summary", point=number),
        url=check.link(item, "url", point=number),
        prompts=prompts,
        leads=_leads(check, item, number),
    )


def read_framework_file(path: Path) -> FrameworkFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FrameworkFileError(path.name, "file", f"is not valid YAML ({error})") from error
    return parse_framework(data, path.name)


def read_framework_folder(folder: Path) -> list[FrameworkFile]:
    """Every framework file in ``folder``, checked together (unique slugs, one default)."""
    files = [read_framework_file(path) for path in sorted(folder.glob("*.yaml"))]
    if not files:
        raise FrameworkFileError(str(folder), "folder", "has no framework files (*.yaml)")
    seen: dict[str, str] = {}
    for framework in files:
        if framework.slug in seen:
            raise FrameworkFileError(
                framework.source_file, "slug", f"is also used by {seen[framework.slug]}"
            )
        seen[framework.slug] = framework.source_file
    defaults = [f.source_file for f in files if f.default]
    if len(defaults) != 1:
        raise FrameworkFileError(
            str(folder), "default", f"exactly one file must be the default, found {len(defaults)}"
        )
    return files
