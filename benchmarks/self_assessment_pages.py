"""Time the self-assessment pages and count their SQL queries as the evidence grows.

Seeds one project per volume (artefacts and actions per point) in a fresh,
migrated database, signs in through the real sign-in form as a team member,
and requests the task list, check-answers and one point page many times each.
It fails (exit status 1) if a page's query count is not the same at every
volume: a page must not make a query per row it lists.

    .venv/bin/python -m benchmarks.self_assessment_pages [--runs 30] [--json PATH]

``benchmarks/README.md`` explains the options and the figures.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from flask import Flask, url_for
from flask_migrate import upgrade
from sqlalchemy import event, select
from sqlalchemy.engine import Engine, make_url

from app import clock, create_app
from app.cli import FRAMEWORKS_FOLDER
from app.data.assessments import start_self_assessment
from app.data.frameworks import sync_frameworks
from app.data.people import create_person, hash_password
from app.extensions import db
from app.framework_files import read_framework_folder
from app.models import (
    Action,
    Artefact,
    ArtefactLink,
    Directorate,
    Framework,
    Person,
    Project,
    TeamMembership,
)
from config import normalise_database_url
from tests.databases import fresh_database_beside

DEFAULT_VOLUMES = "0x0,2x1,10x5"
FRAMEWORK_SLUG = "govuk-service-standard"
PASSWORD = "benchmark-password-2026"
CSRF_FIELD = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"'
)
RATINGS = ("green", "amber", "red")
ARTEFACT_KINDS = (
    "research",
    "prototype",
    "code",
    "data_protection",
    "accessibility",
    "performance",
    "other",
)
TEAM = (
    ("Priya Shah", "priya.shah", "service_owner"),
    ("Tom Ellis", "tom.ellis", "delivery_manager"),
    ("Ana Costa", "ana.costa", "member"),
    ("Sam Okafor", "sam.okafor", "member"),
)
EVIDENCE_SENTENCES = (
    "We ran twelve contextual interviews with residents who applied in the last year.",
    "Most of them started on a phone and several gave up at the upload step.",
    "We tested three rounds of the prototype with people who use screen readers and magnifiers.",
    "The caseworkers in the contact centre reviewed every change before we made it.",
    "Our performance analyst set up a dashboard showing completion rate and drop-out by page.",
    "We published the code in the open and the repository explains how to run it locally.",
    "A data protection impact assessment was agreed with the information governance team.",
    "The accessibility audit found four issues and we fixed all of them before private beta.",
    "We mapped the whole journey from finding out about the service to getting a decision.",
    "Paper forms still account for about a third of applications, so we kept an assisted route.",
    "The service owner has the authority to make decisions about scope and priorities.",
    "We spent two days shadowing staff who process applications to see where time is lost.",
    "Our content designer rewrote the eligibility questions after the second research round.",
    "We chose common components from the design system and contributed one pattern back.",
    "Hosting costs are forecast for three years and the budget holder has signed them off.",
    "We agreed with the supplier that the team owns the backlog and the roadmap.",
)
ACTION_STARTS = (
    "Run another round of research with",
    "Fix the issues the audit found on",
    "Agree a plan with the information governance team for",
    "Publish the performance figures for",
    "Test the assisted digital route for",
    "Write up the decision record for",
)
ACTION_ENDS = (
    "people who apply on behalf of someone else",
    "the upload and check your answers pages",
    "the data shared with the contact centre",
    "completion rate and cost per transaction",
    "residents without internet access at home",
    "the choice of hosting and the exit plan",
)


class BenchmarkError(RuntimeError):
    """The benchmark could not measure what it set out to (a page failed, data is missing)."""


@dataclass(frozen=True, order=True)
class Volume:
    """How much each of the 14 points carries."""

    artefacts: int
    actions: int

    @property
    def label(self) -> str:
        return f"{self.artefacts} artefacts, {self.actions} actions per point"


@dataclass
class Seeded:
    volume: Volume
    project_id: int
    assessment_id: int
    point_count: int
    artefact_urls: dict[int, list[str]] = field(default_factory=dict)
    action_texts: dict[int, list[str]] = field(default_factory=dict)

    @property
    def links(self) -> int:
        return sum(len(urls) for urls in self.artefact_urls.values())

    @property
    def actions(self) -> int:
        return sum(len(texts) for texts in self.action_texts.values())


@dataclass
class Result:
    page: str
    artefacts_per_point: int
    actions_per_point: int
    artefact_links: int
    actions: int
    runs: int
    median_ms: float
    p95_ms: float
    queries: int
    query_counts_seen: list[int]


# --- The database -----------------------------------------------------------------------------


def database_base_url() -> str | None:
    for name in ("BENCH_DATABASE_URL", "TEST_DATABASE_URL"):
        value = os.environ.get(name, "").strip()
        if value:
            return normalise_database_url(value)
    return None


@contextmanager
def bench_database(folder: Path) -> Iterator[str]:
    """An empty database of its own: a SQLite file in ``folder``, or a new PostgreSQL
    database beside the one BENCH_DATABASE_URL or TEST_DATABASE_URL names, dropped after."""
    base = database_base_url()
    if base is None:
        with fresh_database_beside(None, "bench", folder) as url:
            yield url
        return
    if make_url(base).get_backend_name() != "postgresql":
        raise BenchmarkError(f"Only SQLite and PostgreSQL are supported, not {base}")
    with fresh_database_beside(base, "bench", folder) as url:
        yield url


def prepare(app: Flask) -> None:
    """The real migrations, then the frameworks from ``assessments/``."""
    with app.app_context():
        upgrade()
        sync_frameworks(read_framework_folder(FRAMEWORKS_FOLDER))
        db.session.commit()


def database_label(app: Flask) -> str:
    with app.app_context():
        dialect = db.engine.dialect
        if dialect.name == "sqlite":
            import sqlite3

            return f"SQLite {sqlite3.sqlite_version}"
        with db.engine.connect() as connection:
            version = connection.exec_driver_sql("SHOW server_version").scalar()
        return f"PostgreSQL {version}"


# --- Seeding ----------------------------------------------------------------------------------


def paragraph_text(rng: random.Random, length: int) -> str:
    """Evidence of about ``length`` characters, in paragraphs of whole sentences."""
    paragraphs, sentences, size = [], [], 0
    while size < length:
        sentence = rng.choice(EVIDENCE_SENTENCES)
        sentences.append(sentence)
        size += len(sentence) + 1
        if len(sentences) >= rng.randint(3, 5):
            paragraphs.append(" ".join(sentences))
            sentences = []
    if sentences:
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def seed_people() -> tuple[Person, list[Person]]:
    """The team member who signs in, and the rest of the team (who never sign in)."""
    me = create_person("Benchmark Team Member", "bench@example.gov.uk", [], password=PASSWORD)
    unusable = hash_password(os.urandom(16).hex())
    team = [
        create_person(name, f"{email}@example.gov.uk", [], password_hash=unusable)
        for name, email, _role in TEAM
    ]
    db.session.commit()
    return me, team


def seed_project(volume: Volume, me: Person, team: list[Person], rng: random.Random) -> Seeded:
    """A project with a self-assessment whose every point carries ``volume``."""
    framework = db.session.scalar(select(Framework).where(Framework.slug == FRAMEWORK_SLUG))
    if framework is None:
        raise BenchmarkError(f"The framework {FRAMEWORK_SLUG} is not in assessments/")
    directorate = db.session.scalar(select(Directorate).where(Directorate.name == "Benchmarks"))
    project = Project(
        name=f"Benchmark: {volume.label}",
        description=paragraph_text(rng, 300),
        directorate=directorate or Directorate(name="Benchmarks"),
        phase="alpha",
        framework=framework,
    )
    project.memberships = [TeamMembership(person=me, team_role="member")] + [
        TeamMembership(person=person, team_role=role)
        for person, (_name, _email, role) in zip(team, TEAM, strict=True)
    ]
    db.session.add(project)
    db.session.flush()

    assessment = start_self_assessment(project, me.id)
    seeded = Seeded(volume, project.id, assessment.id, len(assessment.answers))
    today = clock.today()
    for answer in sorted(assessment.answers, key=lambda item: item.point.number):
        number = answer.point.number
        rating = RATINGS[number % len(RATINGS)]
        answer.evidence_account = paragraph_text(rng, rng.randint(300, 2000))
        answer.self_rating = rating
        answer.owner_id = team[number % len(team)].id
        answer.status = "completed" if rating == "green" or volume.actions else "in_progress"
        urls, texts = [], []
        for k in range(volume.artefacts):
            url = f"https://evidence.example.gov.uk/{project.id}/point-{number}/artefact-{k + 1}"
            answer.artefact_links.append(
                ArtefactLink(
                    artefact=Artefact(
                        project_id=project.id,
                        title=f"Point {number} evidence {k + 1}: "
                        + rng.choice(EVIDENCE_SENTENCES)[:120],
                        url=url,
                        kind=ARTEFACT_KINDS[k % len(ARTEFACT_KINDS)],
                        dated=today - timedelta(days=rng.randint(1, 300)),
                        added_by_id=me.id,
                    )
                )
            )
            urls.append(url)
        for k in range(volume.actions):
            text = (
                f"{rng.choice(ACTION_STARTS)} {rng.choice(ACTION_ENDS)}, "
                f"as agreed for point {number} (action {k + 1}). "
                + " ".join(rng.sample(EVIDENCE_SENTENCES, 2))
            )
            named = k % 3 == 2  # some actions belong to someone outside the team
            db.session.add(
                Action(
                    project_id=project.id,
                    assessment_id=assessment.id,
                    point_id=answer.point_id,
                    point_number=number,
                    description=text,
                    owner_id=None if named else team[(number + k) % len(team)].id,
                    owner_name="Jo Bloggs, supplier" if named else None,
                    due_date=today + timedelta(days=rng.randint(-30, 120)),
                    status="in_progress" if k % 2 else "open",
                    source="self_assessment",
                    created_by_id=me.id,
                )
            )
            texts.append(text)
        seeded.artefact_urls[number] = urls
        seeded.action_texts[number] = texts
    db.session.commit()
    return seeded


# --- Measuring --------------------------------------------------------------------------------


class QueryCounter:
    """Counts the SQL statements the engine sends while ``counting()`` is open."""

    def __init__(self, engine: Engine) -> None:
        self.active = False
        self.statements: list[str] = []
        event.listen(engine, "before_cursor_execute", self._before_cursor_execute)

    def _before_cursor_execute(self, conn, cursor, statement, *args) -> None:
        if self.active:
            self.statements.append(statement)

    @contextmanager
    def counting(self) -> Iterator[None]:
        self.statements = []
        self.active = True
        try:
            yield
        finally:
            self.active = False


def sign_in(client, email: str, password: str) -> None:
    """Through the real form, with the CSRF token from the page."""
    page = client.get("/sign-in").get_data(as_text=True)
    match = CSRF_FIELD.search(page)
    if not match:
        raise BenchmarkError("No CSRF token on the sign-in page")
    response = client.post(
        "/sign-in",
        data={"email": email, "password": password, "csrf_token": match.group(1) or match.group(2)},
    )
    if response.status_code != 302:
        raise BenchmarkError(f"Sign-in failed with status {response.status_code}")


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(client, url: str, runs: int, warmup: int, counter: QueryCounter):
    """Wall times in ms and query counts of ``runs`` requests, after ``warmup`` untimed ones
    (at least one: what a process reads once and keeps, such as a framework version's
    prompts, is not a page's query)."""
    for _ in range(max(warmup, 1)):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchmarkError(f"{url} answered {response.status_code}")
    times, counts = [], []
    for _ in range(runs):
        with counter.counting():
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise BenchmarkError(f"{url} answered {response.status_code}")
        times.append(elapsed * 1000)
        counts.append(len(counter.statements))
    return times, counts, list(counter.statements), html.unescape(response.get_data(as_text=True))


def check_shown(page_name: str, body: str, expected: list[str]) -> None:
    """The page really lists what was seeded, so its query count means something."""
    missing = [text for text in expected if text not in body]
    if missing:
        raise BenchmarkError(f"The {page_name} page does not show {len(missing)} seeded items")


def pages(app: Flask, seeded: Seeded, point: int) -> list[tuple[str, str, list[str]]]:
    """``(name, url, texts the page must show)`` for each page measured."""
    ids = {"project_id": seeded.project_id, "assessment_id": seeded.assessment_id}
    everything = [url for urls in seeded.artefact_urls.values() for url in urls] + [
        text for texts in seeded.action_texts.values() for text in texts
    ]
    with app.test_request_context():
        return [
            ("task list", url_for("self_assessment.task_list", **ids), []),
            ("check answers", url_for("self_assessment.check_answers", **ids), everything),
            (
                f"point {point}",
                url_for("self_assessment.point", number=point, **ids),
                seeded.artefact_urls[point] + seeded.action_texts[point],
            ),
        ]


def run_volume(app, counter, seeded: Seeded, args) -> tuple[list[Result], dict[str, list[str]]]:
    client = app.test_client()
    sign_in(client, "bench@example.gov.uk", PASSWORD)
    results, statements = [], {}
    for name, url, expected in pages(app, seeded, args.point):
        times, counts, sql, body = measure(client, url, args.runs, args.warmup, counter)
        check_shown(name, body, expected)
        statements[name] = sql
        results.append(
            Result(
                page=name,
                artefacts_per_point=seeded.volume.artefacts,
                actions_per_point=seeded.volume.actions,
                artefact_links=seeded.links,
                actions=seeded.actions,
                runs=args.runs,
                median_ms=round(statistics.median(times), 2),
                p95_ms=round(percentile(times, 0.95), 2),
                queries=max(counts),
                query_counts_seen=sorted(set(counts)),
            )
        )
    return results, statements


# --- Reporting --------------------------------------------------------------------------------


def growth(results: list[Result], smallest: Volume, largest: Volume) -> list[str]:
    """One line per page whose query count differs between the smallest and largest volume."""
    problems = []
    for page in dict.fromkeys(result.page for result in results):
        rows = {
            Volume(r.artefacts_per_point, r.actions_per_point): r for r in results if r.page == page
        }
        low, high = rows[smallest], rows[largest]
        if low.queries != high.queries:
            problems.append(
                f"{page}: {low.queries} queries with {smallest.label}, "
                f"{high.queries} with {largest.label}"
            )
    return problems


def table(results: list[Result]) -> str:
    head = ("page", "artefacts/pt", "actions/pt", "links", "actions", "median ms", "p95 ms")
    head += ("queries",)
    rows = [
        (
            r.page,
            str(r.artefacts_per_point),
            str(r.actions_per_point),
            str(r.artefact_links),
            str(r.actions),
            f"{r.median_ms:.1f}",
            f"{r.p95_ms:.1f}",
            str(r.queries)
            + ("" if len(r.query_counts_seen) == 1 else f" (varied: {r.query_counts_seen})"),
        )
        for r in sorted(results, key=lambda r: (r.page, r.artefacts_per_point, r.actions_per_point))
    ]
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    lines = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in (head, *rows)
    ]
    return "\n".join(lines)


