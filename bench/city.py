"""The city-scale benchmark: `python -m bench.city --dossiers 1000000` (or `make bench
BENCH_ARGS="--sections city --dossiers 1000000"`).

A fresh PostgreSQL database gets the demo catalog and N generated dossiers with their whole
history (`manage.py generate_dossiers`, timed, its peak memory read), then gunicorn serves it
as in `make bench`, and each scenario is measured at 1 and 16 clients: the leaders' dashboard
and service index pages and their API, an official's queue page, the office's dossier search
by code, by personal ID and by a name typed without diacritics, and submissions while a
leader reads the dashboard. A scenario whose URL does not answer 200 yet is left out and said
so (the reports' pages and API are built beside this benchmark). The table goes into
docs/performance.md between its markers; the database is dropped at the end unless
`--keep-db`, and `--reuse-db` measures an existing one without generating again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

import psycopg

from bench import loadgen, scenarios
from bench.run import (
    DEMO_PASSWORD,
    PYTHON,
    QUEUE_PATH,
    REPO,
    admin,
    django_side,
    free_port,
    log,
    machine,
    manage,
    redis_reachable,
    start_server,
    stop_server,
)

DOC = REPO / "docs" / "performance.md"
START = "<!-- bench:city:start (written by `python -m bench.city`; edit outside these markers) -->"
END = "<!-- bench:city:end -->"
DASHBOARD = "/can-bo/bao-cao/"
SERVICE_INDEX = "/can-bo/bao-cao/chi-so/"
API_FIGURES = "/api/v1/reports/figures"
API_INDEX = "/api/v1/reports/service-index"
LEADER = "baocao"  # the demo's report reader on the whole province
OFFICIAL = "tiepnhan"  # the demo's reception official at the service centre
REPORTS_SCOPE = os.environ.get("BENCH_REPORTS_SCOPE", "reports:read")
# The aims at 10 million dossiers (docs/performance.md).
PAGE_P95_MS = 200
QUEUE_P95_MS = 50


def parse_args(argv: list[str]) -> argparse.Namespace:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(
        prog="python -m bench.city", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--db", default=os.environ.get("BENCH_CITY_DB", "motcua_city"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2 * cores + 1)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--concurrency", default="1,16")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--reuse-db", action="store_true",
                        help="measure the database as it is (no generation)")  # fmt: skip
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))  # fmt: skip
    return parser.parse_args(argv)


def _db_url(db: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{db}"


def generate(env: dict, args: argparse.Namespace) -> dict:
    """Run generate_dossiers, timed, with the child's peak resident memory."""
    log(f"generate_dossiers --count {args.dossiers}")
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 - our own command
        [PYTHON, "manage.py", "generate_dossiers", "--count", str(args.dossiers), "--seed",
         str(args.seed), "--batch", str(args.batch)],  # fmt: skip
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"generate_dossiers failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(done.stdout)
    generation = re.search(r"trong ([\d.]+) giây", done.stdout)
    rebuild = re.search(r"Dựng lại số liệu báo cáo trong ([\d.]+) giây", done.stdout)
    return {
        "wall_s": round(wall, 1),
        "generation_s": float(generation.group(1)) if generation else None,
        "rebuild_s": float(rebuild.group(1)) if rebuild else None,
        "peak_rss_mb": round(peak_mb),
    }


def database_facts(db: str) -> dict:
    with psycopg.connect(_db_url(db), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in (
                "dossiers_dossier",
                "events_auditevent",
                "dossiers_dossierstep",
                "payments_receipt",
            )  # fmt: skip
        }
    return {"size_gb": round(size / 1e9, 2), "rows": counts}


def probe(port: int, path: str, headers: dict) -> int:
    conn = HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers=headers)
        answer = conn.getresponse()
        answer.read()
        return answer.status
    finally:
        conn.close()


class Reader(threading.Thread):
    """A leader reading the dashboard over and over while submissions are measured."""

    def __init__(self, port: int, path: str, headers: dict):
        super().__init__(daemon=True)
        self.port, self.path, self.headers = port, path, headers
        self.stop = threading.Event()
        self.reads = 0
        self.failed = 0

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                status = probe(self.port, self.path, self.headers)
            except OSError:
                status = 0
            if status == 200:
                self.reads += 1
            else:
                self.failed += 1


