"""Requests a second each page serves through a real server, against the bare layout.

Creates a PostgreSQL database of its own (its name carries this process's id;
dropped afterwards), migrates it and loads the frameworks and the demo
portfolio (74 projects). Starts gunicorn with 2 workers on the loopback
address, configured from a clean mapping (nothing the caller exported reaches
it), signs in through the real sign-in form, and points ``wrk`` at the bare
layout (``/cookies``, signed in) and at a page in turn, ``--rounds`` times for a
share of ``--duration`` each. A page's figure is the median of its rounds' ratios
to the bare layout, each measured seconds apart.
Each page's SQL query count comes from one request through Flask's test client
on the same database, counted as ``benchmarks.self_assessment_pages`` does.

    .venv/bin/python -m benchmarks.server_pages [--duration 10] [--rounds 5] [--json PATH]

``benchmarks/README.md`` explains the options and the figures. Not a test:
it exits 2 if it could not measure, and otherwise 0, however slow the pages.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app import create_app
from app.demo.loader import TEAM_ACCOUNT, load_demo
from app.extensions import db
from app.models import (
    Action,
    Answer,
    ArtefactLink,
    Assessment,
    Person,
    Point,
    Project,
    TeamMembership,
)
from benchmarks.self_assessment_pages import (
    CSRF_FIELD,
    BenchmarkError,
    QueryCounter,
    database_label,
    prepare,
    sign_in,
)
from config import load_config
from tests.databases import fresh_database_beside

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "server-benchmark-2026"
BOARD_ACCOUNT = "board@example.gov.uk"
BARE = "bare layout"
MAX_DURATION = 60


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    account: str


@dataclass
class Result:
    page: str
    path: str
    account: str
    requests_per_second: float
    latency_mean_ms: float
    latency_p50_ms: float
    latency_p99_ms: float
    requests: int
    cpu_ms: float
    queries: int
    times_bare: float = 1.0
    cpu_times_bare: float = 1.0


@dataclass(frozen=True)
class Run:
    """One timed wrk run: what wrk saw, and the server's CPU time a request."""

    requests_per_second: float
    latency_mean_ms: float
    latency_p50_ms: float
    latency_p99_ms: float
    requests: int
    cpu_ms: float


# --- The server -------------------------------------------------------------------------------


