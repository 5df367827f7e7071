"""The programme board's pages at 100 and 1,000 projects: throughput through a real server
against the bare layout, median time, SQL queries and response size.

For each number of projects, makes a fresh database (a SQLite file in a temporary folder, or
with ``--database-url`` a PostgreSQL database of its own beside the one named, dropped
afterwards), runs the real migrations, loads the frameworks and seeds, in bulk inserts, N
projects on the GOV.UK Service Standard (14 points) with three assessments each (an older
submitted self-assessment, a published panel assessment built from it, and a newer
self-assessment, submitted for two projects in three and a draft for the rest), about three
actions a project, two board meetings and an API token for the board member.

Then, for each board page: through Flask's test client, its status (a page that answers 404
is reported "not built": other branches are building them), its median time, its SQL
statements (counted with an SQLAlchemy event) and its size; and through ``gunicorn`` with
``wrk`` (Debian's), its requests a second against the bare layout (``/cookies``, signed in)
measured just before it, as ``benchmarks.server_pages`` does.

    .venv/bin/python -m benchmarks.board [--projects 100,1000] [--duration 5]
    .venv/bin/python -m benchmarks.board --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

Not a test: it exits 2 if it could not measure, 1 if a page's query count grew with the
number of projects, and otherwise 0, however slow the pages.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url

from app import create_app
from app.data.people import hash_password
from app.extensions import db
from app.models import (
    Action,
    Answer,
    ApiToken,
    Assessment,
    BoardMeeting,
    Directorate,
    Framework,
    FrameworkVersion,
    Judgement,
    Person,
    PersonRole,
    Point,
    Project,
)
from benchmarks.self_assessment_pages import (
    FRAMEWORK_SLUG,
    BenchmarkError,
    QueryCounter,
    database_label,
    prepare,
    sign_in,
)
from benchmarks.server_pages import (
    clean_environment,
    ensure_wrk,
    free_port,
    gunicorn,
    load_page,
    server_sign_in,
)
from config import load_config
from tests.databases import fresh_database_beside

PASSWORD = "server-benchmark-2026"  # as benchmarks.server_pages signs in with
BOARD_ACCOUNT = "board@example.gov.uk"
BARE = "bare layout"
BARE_PATH = "/cookies"
MAX_DURATION = 60
PHASES = ("discovery", "alpha", "private_beta", "public_beta", "live")
RATINGS = ("green",) * 5 + ("amber",) * 3 + ("red",) * 2
DIRECTORATES = (
    "Adults and health",
    "Children and families",
    "Communities",
    "Economy and growth",
    "Environment",
    "Finance",
    "Place",
    "Resources",
)


@dataclass(frozen=True)
class BoardPage:
    name: str
    path: str
    api: bool = False  # sent with the API token, not the session cookie


@dataclass
class Measured:
    page: str
    path: str
    projects: int
    status: str  # "measured", "not built", or "answered 500" and the like
    median_ms: float | None = None
    queries: int | None = None
    bytes: int | None = None
    requests_per_second: float | None = None
    bare_requests_per_second: float | None = None
    times_bare: float | None = None
    cpu_ms: float | None = None
    cpu_times_bare: float | None = None


@dataclass
class Seeded:
    projects: int
    assessments: int
    answers: int
    judgements: int
    actions: int
    meeting_id: int
    token: str = field(repr=False)
    seconds: float


def pages(meeting_id: int) -> list[BoardPage]:
    return [
        BoardPage("portfolio", "/portfolio"),
        BoardPage("grid", "/portfolio/grid"),
        BoardPage("board pack", f"/portfolio/meetings/{meeting_id}/pack"),
        BoardPage("download .xlsx", "/portfolio/download/portfolio.xlsx"),
        BoardPage("download .csv", "/portfolio/download/portfolio.csv"),
        BoardPage("download .json", "/portfolio/download/portfolio.json"),
        BoardPage("API portfolio", "/api/v1/portfolio", api=True),
        BoardPage("trends", "/portfolio/trends"),
    ]


# --- Seeding ----------------------------------------------------------------------------------


def _next_ids(session, model, count: int) -> list[int]:
    start = (session.scalar(select(func.max(model.id))) or 0) + 1
    return list(range(start, start + count))


def _bulk(session, model, rows: list[dict], chunk: int = 5000) -> None:
    for start in range(0, len(rows), chunk):
        session.execute(insert(model), rows[start : start + chunk])


def _advance_sequences(session, models) -> None:
    """PostgreSQL: ids given explicitly do not move a table's sequence; move it past them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        table = model.__tablename__
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
            )
        )