def run(args: argparse.Namespace) -> dict:
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="motcua-city-"))
    secret_env = Path(REPO / "var" / "bench" / "city-keys.json")
    keys = json.loads(secret_env.read_text()) if args.reuse_db and secret_env.exists() else {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AUDIT_HMAC_KEY": secrets.token_urlsafe(50),
        "LOOKUP_SECRET_KEY": secrets.token_urlsafe(50),
    }  # fmt: skip
    if args.keep_db:  # the throwaway keys of a kept database, for a later --reuse-db
        secret_env.parent.mkdir(parents=True, exist_ok=True)
        secret_env.write_text(json.dumps(keys))
    env = {
        **os.environ,
        **keys,
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "DATABASE_URL": _db_url(args.db),
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "LOOKUP_RATE_LIMIT": str(10**9),
    }
    env.pop("DEMO_MODE", None)
    redis_url = args.redis_url if args.redis_url and redis_reachable(args.redis_url) else ""
    env["REDIS_URL"] = redis_url
    load_before = os.getloadavg()
    generation = None
    server = None
    try:
        if not args.reuse_db:
            admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
            admin(f'CREATE DATABASE "{args.db}"')
            log(f"database {args.db}: migrate, load_demo")
            manage(env, "migrate", "--noinput")
            manage({**env, "DEMO_MODE": "1"}, "load_demo", "--dossiers", "0")
            generation = generate(env, args)
        manage(env, "collectstatic", "--noinput")
        facts = database_facts(args.db)
        log(f"database: {facts}")
        samples = django_side(env, "city-samples", OFFICIAL, "60")
        pool = django_side(env, "pool", "40")
        key = manage(env, "create_api_client", f"Thử tải {secrets.token_hex(3)}", "--agency",
                     pool["root_agency"], "--scopes", "dossiers:submit", "dossiers:read")  # fmt: skip
        key = key.strip().splitlines()[-1]
        try:
            reports_key = manage(env, "create_api_client", f"Báo cáo {secrets.token_hex(3)}",
                                 "--agency", pool["root_agency"], "--scopes", REPORTS_SCOPE)  # fmt: skip
            reports_key = reports_key.strip().splitlines()[-1]
        except SystemExit:
            reports_key = None
        official = {"Cookie": django_side(env, "login", OFFICIAL, DEMO_PASSWORD)["cookie"]}
        leader = {"Cookie": django_side(env, "login", LEADER, DEMO_PASSWORD)["cookie"]}
        api = {"X-API-Key": reports_key} if reports_key else {}
        port = free_port()
        log(f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port}")
        server = start_server(env, args.workers, port, tmp / "gunicorn.log")
        search = QUEUE_PATH + "?hang=tat-ca&q="
        planned = [
            ("dashboard", [DASHBOARD], leader, PAGE_P95_MS),
            ("service index", [SERVICE_INDEX], leader, PAGE_P95_MS),
            ("API figures", [API_FIGURES], api, PAGE_P95_MS),
            ("API service index", [API_INDEX], api, PAGE_P95_MS),
            ("queue", [QUEUE_PATH], official, QUEUE_P95_MS),
            ("search: code", [search + c for c in samples["codes"]], official, QUEUE_P95_MS),
            ("search: personal ID", [search + i for i in samples["personal_ids"]], official,
             QUEUE_P95_MS),
            ("search: name", [search + urllib.parse.quote(n) for n in samples["names"]],
             official, QUEUE_P95_MS),
        ]  # fmt: skip
        results, skipped = [], []
        for name, paths, headers, aim in planned:
            if not paths or (name.startswith("API") and not reports_key):
                skipped.append((name, "no API client with the reports scope"))
                continue
            status = probe(port, paths[0], headers)
            if status != 200:
                skipped.append((name, f"{paths[0]} answered {status}"))
                log(f"{name}: {paths[0]} answered {status}, left out")
                continue
            scenario = scenarios.Page(name=name, paths=paths, headers=headers)
            for concurrency in concurrencies:
                result, _harvest, errors = loadgen.run(
                    scenario, host="127.0.0.1", port=port, concurrency=concurrency,
                    duration=args.duration, max_requests=args.max_requests,
                    warmup=args.warmup, processes=args.client_processes,
                )  # fmt: skip
                row = result.as_dict() | {"aim_p95_ms": aim}
                results.append(row)
                log(f"{name:>20} c={concurrency:<3} {row['rate']:>8.1f} req/s  p50 "
                    f"{row['p50_ms']:.1f} ms  p95 {row['p95_ms']:.1f}  errors {result.error_count}")  # fmt: skip
        # Submissions alone, then while a leader reads the dashboard.
        submission = scenarios.Submission(api_key=key, pool=pool["entries"])
        reading_path = DASHBOARD if not any(s[0] == "dashboard" for s in skipped) else None
        top = max(concurrencies)
        for label in ("submission", "submission while reading"):
            reader = None
            if label != "submission":
                if reading_path is None:
                    skipped.append((label, "the dashboard does not answer"))
                    continue
                reader = Reader(port, reading_path, leader)
                reader.start()
            result, _harvest, errors = loadgen.run(
                submission, host="127.0.0.1", port=port, concurrency=top,
                duration=args.duration, max_requests=args.max_requests,
                warmup=args.warmup, processes=args.client_processes,
            )  # fmt: skip
            row = result.as_dict() | {"scenario": label, "aim_p95_ms": None}
            if reader is not None:
                reader.stop.set()
                reader.join(timeout=120)
                row["reads"] = reader.reads
                row["read_failures"] = reader.failed
            results.append(row)
            log(f"{label:>20} c={top:<3} {row['rate']:>8.1f} req/s  p95 {row['p95_ms']:.1f}")
        stop_server(server)
        server = None
        return {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join(["python -m bench.city", *sys.argv[1:]]),
            "machine": machine(),
            "disk": _disk(),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "dossiers": samples["dossiers"],
            "generation": generation,
            "database": facts,
            "workers": args.workers,
            "duration": args.duration,
            "results": results,
            "skipped": skipped,
        }
    finally:
        if server is not None:
            stop_server(server)
        if not args.keep_db:
            admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
            secret_env.unlink(missing_ok=True)
        subprocess.run(["rm", "-rf", str(tmp)], check=False)  # noqa: S607