def clean_environment(database_url: str) -> dict[str, str]:
    """What the server is given: production settings and nothing from the caller but PATH."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[int]:
    """``gunicorn wsgi:app`` on 127.0.0.1:``port``, stopped (by its own pid) afterwards."""
    binary = Path(sys.executable).parent / "gunicorn"
    if not binary.exists():
        raise BenchmarkError(f"gunicorn is not installed beside {sys.executable}")
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                str(binary),
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                f"--access-logfile={log.with_name('access.log')}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise BenchmarkError(f"gunicorn stopped: {log.read_text()[-2000:]}")
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise BenchmarkError("gunicorn did not answer /healthz within 60 seconds")
            time.sleep(0.25)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request(
    port: int, method: str, path: str, cookie: str = "", body: str | None = None
) -> tuple[int, dict[str, list[str]], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        received: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            received.setdefault(name.lower(), []).append(value)
        return response.status, received, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def session_cookie(headers: dict[str, list[str]], previous: str = "") -> str:
    """The ``name=value`` of the session cookie a response sets (or the one already held)."""
    for line in headers.get("set-cookie", []):
        cookie = SimpleCookie()
        cookie.load(line)
        if "session" in cookie:
            return f"session={cookie['session'].value}"
    return previous


def server_sign_in(port: int, email: str) -> str:
    """Through the sign-in form, with its CSRF token: the signed-in session cookie."""
    status, headers, page = request(port, "GET", "/sign-in")
    match = CSRF_FIELD.search(page)
    if status != 200 or not match:
        raise BenchmarkError(f"The sign-in page answered {status} without a CSRF token")
    cookie = session_cookie(headers)
    form = {"email": email, "password": PASSWORD, "csrf_token": match.group(1) or match.group(2)}
    status, headers, _ = request(port, "POST", "/sign-in", cookie, urlencode(form))
    if status != 302:
        raise BenchmarkError(f"Signing in as {email} answered {status}, not a redirect")
    return session_cookie(headers, cookie)


def workers_cpu_seconds(master: int) -> float:
    """User and system CPU time of the gunicorn workers (the master's children) so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # a process that ended meanwhile
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == master:  # fields[1] is the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def requests_served(log: Path) -> int:
    """Requests the server has answered so far: lines in its access log."""
    with log.open("rb") as lines:
        return sum(1 for _ in lines)


def when_idle(master: int) -> float:
    """The workers' CPU seconds once they have finished what they were doing (requests left
    in the queue when wrk stopped), so a run's CPU time is all its own."""
    before = workers_cpu_seconds(master)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = workers_cpu_seconds(master)
        if now == before:
            return now
        before = now
    raise BenchmarkError("The server was still busy 30 seconds after the load stopped")


# --- The load generator -----------------------------------------------------------------------


def ensure_wrk() -> str:
    """Debian's ``wrk``, installed when missing and we may (as scripts/ensure-chromium.sh)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's wrk for the benchmark...", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)
        found = shutil.which("wrk")
    if not found:
        raise BenchmarkError("The benchmark needs wrk: sudo apt-get install wrk")
    return found


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(wrk: str, url: str, header: str, connections: int, threads: int, seconds: int):
    """Requests a second, mean/p50/p99 latency in ms and the number of requests, sending
    ``header`` (a cookie, or an API token) with each."""
    completed = subprocess.run(
        [
            wrk,
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=10s",
            "--latency",
            "--header",
            header,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    )
    output = completed.stdout
    if completed.returncode != 0:
        raise BenchmarkError(f"wrk failed on {url}: {completed.stderr or output}")
    if "Non-2xx or 3xx responses" in output:
        raise BenchmarkError(f"{url} answered with errors under load:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    mean = re.search(r"Latency\s+(\S+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in", output)
    if not (rate and mean and p50 and p99 and total):
        raise BenchmarkError(f"Could not read wrk's report:\n{output}")
    return (
        float(rate.group(1)),
        milliseconds(mean.group(1)),
        milliseconds(p50.group(1)),
        milliseconds(p99.group(1)),
        int(total.group(1)),
    )


def load_page(
    wrk: str,
    master: int,
    access_log: Path,
    address: str,
    header: str,
    args: argparse.Namespace,
    seconds: int,
    warmup: int,
) -> Run:
    """wrk against ``address`` for ``seconds`` (after ``warmup`` seconds of warm-up): what it
    saw, and the gunicorn workers' CPU time a request, idle to idle, over the requests in
    the log."""
    if warmup:
        run_wrk(wrk, address, header, args.connections, 1, warmup)
    cpu, served = when_idle(master), requests_served(access_log)
    figures = run_wrk(wrk, address, header, args.connections, args.threads, seconds)
    cpu = when_idle(master) - cpu
    served = requests_served(access_log) - served
    if figures[4] == 0 or served == 0:
        raise BenchmarkError(
            f"{address} served no request in {seconds} s: the machine is too busy, or "
            "give the pages longer with --duration"
        )
    return Run(*figures, cpu_ms=cpu * 1000 / served)


def combined(runs: list[Run]) -> Run:
    """Several runs of one page as one: requests a second and latencies averaged over the
    runs, CPU time a request over all their requests."""
    count = len(runs)
    requests = sum(run.requests for run in runs)
    return Run(
        requests_per_second=sum(run.requests_per_second for run in runs) / count,
        latency_mean_ms=sum(run.latency_mean_ms for run in runs) / count,
        latency_p50_ms=sum(run.latency_p50_ms for run in runs) / count,
        latency_p99_ms=sum(run.latency_p99_ms for run in runs) / count,
        requests=requests,
        cpu_ms=sum(run.cpu_ms * run.requests for run in runs) / requests,
    )


# --- The pages --------------------------------------------------------------------------------


def pages_to_measure(app: Flask) -> list[Page]:
    """The bare layout and the pages the issue names, found in the demo data."""
    with app.app_context():
        session = db.session
        team_person = session.scalar(select(Person).where(Person.email == TEAM_ACCOUNT))
        # The team account's draft self-assessment with the most actions, then the lowest id.
        actions = (
            select(func.count(Action.id))
            .where(Action.assessment_id == Assessment.id)
            .scalar_subquery()
        )
        assessment = session.scalars(
            select(Assessment)
            .join(TeamMembership, TeamMembership.project_id == Assessment.project_id)
            .where(
                TeamMembership.person_id == team_person.id,
                Assessment.status == "draft",
                Assessment.kind == "self_assessment",
            )
            .order_by(actions.desc(), Assessment.id)
        ).first()
        if assessment is None:
            raise BenchmarkError("The demo data has no draft self-assessment for the team account")
        # Its point with the most artefacts and actions, then the lowest number.
        links = (
            select(func.count(ArtefactLink.id))
            .where(ArtefactLink.answer_id == Answer.id)
            .scalar_subquery()
        )
        point_actions = (
            select(func.count(Action.id))
            .where(Action.assessment_id == Answer.assessment_id, Action.point_id == Answer.point_id)
            .scalar_subquery()
        )
        number = session.scalar(
            select(Point.number)
            .join(Answer, Answer.point_id == Point.id)
            .where(Answer.assessment_id == assessment.id)
            .order_by((links + point_actions).desc(), Point.number)
            .limit(1)
        )
        project_count = session.scalar(select(func.count(Project.id)))
        project = f"/projects/{assessment.project_id}"
        here = f"{project}/assessments/{assessment.id}"
        return [
            Page(BARE, "/cookies", TEAM_ACCOUNT),
            Page("task list", here, TEAM_ACCOUNT),
            Page("check answers", f"{here}/check", TEAM_ACCOUNT),
            Page(f"point {number}", f"{here}/points/{number}", TEAM_ACCOUNT),
            Page("project", project, TEAM_ACCOUNT),
            Page("actions list", f"{project}/actions", TEAM_ACCOUNT),
            Page(f"board home ({project_count} projects)", "/portfolio", BOARD_ACCOUNT),
        ]


def count_queries(app: Flask, pages: list[Page]) -> dict[str, int]:
    """SQL statements one request of each page sends (the sign-in check included)."""
    with app.app_context():
        counter = QueryCounter(db.engine)
    counts = {}
    clients = {}
    for page in pages:
        if page.account not in clients:
            clients[page.account] = app.test_client()
            sign_in(clients[page.account], page.account, PASSWORD)
        client = clients[page.account]
        client.get(page.path)  # the first request may load what later ones reuse
        with counter.counting():
            response = client.get(page.path)
        if response.status_code != 200:
            raise BenchmarkError(f"{page.path} answered {response.status_code} to the test client")
        counts[page.name] = len(counter.statements)
    return counts


# --- Reporting --------------------------------------------------------------------------------


COLUMNS = (
    ("page", lambda r: r.page),
    ("req/s", lambda r: f"{r.requests_per_second:.1f}"),
    ("mean ms", lambda r: f"{r.latency_mean_ms:.1f}"),
    ("p50 ms", lambda r: f"{r.latency_p50_ms:.1f}"),
    ("p99 ms", lambda r: f"{r.latency_p99_ms:.1f}"),
    ("times fewer", lambda r: f"{r.times_bare:.2f}"),
    ("CPU ms", lambda r: f"{r.cpu_ms:.1f}"),
    ("CPU times bare", lambda r: f"{r.cpu_times_bare:.2f}"),
    ("queries", lambda r: str(r.queries)),
)


def table(results: list[Result]) -> str:
    rows = [tuple(name for name, _ in COLUMNS)] + [
        tuple(cell(r) for _, cell in COLUMNS) for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )


def markdown(results: list[Result]) -> str:
    lines = [
        "| " + " | ".join(name for name, _ in COLUMNS) + " |",
        "| --- |" + " ---: |" * (len(COLUMNS) - 1),
    ]
    lines += ["| " + " | ".join(cell(r) for _, cell in COLUMNS) + " |" for r in results]
    return "\n".join(lines)


# --- Running ----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.server_pages",
        description="Requests a second of each page through gunicorn and wrk, against the "
        "bare layout in the same run.",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load a page (10)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of load first (2)")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="times the bare layout and each page take turns, each run --duration / --rounds "
        "seconds, rounded, at least 1 (5)",
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--database",
        default=DEFAULT_DATABASE,
        help="a PostgreSQL database on the server to use; the benchmark creates and drops "
        f"its own database beside it ({DEFAULT_DATABASE})",
    )
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    if not 1 <= args.duration <= MAX_DURATION or not 0 <= args.warmup <= MAX_DURATION:
        parser.error(f"--duration and --warmup are seconds, at most {MAX_DURATION}")
    if args.connections < 1 or args.threads < 1 or args.workers < 1 or args.rounds < 1:
        parser.error("--connections, --threads, --workers and --rounds must be at least 1")
    if args.threads > args.connections:
        parser.error("--threads must not be more than --connections")
    if make_url(args.database).get_backend_name() != "postgresql":
        parser.error("--database must be a PostgreSQL URL")
    return args


def load_everything(app: Flask) -> None:
    prepare(app)
    with app.app_context():
        load_demo(PASSWORD)
        db.session.commit()


def measure(args: argparse.Namespace, wrk: str, folder: Path, url: str) -> list[Result]:
    env = clean_environment(url)
    # The same settings in this process, for loading and counting queries; the test client
    # sends the session cookie over plain HTTP, so it must not be marked secure here.
    app = create_app({**load_config(env), "SESSION_COOKIE_SECURE": False})
    try:
        started = time.monotonic()
        load_everything(app)
        print(f"Loaded the demo data in {time.monotonic() - started:.0f} s.", file=sys.stderr)
        pages = pages_to_measure(app)
        queries = count_queries(app, pages)
        label = database_label(app)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

    port = free_port()
    results: list[Result] = []
    access_log = folder / "access.log"
    with gunicorn(env, port, args.workers, folder / "gunicorn.log") as master:
        cookies = {page.account: server_sign_in(port, page.account) for page in pages}
        for page in pages:
            status, _, _ = request(port, "GET", page.path, cookies[page.account])
            if status != 200:
                raise BenchmarkError(f"{page.path} answered {status} to {page.account}")

        def load(page: Page, seconds: int, warmup: int) -> Run:
            address = f"http://127.0.0.1:{port}{page.path}"
            header = f"Cookie: {cookies[page.account]}"
            return load_page(wrk, master, access_log, address, header, args, seconds, warmup)

        # The bare layout and the page in turn, ``--rounds`` times, each for a share of
        # ``--duration``: on a shared machine the load from elsewhere changes from one
        # minute to the next, so each ratio compares runs seconds apart, and the median
        # of the rounds' ratios is reported.
        bare_page, bare_runs = pages[0], []
        seconds = max(1, round(args.duration / args.rounds))
        for page in pages[1:]:
            ratios, cpu_ratios, runs = [], [], []
            for round_ in range(args.rounds):
                warmup = args.warmup if round_ == 0 else 0
                bare_run = load(bare_page, seconds, warmup)
                run = load(page, seconds, warmup)
                bare_runs.append(bare_run)
                runs.append(run)
                ratios.append(bare_run.requests_per_second / run.requests_per_second)
                cpu_ratios.append(run.cpu_ms / bare_run.cpu_ms)
            run = combined(runs)
            result = Result(page.name, page.path, page.account, **asdict(run), queries=0)
            result.queries = queries[page.name]
            result.times_bare = statistics.median(ratios)
            result.cpu_times_bare = statistics.median(cpu_ratios)
            results.append(result)
            print(
                f"  {page.name}: {run.requests_per_second:.1f} req/s, {run.cpu_ms:.1f} ms CPU; "
                f"times fewer than the bare layout, round by round: "
                + ", ".join(f"{ratio:.2f}" for ratio in ratios),
                file=sys.stderr,
            )

    bare = Result(
        f"{BARE} (all {len(bare_runs)} runs)",
        bare_page.path,
        bare_page.account,
        **asdict(combined(bare_runs)),
        queries=queries[bare_page.name],
    )
    results.insert(0, bare)
    print(
        f"Pages through gunicorn ({args.workers} workers) on {label} with the demo data: wrk "
        f"with {args.connections} connections, {args.rounds} rounds of {seconds} s of the bare "
        f"layout then {seconds} s of the page, after {args.warmup} s of warm-up.\n"
        "times fewer: the bare layout's requests a second divided by the page's, the median of "
        "the rounds. CPU ms: the "
        "gunicorn workers' CPU time a request (idle to idle, over the requests in the access log); "
        "CPU times bare: the page's over the bare layout's, the median of the rounds."
    )
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    wrk = ensure_wrk()
    with (
        tempfile.TemporaryDirectory(prefix="bench-server-") as folder,
        fresh_database_beside(args.database, "server_bench", Path(folder)) as url,
    ):
        results = measure(args, wrk, Path(folder), url)
    print(table(results))
    if args.markdown:
        print()
        print(markdown(results))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "duration": args.duration,
                    "connections": args.connections,
                    "workers": args.workers,
                    "results": [asdict(result) for result in results],
                },
                indent=2,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as error:
        print(f"Benchmark failed: {error}", file=sys.stderr)
        sys.exit(2)