def seed(app: Flask, projects: int, today: date, seed_value: int = 2026) -> Seeded:
    """N projects with three assessments each, actions, meetings and a token, in bulk."""
    started = time.monotonic()
    rng = random.Random(seed_value)
    now = datetime.now(UTC)

    def moment(days_ago: int) -> datetime:
        return now - timedelta(days=days_ago, minutes=rng.randrange(600))

    with app.app_context():
        session = db.session
        framework = session.scalar(select(Framework).where(Framework.slug == FRAMEWORK_SLUG))
        version_id = session.scalar(
            select(FrameworkVersion.id)
            .where(FrameworkVersion.framework_id == framework.id)
            .order_by(FrameworkVersion.number.desc())
            .limit(1)
        )
        points = list(
            session.execute(
                select(Point.id, Point.number)
                .where(Point.version_id == version_id)
                .order_by(Point.number)
            )
        )

        # People: the board member (who also holds the API token) and five team members.
        password_hash = hash_password(PASSWORD)
        person_ids = _next_ids(session, Person, 6)
        _bulk(
            session,
            Person,
            [
                {
                    "id": person_ids[0],
                    "email": BOARD_ACCOUNT,
                    "name": "Board Member",
                    "password_hash": password_hash,
                }
            ]
            + [
                {
                    "id": pid,
                    "email": f"team{n}@example.gov.uk",
                    "name": f"Team Member {n}",
                    "password_hash": password_hash,
                }
                for n, pid in enumerate(person_ids[1:], start=1)
            ],
        )
        board_id, team_ids = person_ids[0], person_ids[1:]
        _bulk(session, PersonRole, [{"person_id": board_id, "role": "board_member"}])

        directorate_ids = _next_ids(session, Directorate, len(DIRECTORATES))
        _bulk(
            session,
            Directorate,
            [
                {"id": i, "name": name}
                for i, name in zip(directorate_ids, DIRECTORATES, strict=True)
            ],
        )

        project_ids = _next_ids(session, Project, projects)
        project_rows, assessment_rows, answer_rows, judgement_rows, action_rows = [], [], [], [], []
        assessment_id = _next_ids(session, Assessment, 1)[0]
        for n, project_id in enumerate(project_ids):
            phase = PHASES[n % len(PHASES)]
            project_rows.append(
                {
                    "id": project_id,
                    "name": f"Benchmark project {n + 1:04d}",
                    "description": "A project seeded for the board's benchmark.",
                    "directorate_id": directorate_ids[n % len(directorate_ids)],
                    "phase": phase,
                    "framework_id": framework.id,
                    "cashable_benefit": rng.choice((None, 25_000, 120_000, 400_000)),
                    "non_cashable_benefit": rng.choice((None, "low", "moderate", "high")),
                    "next_assessment_due": today + timedelta(days=rng.randrange(-60, 120)),
                }
            )
            first_days = rng.randrange(200, 340)
            first, panel, second = assessment_id, assessment_id + 1, assessment_id + 2
            assessment_id += 3
            published_days = first_days - rng.randrange(20, 45)
            second_submitted = n % 3 != 2
            second_days = rng.randrange(5, 150)
            assessment_rows += [
                {
                    "id": first,
                    "project_id": project_id,
                    "framework_version_id": version_id,
                    "phase": phase,
                    "kind": "self_assessment",
                    "status": "submitted",
                    "started_by_id": team_ids[n % 5],
                    "submitted_at": moment(first_days),
                    "submitted_by_id": team_ids[n % 5],
                    "created_at": moment(first_days + 30),
                    "updated_at": moment(first_days),
                },
                {
                    "id": panel,
                    "project_id": project_id,
                    "framework_version_id": version_id,
                    "phase": phase,
                    "kind": "assessment" if n % 2 else "peer_review",
                    "status": "published",
                    "self_assessment_id": first,
                    "assessment_date": (now - timedelta(days=published_days + 10)).date(),
                    "published_at": moment(published_days),
                    "published_by_id": board_id,
                    "created_at": moment(first_days),
                    "updated_at": moment(published_days),
                },
                {
                    "id": second,
                    "project_id": project_id,
                    "framework_version_id": version_id,
                    "phase": phase,
                    "kind": "self_assessment",
                    "status": "submitted" if second_submitted else "draft",
                    "started_by_id": team_ids[n % 5],
                    "submitted_at": moment(second_days) if second_submitted else None,
                    "submitted_by_id": team_ids[n % 5] if second_submitted else None,
                    "created_at": moment(second_days + 20),
                    "updated_at": moment(second_days),
                },
            ]
            for point_id, number in points:
                for assessment in (first, second):
                    rating = rng.choice(RATINGS)
                    answer_rows.append(
                        {
                            "assessment_id": assessment,
                            "point_id": point_id,
                            "evidence_account": "We showed the panel our research and service.",
                            "self_rating": rating,
                            "status": "completed",
                            "owner_id": team_ids[number % 5],
                        }
                    )
                judgement_rows.append(
                    {
                        "assessment_id": panel,
                        "point_id": point_id,
                        "rating": rng.choice(RATINGS),
                        "done_well": "The team knows its users.",
                        "to_do": "Test with more users of assistive technology.",
                    }
                )
            for _ in range(rng.randrange(2, 5)):
                point_id, number = rng.choice(points)
                action_rows.append(
                    {
                        "project_id": project_id,
                        "assessment_id": rng.choice((first, second)),
                        "point_id": point_id,
                        "point_number": number,
                        "description": "Run usability testing with screen reader users.",
                        "owner_id": rng.choice(team_ids),
                        "due_date": today + timedelta(days=rng.randrange(-90, 120)),
                        "status": rng.choice(("open", "open", "in_progress", "done")),
                        "source": rng.choice(("self_assessment", "panel")),
                    }
                )
        _bulk(session, Project, project_rows)
        _bulk(session, Assessment, assessment_rows)
        _bulk(session, Answer, answer_rows)
        _bulk(session, Judgement, judgement_rows)
        _bulk(session, Action, action_rows)

        meeting_ids = _next_ids(session, BoardMeeting, 2)
        _bulk(
            session,
            BoardMeeting,
            [
                {
                    "id": meeting_ids[0],
                    "held_on": today - timedelta(days=56),
                    "recorded_by_id": board_id,
                },
                {
                    "id": meeting_ids[1],
                    "held_on": today - timedelta(days=28),
                    "recorded_by_id": board_id,
                },
            ],
        )
        token = secrets.token_urlsafe(32)
        _bulk(
            session,
            ApiToken,
            [
                {
                    "person_id": board_id,
                    "name": "Benchmark",
                    "token_hash": hashlib.sha256(token.encode()).hexdigest(),
                    "issued_by_id": board_id,
                }
            ],
        )
        _advance_sequences(
            session, (Person, Directorate, Project, Assessment, BoardMeeting, PersonRole)
        )
        session.commit()
        # A live database has its planner statistics; a freshly filled one needs them made.
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        return Seeded(
            projects=projects,
            assessments=len(assessment_rows),
            answers=len(answer_rows),
            judgements=len(judgement_rows),
            actions=len(action_rows),
            meeting_id=meeting_ids[1],
            token=token,
            seconds=time.monotonic() - started,
        )