def _disk() -> str:
    stat = os.statvfs(REPO)
    free_gb = stat.f_bavail * stat.f_frsize / 1e9
    total_gb = stat.f_blocks * stat.f_frsize / 1e9
    return f"{free_gb:.0f} GB free of {total_gb:.0f} GB"


def render(outcome: dict) -> str:
    m = outcome["machine"]
    lines = [
        f"Run of {outcome['date']} (UTC), `{outcome['command']}`.",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB memory; disk "
        f"{outcome['disk']}. PostgreSQL {m['postgresql']}, Python {m['python']}, "
        f"Django {m['django']}; gunicorn {outcome['workers']} sync workers; load average "
        f"{' / '.join(map(str, outcome['load_before']))} before, "
        f"{' / '.join(map(str, outcome['load_after']))} after.",
        f"- Database: {outcome['dossiers']:,} dossiers, "
        f"{outcome['database']['rows']['events_auditevent']:,} audit events, "
        f"{outcome['database']['rows']['dossiers_dossierstep']:,} steps, "
        f"{outcome['database']['rows']['payments_receipt']:,} receipts; "
        f"{outcome['database']['size_gb']} GB.",
    ]
    gen = outcome["generation"]
    if gen:
        lines.append(
            f"- Generation (`generate_dossiers`): {gen['generation_s']} s for the dossiers "
            f"({outcome['dossiers'] / gen['generation_s']:,.0f} per second), "
            f"{gen['rebuild_s']} s for the report aggregates, {gen['wall_s']} s in all; "
            f"peak resident memory {gen['peak_rss_mb']} MB."
        )
    lines += [
        "",
        "| Scenario | Clients | Requests | Errors | Req/s | p50 ms | p95 ms | Aim p95 at 10M |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in outcome["results"]:
        errors = sum(row["errors"].values())
        aim = f"{row['aim_p95_ms']} ms" if row.get("aim_p95_ms") else ""
        name = row["scenario"]
        if "reads" in row:
            name += f" ({row['reads']} dashboard reads meanwhile)"
        lines.append(
            f"| {name} | {row['concurrency']} | {row['requests']:,} | {errors} | "
            f"{row['rate']:,.1f} | {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {aim} |"
        )
    for name, why in outcome["skipped"]:
        lines.append(f"\nLeft out: {name} ({why}).")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    page = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in page:
        page = re.sub(
            re.escape(START) + r".*?" + re.escape(END), lambda _m: block, page, flags=re.S
        )
    else:
        page = page.rstrip("\n") + "\n\n## City scale\n\n" + block + "\n"
    DOC.write_text(page, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    outcome = run(args)
    out = REPO / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "city.json").write_text(json.dumps(outcome, ensure_ascii=False, indent=2))
    text = render(outcome)
    print(text)
    if not args.no_doc:
        write_doc(text)
        log("docs/performance.md updated (city scale)")
    failed = sum(sum(r["errors"].values()) for r in outcome["results"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
