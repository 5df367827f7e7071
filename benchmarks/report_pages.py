"""Time the report page and each of its downloads and count their SQL queries, for the
17-point NHS service standard, as the panel's actions and the team's challenges grow.

Seeds, per volume (actions per point), a published panel assessment whose every point
has the panel's rating and findings at realistic lengths, the team's self-rating beside
it, challenges with the lead's answers on two points and the volume's panel actions, in
a fresh, migrated database. Signs in through the real sign-in form as the team's service
owner and requests the report page, the .docx, .xlsx, .csv and .json many times each.
It fails (exit status 1) if a page's query count is not the same at every volume.

    .venv/bin/python -m benchmarks.report_pages [--runs 30] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask import url_for
from sqlalchemy import select

from app import create_app
from app.data.assessments import start_self_assessment
from app.data.people import create_person, hash_password
from app.extensions import db
from app.models import (
    Action,
    Assessment,
    Challenge,
    Directorate,
    Framework,
    Judgement,
    PanelMember,
    Point,
    Project,
    TeamMembership,
)
from benchmarks.self_assessment_pages import (
    ACTION_ENDS,
    ACTION_STARTS,
    BenchmarkError,
    QueryCounter,
    bench_database,
    database_label,
    paragraph_text,
    percentile,
    prepare,
    sign_in,
)

FRAMEWORK_SLUG = "nhs-service-standard"
PASSWORD = "benchmark-password-2026"
DEFAULT_VOLUMES = "0,2,6"
RATINGS = ("green", "amber", "red")
PAGES = (
    ("report page", "reports.report"),
    ("report.docx", "reports.report_docx"),
    ("report.xlsx", "reports.report_xlsx"),
    ("report.csv", "reports.report_csv"),
    ("report.json", "reports.report_json"),
)


@dataclass
class Result:
    page: str
    actions_per_point: int
    actions: int
    points: int
    runs: int
    median_ms: float
    p95_ms: float
    queries: int
    query_counts_seen: list[int]
    bytes: int


def seed(actions_per_point: int, people, rng: random.Random) -> tuple[int, int]:
    """A published report with ``actions_per_point`` panel actions on every point; returns
    (assessment id, point count)."""
    owner, lead, designer, others = people
    framework = db.session.scalar(select(Framework).where(Framework.slug == FRAMEWORK_SLUG))
    if framework is None:
        raise BenchmarkError(f"The framework {FRAMEWORK_SLUG} is not in assessments/")
    directorate = db.session.scalar(select(Directorate).where(Directorate.name == "Benchmarks"))
    project = Project(
        name=f"Report benchmark: {actions_per_point} actions per point",
        description=paragraph_text(rng, 300),
        directorate=directorate or Directorate(name="Benchmarks"),
        phase="private_beta",
        framework=framework,
    )
    project.memberships = [TeamMembership(person=owner, team_role="service_owner")] + [
        TeamMembership(person=person, team_role="member") for person in others
    ]
    db.session.add(project)
    db.session.flush()
    own = start_self_assessment(project, owner.id)
    for answer in own.answers:
        answer.evidence_account = paragraph_text(rng, rng.randint(300, 2000))
        answer.self_rating = RATINGS[(answer.point.number + 1) % 3]
        answer.status = "completed"
    own.status = "published"
    now = datetime.now(UTC)
    earlier = Assessment(
        project_id=project.id,
        framework_version_id=own.framework_version_id,
        phase="alpha",
        kind="assessment",
        status="published",
        assessment_date=date(2026, 3, 2),
        published_at=now - timedelta(days=200),
    )
    assessment = Assessment(
        project_id=project.id,
        framework_version_id=own.framework_version_id,
        phase="private_beta",
        kind="assessment",
        status="published",
        self_assessment_id=own.id,
        assessment_date=date(2026, 11, 2),
        brief_description=paragraph_text(rng, 700),
        brief_users=paragraph_text(rng, 400),
        summary=paragraph_text(rng, 1200),
        ratings_agreed_at=now,
        report_due=date(2026, 11, 9),
        sent_at=now,
        answer_due=date(2026, 11, 23),
        accepted_at=now,
        accepted_by_id=owner.id,
        published_at=now,
        published_by_id=lead.id,
    )
    assessment.panel = [
        PanelMember(person_id=lead.id, panel_role="lead"),
        PanelMember(person_id=designer.id, panel_role="design"),
    ]
    db.session.add_all([earlier, assessment])
    db.session.flush()
    points = db.session.scalars(
        select(Point).where(Point.version_id == own.framework_version_id).order_by(Point.number)
    ).all()
    for point in points:
        db.session.add(
            Judgement(
                assessment_id=assessment.id,
                point_id=point.id,
                rating=RATINGS[point.number % 3],
                done_well=paragraph_text(rng, rng.randint(300, 1500)),
                to_do=paragraph_text(rng, rng.randint(300, 1500)),
                updated_by_id=designer.id,
            )
        )
        if point.number in (3, 11):
            db.session.add(
                Challenge(
                    assessment_id=assessment.id,
                    point_id=point.id,
                    reason=paragraph_text(rng, 600),
                    raised_by_id=owner.id,
                    answer=paragraph_text(rng, 500),
                    outcome="upheld" if point.number == 3 else "not_upheld",
                    answered_by_id=lead.id,
                    answered_at=now,
                )
            )
        for k in range(actions_per_point):
            named = k % 3 == 2
            db.session.add(
                Action(
                    project_id=project.id,
                    assessment_id=assessment.id,
                    point_id=point.id,
                    point_number=point.number,
                    description=f"{rng.choice(ACTION_STARTS)} {rng.choice(ACTION_ENDS)} "
                    f"(point {point.number}, action {k + 1}).",
                    owner_id=None if named else others[(point.number + k) % len(others)].id,
                    owner_name="Jo Bloggs, supplier" if named else None,
                    due_date=date(2027, 2, 1) + timedelta(days=k),
                    status=("open", "done", "in_progress")[k % 3],
                    verified_at=now if k % 4 == 3 else None,
                    verified_by_id=lead.id if k % 4 == 3 else None,
                    source="panel",
                )
            )
    db.session.commit()
    return assessment.id, len(points)


def seed_people():
    unusable = hash_password(PASSWORD)
    owner = create_person(
        "Benchmark Service Owner", "bench-owner@example.gov.uk", [], password_hash=unusable
    )
    lead = create_person(
        "Benchmark Lead", "bench-lead@example.gov.uk", ["assessor"], password_hash=unusable
    )
    designer = create_person(
        "Benchmark Designer", "bench-design@example.gov.uk", ["assessor"], password_hash=unusable
    )
    others = [
        create_person(
            f"Team Member {n}", f"bench-member-{n}@example.gov.uk", [], password_hash=unusable
        )
        for n in range(1, 5)
    ]
    db.session.commit()
    return owner, lead, designer, others


def measure(client, url: str, runs: int, warmup: int, counter: QueryCounter):
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise BenchmarkError(f"{url} answered {response.status_code}")
    times, counts = [], []
    import time

    for _ in range(runs):
        with counter.counting():
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        if response.status_code != 200:
            raise BenchmarkError(f"{url} answered {response.status_code}")
        times.append(elapsed * 1000)
        counts.append(len(counter.statements))
    return times, counts, list(counter.statements), response.data


def table(results: list[Result]) -> str:
    head = ("page", "actions/pt", "actions", "median ms", "p95 ms", "queries", "bytes")
    rows = [
        (
            r.page,
            str(r.actions_per_point),
            str(r.actions),
            f"{r.median_ms:.1f}",
            f"{r.p95_ms:.1f}",
            str(r.queries)
            + ("" if len(r.query_counts_seen) == 1 else f" (varied: {r.query_counts_seen})"),
            f"{r.bytes:,}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    return "\n".join(
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in (head, *rows)
    )


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.report_pages",
        description="Time the report page and downloads and count their SQL queries.",
    )
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first (3)")
    parser.add_argument(
        "--volumes",
        default=DEFAULT_VOLUMES,
        help=f"panel actions per point, comma-separated ({DEFAULT_VOLUMES})",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument("--show-sql", action="store_true", help="print the statements of each page")
    parser.add_argument("--seed", type=int, default=2026, help="random seed for the texts (2026)")
    args = parser.parse_args(argv)
    try:
        args.volumes = sorted({int(v) for v in args.volumes.split(",")})
    except ValueError:
        parser.error("--volumes takes whole numbers separated by commas")
    if len(args.volumes) < 2 or args.runs < 1 or args.warmup < 0:
        parser.error("give two volumes or more, --runs of 1 or more and --warmup of 0 or more")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    results: list[Result] = []
    statements: dict[str, list[str]] = {}
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
            with app.app_context():
                counter = QueryCounter(db.engine)
                people = seed_people()
                seeded = [(volume, *seed(volume, people, rng)) for volume in args.volumes]
                db.session.remove()
            client = app.test_client()
            sign_in(client, "bench-owner@example.gov.uk", PASSWORD)
            for volume, assessment_id, point_count in seeded:
                for name, endpoint in PAGES:
                    with app.test_request_context():
                        address = url_for(endpoint, assessment_id=assessment_id)
                    times, counts, sql, body = measure(
                        client, address, args.runs, args.warmup, counter
                    )
                    if (
                        name == "report page"
                        and b"Action 1" not in body
                        and volume
                        and b"(point 1, action 1)" not in body
                    ):
                        raise BenchmarkError("The report page does not list the seeded actions")
                    statements[name] = sql
                    results.append(
                        Result(
                            page=name,
                            actions_per_point=volume,
                            actions=volume * point_count,
                            points=point_count,
                            runs=args.runs,
                            median_ms=round(statistics.median(times), 2),
                            p95_ms=round(percentile(times, 0.95), 2),
                            queries=max(counts),
                            query_counts_seen=sorted(set(counts)),
                            bytes=len(body),
                        )
                    )
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()

    problems = []
    for name, _ in PAGES:
        counts = {r.actions_per_point: r.queries for r in results if r.page == name}
        if len(set(counts.values())) > 1 or any(
            len(r.query_counts_seen) > 1 for r in results if r.page == name
        ):
            problems.append(f"{name}: {counts}")
    results.sort(key=lambda r: ([n for n, _ in PAGES].index(r.page), r.actions_per_point))
    print(
        f"Report page and downloads on {label}: {args.runs} timed requests each after "
        f"{args.warmup} warm-up requests; {seeded[0][2]} points, challenges on 2."
    )
    print(table(results))
    if args.show_sql:
        for page, sql in statements.items():
            print(f"\n{page}: {len(sql)} statements")
            for number, statement in enumerate(sql, start=1):
                print(f"  {number:>2}. {' '.join(statement.split())[:300]}")
    if problems:
        print("\nQuery count grows with the actions listed (N+1):")
        for line in problems:
            print(f"  {line}")
    else:
        print(
            f"\nQuery counts are the same with {args.volumes[0]} and {args.volumes[-1]} "
            "actions per point."
        )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "database": label,
                    "runs": args.runs,
                    "warmup": args.warmup,
                    "results": [asdict(r) for r in results],
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