# --- Measuring --------------------------------------------------------------------------------


def api_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def in_process(
    app: Flask, seeded: Seeded, board_pages: list[BoardPage], runs: int
) -> list[Measured]:
    """Status, median time, SQL statements and size of each page through the test client.

    What is loaded by then is frozen out of the garbage collector's way, as ``wsgi.py``
    does for the real server once the application is made: a full collection otherwise
    walks every object the seeding left, several times a request."""
    with app.app_context():
        counter = QueryCounter(db.engine)
    client = app.test_client()
    sign_in(client, BOARD_ACCOUNT, PASSWORD)
    api_client = app.test_client()  # no session: the token alone
    gc.collect()
    gc.freeze()
    results = []
    for page in [BoardPage(BARE, BARE_PATH), *board_pages]:
        use = api_client if page.api else client
        headers = api_headers(seeded.token) if page.api else {}
        response = use.get(page.path, headers=headers)
        if response.status_code == 404:
            results.append(Measured(page.name, page.path, seeded.projects, "not built"))
            continue
        if response.status_code != 200:
            results.append(
                Measured(page.name, page.path, seeded.projects, f"answered {response.status_code}")
            )
            continue
        with counter.counting():
            response = use.get(page.path, headers=headers)
        queries = len(counter.statements)
        times = []
        for _ in range(runs):
            begun = time.perf_counter()
            use.get(page.path, headers=headers).close()
            times.append((time.perf_counter() - begun) * 1000)
        results.append(
            Measured(
                page.name,
                page.path,
                seeded.projects,
                "measured",
                median_ms=statistics.median(times),
                queries=queries,
                bytes=len(response.get_data()),
            )
        )
    return results