def parse_volumes(text: str) -> list[Volume]:
    volumes = []
    for part in text.split(","):
        artefacts, _, actions = part.strip().partition("x")
        if not (artefacts.isdigit() and actions.isdigit()):
            raise argparse.ArgumentTypeError(f"write volumes as ARTEFACTSxACTIONS, not {part!r}")
        volumes.append(Volume(int(artefacts), int(actions)))
    if len(volumes) < 2:
        raise argparse.ArgumentTypeError("give at least two volumes to compare")
    return sorted(set(volumes))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.self_assessment_pages",
        description="Time the self-assessment pages and count their SQL queries per volume.",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument(
        "--warmup", type=int, default=3, help="untimed requests first (3; never fewer than 1)"
    )
    parser.add_argument(
        "--volumes",
        type=parse_volumes,
        default=parse_volumes(DEFAULT_VOLUMES),
        help=f"artefacts x actions per point, comma-separated ({DEFAULT_VOLUMES})",
    )
    parser.add_argument("--point", type=int, default=5, help="the point page to measure (5)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument(
        "--show-sql", action="store_true", help="print each page's statements at the largest volume"
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed for the texts (2026)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    with (
        tempfile.TemporaryDirectory(prefix="bench-") as folder,
        bench_database(Path(folder)) as url,
    ):
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SESSION_COOKIE_SECURE": False,
                "REMEMBER_COOKIE_SECURE": False,
            }
        )
        try:
            prepare(app)
            label = database_label(app)
            results: list[Result] = []
            statements: dict[str, list[str]] = {}
            with app.app_context():
                counter = QueryCounter(db.engine)
                me, team = seed_people()
                seeded = [seed_project(volume, me, team, rng) for volume in args.volumes]
                db.session.remove()
            if any(args.point not in s.artefact_urls for s in seeded):
                raise BenchmarkError(f"There is no point {args.point} in the framework")
            for item in seeded:
                volume_results, statements = run_volume(app, counter, item, args)
                results.extend(volume_results)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()

    smallest, largest = args.volumes[0], args.volumes[-1]
    problems = growth(results, smallest, largest)
    print(
        f"Self-assessment pages on {label}: {args.runs} timed requests per page "
        f"after {args.warmup} warm-up requests; {seeded[0].point_count} points."
    )
    print(table(results))
    if args.show_sql:
        for page, sql in statements.items():
            print(f"\n{page} at {largest.label}: {len(sql)} statements")
            for number, statement in enumerate(sql, start=1):
                print(f"  {number:>2}. {' '.join(statement.split())[:300]}")
    if problems:
        print("\nQuery count grows with the rows listed (N+1):")
        for line in problems:
            print(f"  {line}")
    else:
        print(f"\nQuery counts are the same with {smallest.label} and with {largest.label}.")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "database": label,
                    "runs": args.runs,
                    "warmup": args.warmup,
                    "points": seeded[0].point_count,
                    "volumes": [asdict(volume) for volume in args.volumes],
                    "results": [asdict(result) for result in results],
                    "query_count_grew": problems,
                },
                indent=2,
            )
            + "\n"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        sys.exit(2)
