"""`make bench`: build a fresh PostgreSQL database, serve Motcua with gunicorn as in production,
load it from this process at 1 and 16 clients, and write the results into
docs/performance.md. See that page for the method; `python -m bench.run --help` for options.

Then, unless `--sections` leaves them out, the national portal's two benchmarks, each in a
process of its own with its own database: inbound dossiers per second
(`bench.national_portal_inbound`) and the sync lag p50/p95 at a sustained rate
(`bench.national_portal_sync`, 10 events per second unless `--np-rate` says otherwise).

The database (motcua_bench unless BENCH_DB says otherwise) is dropped at the end, and so are
the temporary static and media folders. Only the server this run starts, on a free loopback
port, is ever sent a request.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import psycopg

from bench import loadgen, report, scenarios

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
QUEUE_PATH = "/can-bo/ho-so/"
QUEUE_USER = "tiepnhan"  # the demo's reception official at the service centre
DEMO_PASSWORD = "motcua-demo-2025"  # noqa: S105 - the demo's published password


SECTIONS = ("web", "np-inbound", "np-sync")
# Asked for by name only (a million generated dossiers take a while): python -m bench.city.
OPTIONAL_SECTIONS = ("city",)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "motcua_bench"))
    parser.add_argument("--workers", type=int, default=2 * cores + 1, help="gunicorn sync workers")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds measured per run")
    parser.add_argument(
        "--warmup", type=float, default=2.0, help="seconds of unmeasured load first"
    )
    parser.add_argument("--max-requests", type=int, default=20_000, help="cap per run")
    parser.add_argument("--concurrency", default="1,16", help="comma-separated client counts")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--scenarios", default="healthz,submission,lookup,queue")
    parser.add_argument(
        "--queue",
        choices=("auto", "on", "off"),
        default="auto",
        help=f"the office queue page scenario: auto runs it when {QUEUE_PATH} exists",
    )
    parser.add_argument("--pool", type=int, default=80, help="distinct submissions to draw from")
    parser.add_argument("--samples", type=int, default=50, help="requests per query count")
    parser.add_argument("--profile", action="store_true", help="also cProfile 200 submissions")
    parser.add_argument("--no-doc", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--keep-db", action="store_true", help="leave the database for a look")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        help="the server's REDIS_URL (rate limits shared by the workers, as in production); "
        "empty, or unreachable, for per-worker counters in local memory",
    )
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help="comma-separated parts to run: web (the load above), np-inbound (inbound "
        "dossiers per second), np-sync (the national portal sync lag); city (N generated "
        "dossiers, then the leaders' pages, the queue and the search: bench/city.py) only "
        "when named",
    )
    parser.add_argument("--dossiers", type=int, default=1_000_000, help="city: dossiers")
    parser.add_argument("--np-dossiers", type=int, default=200, help="np-inbound: dossiers")
    parser.add_argument("--np-rate", type=float, default=10.0, help="np-sync: events per second")
    parser.add_argument("--np-duration", type=float, default=60.0, help="np-sync: seconds")
    args = parser.parse_args(argv)
    args.sections = [part.strip() for part in args.sections.split(",") if part.strip()]
    known = SECTIONS + OPTIONAL_SECTIONS
    unknown = sorted(set(args.sections) - set(known))
    if unknown or not args.sections:
        parser.error(f"--sections: choose among {', '.join(known)} (got {unknown or 'none'})")
    return args


def national_portal_commands(args: argparse.Namespace) -> list[list[str]]:
    """The national portal and city benchmarks the sections ask for, as commands of their own."""
    doc = ["--no-doc"] if args.no_doc else []
    commands = []
    if "np-inbound" in args.sections:
        commands.append(
            [PYTHON, "-m", "bench.national_portal_inbound", "--dossiers", str(args.np_dossiers)]
            + doc
        )
    if "city" in args.sections:
        commands.append(
            [PYTHON, "-m", "bench.city", "--dossiers", str(args.dossiers)]
            + doc
            + [f"--workers={args.workers}"]
        )
    if "np-sync" in args.sections:
        commands.append(
            [
                PYTHON,
                "-m",
                "bench.national_portal_sync",
                "--rate",
                f"{args.np_rate:g}",
                "--duration",
                f"{args.np_duration:g}",
            ]
            + doc
        )
    return commands


# --- the database and the server ---------------------------------------------------------


def admin(sql: str) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def server_version() -> str:
    with psycopg.connect(ADMIN_URL) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def django_side(env: dict, *args: str, stdin: dict | None = None) -> dict:
    done = subprocess.run(
        [PYTHON, "-m", "bench.djangoside", *args],
        cwd=REPO,
        env=env,
        input=json.dumps(stdin) if stdin is not None else None,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"bench.djangoside {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict, workers: int, port: int, logfile: Path) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "motcua.wsgi:application",
        f"--workers={workers}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--timeout=60",
        "--log-level=warning",
    ]
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        command, cwd=REPO, env=env, stdout=logfile.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited early:\n{logfile.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:  # noqa: S310 - loopback
                if answer.status == 200 and len(worker_pids(server.pid)) == workers:
                    return server
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- the machine ------------------------------------------------------------------------


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": server_version(),
        "django": metadata.version("django"),
        "gunicorn": metadata.version("gunicorn"),
        "kernel": platform.release(),
    }


# --- the run ----------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    wanted = args.scenarios.split(",")
    load_before = os.getloadavg()
    log(f"load average {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_HMAC_KEY": secrets.token_urlsafe(50),
        "LOOKUP_SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        # Every lookup comes from 127.0.0.1: the per-address limit is raised for the run.
        "LOOKUP_RATE_LIMIT": str(10**9),
    }
    env.pop("DEMO_MODE", None)
    redis_url = args.redis_url if args.redis_url and redis_reachable(args.redis_url) else ""
    env["REDIS_URL"] = redis_url
    log(f"rate limits on {redis_url or 'local memory (no Redis)'}")
    admin(f'DROP DATABASE IF EXISTS "{args.db}"')
    admin(f'CREATE DATABASE "{args.db}"')
    server = None
    try:
        log(f"database {args.db}: migrate, load_demo, collectstatic")
        manage(env, "migrate", "--noinput")
        manage({**env, "DEMO_MODE": "1"}, "load_demo")  # a throwaway database
        manage(env, "collectstatic", "--noinput")
        pool = django_side(env, "pool", str(args.pool))
        log(
            f"submission pool: {len(pool['entries'])} entries over {pool['procedures']} procedures "
            f"and {pool['agencies']} receiving agencies"
        )
        key = (
            manage(
                env,
                "create_api_client",
                "Thử tải",
                "--agency",
                pool["root_agency"],
                "--scopes",
                "dossiers:submit",
                "dossiers:read",
            )
            .strip()
            .splitlines()[-1]
        )
        queue_exists = django_side(env, "has-url", QUEUE_PATH)["exists"]
        run_queue = "queue" in wanted and (
            args.queue == "on" or (args.queue == "auto" and queue_exists)
        )
        port = free_port()
        log(f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}")
        server = start_server(env, args.workers, port, tmp / "gunicorn.log")
        rss_idle = {pid: rss_mb(pid) for pid in worker_pids(server.pid)}

        submission = scenarios.Submission(api_key=key, pool=pool["entries"])
        lookup = scenarios.Lookup()
        planned = [scenarios.Healthz(), submission, lookup]
        cookie = None
        if run_queue:
            cookie = django_side(env, "login", QUEUE_USER, DEMO_PASSWORD)["cookie"]
            planned.append(scenarios.QueuePage(session_cookie=cookie, path=QUEUE_PATH))
        results, samples = [], {}
        for scenario in planned:
            if scenario.name not in wanted:
                continue
            for concurrency in concurrencies:
                if scenario.name == "lookup" and not lookup.pairs:
                    raise SystemExit(
                        "no dossier codes to look up: run the submission scenario first"
                    )
                result, harvested, errors = loadgen.run(
                    scenario,
                    host="127.0.0.1",
                    port=port,
                    concurrency=concurrency,
                    duration=args.duration,
                    max_requests=args.max_requests,
                    warmup=args.warmup,
                    processes=args.client_processes,
                )
                if scenario is submission:
                    lookup.pairs.extend(harvested)
                samples.update(
                    {f"{scenario.name} c={concurrency} {k}": v for k, v in errors.items()}
                )
                results.append(result.as_dict())
                row = results[-1]
                log(
                    f"{scenario.name:>10} c={concurrency:<3} {row['rate']:>8.1f} req/s  "
                    f"p50 {row['p50_ms']:.1f} ms  p95 {row['p95_ms']:.1f}  p99 {row['p99_ms']:.1f}  "
                    f"errors {result.error_count}"
                )
        rss_after = {pid: rss_mb(pid) for pid in worker_pids(server.pid)}
        master_rss = rss_mb(server.pid)
        load_after = os.getloadavg()
        stop_server(server)
        server = None

        log("queries per request (Django test client, CaptureQueriesContext)")
        specs = [
            {"kind": "healthz"},
            {"kind": "submission", "api_key": key, "pool": pool["entries"]},
        ]
        specs.append({"kind": "lookup", "pairs": lookup.pairs[:200]})
        if run_queue:
            specs.append({"kind": "queue", "session_cookie": cookie, "path": QUEUE_PATH})
        wanted_specs = [s for s in specs if s["kind"] in wanted]
        query_counts = django_side(
            env, "queries", stdin={"scenarios": wanted_specs, "samples": args.samples}
        )
        profile = None
        if args.profile:
            log("cProfile of 200 submissions")
            profile = django_side(env, "profile", stdin={"scenario": specs[1], "count": 200})[
                "report"
            ]
        return {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join(["python -m bench.run", *sys.argv[1:]])
            + (" (through make bench)" if os.environ.get("MAKELEVEL") else ""),
            "machine": machine(),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in load_after],
            "workers": args.workers,
            "redis": bool(redis_url),
            "duration": args.duration,
            "warmup": args.warmup,
            "client_processes": args.client_processes,
            "pool": {k: pool[k] for k in ("procedures", "agencies")}
            | {"entries": len(pool["entries"])},
            "queue": {"exists": queue_exists, "ran": run_queue, "path": QUEUE_PATH},
            "results": results,
            "error_samples": samples,
            "queries": query_counts,
            "rss_idle_mb": sorted(round(v, 1) for v in rss_idle.values()),
            "rss_after_mb": sorted(round(v, 1) for v in rss_after.values()),
            "rss_master_mb": round(master_rss, 1),
            "profile": profile,
        }
    finally:
        if server is not None:
            stop_server(server)
        if not args.keep_db:
            admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
        subprocess.run(["rm", "-rf", str(tmp)], check=False)  # noqa: S607


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    failed = 0
    if "web" in args.sections:
        failed += run_web(args)
    for command in national_portal_commands(args):
        log("running " + " ".join(command[1:]))
        answer = subprocess.run(command, cwd=REPO, check=False)  # noqa: S603 - our own modules
        if answer.returncode != 0:
            log(f"{command[2]} failed ({answer.returncode})")
            failed += 1
    return 1 if failed else 0


def run_web(args: argparse.Namespace) -> int:
    started = time.monotonic()
    outcome = run(args)
    outcome["wall_s"] = round(time.monotonic() - started, 1)
    out_dir = REPO / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.json").write_text(json.dumps(outcome, ensure_ascii=False, indent=2))
    if outcome["profile"]:
        (out_dir / "profile.txt").write_text(outcome["profile"])
    markdown = report.render(outcome)
    print(markdown)
    if not args.no_doc:
        report.write_into(REPO / "docs" / "performance.md", markdown)
        log("docs/performance.md updated")
    failed = sum(sum(r["errors"].values()) for r in outcome["results"])
    log(f"done in {outcome['wall_s']} s; {failed} errors; raw results in var/bench/latest.json")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