def through_server(
    args: argparse.Namespace, wrk: str, folder: Path, url: str, seeded: Seeded, results
) -> None:
    """Requests a second of each measured page through gunicorn, the bare layout just before."""
    env = clean_environment(url)
    port = free_port()
    access_log = folder / "access.log"
    by_name = {page.name: page for page in pages(seeded.meeting_id)}
    measured = [r for r in results if r.status == "measured" and r.page in by_name]
    with gunicorn(env, port, args.workers, folder / "gunicorn.log") as master:
        cookie = f"Cookie: {server_sign_in(port, BOARD_ACCOUNT)}"
        token = f"Authorization: Bearer {seeded.token}"

        def load(path: str, header: str) -> tuple[float, float]:
            run = load_page(wrk, master, access_log, f"http://127.0.0.1:{port}{path}", header, args)
            return run.requests_per_second, run.cpu_ms

        for result in measured:
            bare_rate, bare_cpu = load(BARE_PATH, cookie)
            try:
                rate, cpu = load(result.path, token if by_name[result.page].api else cookie)
            except BenchmarkError as error:
                # One page failing under load is reported; the others are still measured.
                result.status = "failed under load"
                print(f"  {seeded.projects} projects, {result.page}: {error}", file=sys.stderr)
                continue
            result.requests_per_second = rate
            result.bare_requests_per_second = bare_rate
            result.times_bare = bare_rate / rate
            result.cpu_ms = cpu
            result.cpu_times_bare = cpu / bare_cpu
            print(
                f"  {seeded.projects} projects, {result.page}: {rate:.1f} req/s "
                f"(bare {bare_rate:.1f}), {cpu:.1f} ms CPU (bare {bare_cpu:.1f})",
                file=sys.stderr,
            )


# --- Reporting --------------------------------------------------------------------------------


def _number(value, pattern: str) -> str:
    return "" if value is None else format(value, pattern)


COLUMNS = (
    ("page", lambda r: r.page),
    ("projects", lambda r: str(r.projects)),
    ("status", lambda r: r.status),
    ("times fewer", lambda r: _number(r.times_bare, ".2f")),
    ("req/s", lambda r: _number(r.requests_per_second, ".1f")),
    ("bare req/s", lambda r: _number(r.bare_requests_per_second, ".1f")),
    ("CPU times bare", lambda r: _number(r.cpu_times_bare, ".2f")),
    ("median ms", lambda r: _number(r.median_ms, ".1f")),
    ("queries", lambda r: _number(r.queries, "d")),
    ("KB", lambda r: _number(None if r.bytes is None else r.bytes / 1024, ".1f")),
)


def table(results: list[Measured], markdown: bool = False) -> str:
    rows = [tuple(name for name, _ in COLUMNS)] + [
        tuple(cell(r) for _, cell in COLUMNS) for r in results
    ]
    if markdown:
        lines = ["| " + " | ".join(rows[0]) + " |", "| --- | ---: | --- |" + " ---: |" * 7]
        return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows[1:])])
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i in (0, 2) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )


def grown(results: list[Measured]) -> list[str]:
    """Pages whose query count differs between the smallest and the largest portfolio."""
    counts: dict[str, dict[int, int]] = {}
    for result in results:
        if result.queries is not None:
            counts.setdefault(result.page, {})[result.projects] = result.queries
    found = []
    for page, by_size in counts.items():
        if len(by_size) > 1 and by_size[min(by_size)] != by_size[max(by_size)]:
            found.append(f"{page}: {by_size[min(by_size)]} -> {by_size[max(by_size)]} queries")
    return found


# --- Running ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.board",
        description="The programme board's pages at 100 and 1,000 projects: requests a second "
        "against the bare layout, median time, SQL queries and size.",
    )
    parser.add_argument(
        "--projects", default="100,1000", help="numbers of projects, comma-separated (100,1000)"
    )
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database on the server to make the benchmark's own databases "
        "beside (for example postgresql+psycopg://postgres@127.0.0.1:5432/test); "
        "without it, SQLite files in a temporary folder",
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds of load a page (5)")
    parser.add_argument("--warmup", type=int, default=1, help="seconds of load first (1)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--runs", type=int, default=5, help="timed test-client requests (5)")
    parser.add_argument(
        "--pages", help="only these pages, by path, comma-separated (the bare layout always)"
    )
    parser.add_argument(
        "--no-server", action="store_true", help="only the test client: no gunicorn or wrk"
    )
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table too")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(part) for part in args.projects.split(",") if part.strip()]
    except ValueError:
        parser.error("--projects is whole numbers separated by commas, like 100,1000")
    if not args.sizes or any(not 1 <= size <= 20_000 for size in args.sizes):
        parser.error("--projects must each be between 1 and 20,000")
    if not 1 <= args.duration <= MAX_DURATION or not 0 <= args.warmup <= MAX_DURATION:
        parser.error(f"--duration and --warmup are seconds, at most {MAX_DURATION}")
    if args.runs < 1 or args.connections < 1 or args.threads < 1 or args.workers < 1:
        parser.error("--runs, --connections, --threads and --workers must be at least 1")
    if args.threads > args.connections:
        parser.error("--threads must not be more than --connections")
    if args.database_url and make_url(args.database_url).get_backend_name() != "postgresql":
        parser.error("--database-url must be a PostgreSQL URL")
    return args


def run_size(args, wrk: str | None, folder: Path, size: int) -> tuple[list[Measured], str]:
    with fresh_database_beside(args.database_url, f"board_bench_{size}", folder) as url:
        env = clean_environment(url)
        app = create_app({**load_config(env), "SESSION_COOKIE_SECURE": False})
        try:
            prepare(app)
            seeded = seed(app, size, date.today())
            print(
                f"Seeded {size} projects ({seeded.assessments} assessments, {seeded.answers} "
                f"answers, {seeded.judgements} panel ratings, {seeded.actions} actions) in "
                f"{seeded.seconds:.1f} s.",
                file=sys.stderr,
            )
            chosen = pages(seeded.meeting_id)
            if args.pages:
                wanted = {part.strip() for part in args.pages.split(",")}
                chosen = [p for p in chosen if p.path in wanted or p.name in wanted]
            results = in_process(app, seeded, chosen, args.runs)
            label = database_label(app)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        if wrk is not None:
            through_server(args, wrk, folder, url, seeded, results)
    return results, label


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wrk = None if args.no_server else ensure_wrk()
    results: list[Measured] = []
    labels = set()
    with tempfile.TemporaryDirectory(prefix="bench-board-") as folder:
        for size in args.sizes:
            found, label = run_size(args, wrk, Path(folder), size)
            results += found
            labels.add(label)
    print(
        f"The board's pages on {', '.join(sorted(labels))}: the test client for status, median "
        f"of {args.runs} requests, SQL statements and size; gunicorn ({args.workers} workers) and "
        f"wrk ({args.connections} connections, {args.duration} s a page after {args.warmup} s "
        "of warm-up) for requests a second, the bare layout measured just before each page.\n"
        "times fewer: the bare layout's requests a second divided by the page's."
    )
    print(table(results))
    if args.markdown:
        print()
        print(table(results, markdown=True))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    growth = grown(results)
    if growth:
        print("Query counts grew with the number of projects:\n  " + "\n  ".join(growth))
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        sys.exit(2)
