"""The national portal's sync lag: from a dossier event to the portal's acknowledgement, at a
sustained rate (10 events per second unless told), through the real path: the outbox, the
delivery worker (`manage.py run_deliveries --loop`, its own process) and the simulator (its
own process), on a fresh PostgreSQL database loaded with the demo.

    python -m bench.national_portal_sync [--rate 10] [--duration 60] [--no-doc]

Each event is a step of a dossier already in processing, written as the services write it (in
a transaction, with its outbox event), spread over `--dossiers` dossiers; the lag of an event
is its delivery's `delivered_at` (set once the portal acknowledged the dossier sync and the
progress line and the read-back found them) minus the event's `created_at`. The results go
into docs/performance.md between the markers of its "National portal sync lag" section.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.run import REPO, admin, machine, manage, server_version
from bench.stats import percentile

DOC = REPO / "docs" / "performance.md"
START = "<!-- national-portal-sync:start -->"
END = "<!-- national-portal-sync:end -->"


def log(message: str) -> None:
    print(f"[bench-np {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.national_portal_sync")
    parser.add_argument("--db", default=os.environ.get("BENCH_NP_DB", "motcua_bench_np"))
    parser.add_argument("--rate", type=float, default=10.0, help="events per second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of events")
    parser.add_argument("--dossiers", type=int, default=30, help="dossiers the events touch")
    parser.add_argument("--demo-dossiers", type=int, default=120)
    parser.add_argument("--workers", type=int, default=1, help="delivery worker processes")
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args(argv)


def environment(db: str, media: str, static: str) -> dict:
    return dict(
        os.environ,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        DEBUG="1",
        DEMO_MODE="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        AUDIT_HMAC_KEY=secrets.token_urlsafe(40),
        LOOKUP_SECRET_KEY=secrets.token_urlsafe(40),
        MEDIA_ROOT=media,
        STATIC_ROOT=static,
        DJANGO_SETTINGS_MODULE="motcua.settings",
    )


def generate(rate: float, duration: float, dossier_count: int) -> tuple[int, float, float]:
    """Write events at `rate` per second for `duration` seconds, in this process. Returns the
    first event's id, the moment generation started and how many events were written."""
    import django

    django.setup()
    from django.db import transaction
    from django.utils import timezone

    from motcua.dossiers.models import Dossier
    from motcua.events.models import OutboxEvent
    from motcua.events.services import emit

    dossiers = list(
        Dossier.objects.filter(status="processing", code__isnull=False)
        .select_related("procedure")
        .order_by("pk")[:dossier_count]
    )
    if len(dossiers) < dossier_count:
        raise SystemExit(f"only {len(dossiers)} dossiers in processing; load more demo dossiers")
    first = (OutboxEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    interval = 1.0 / rate
    started = time.monotonic()
    written = 0
    while time.monotonic() - started < duration:
        due = started + written * interval
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        dossier = dossiers[written % len(dossiers)]
        now = timezone.now()
        with transaction.atomic():
            emit(
                "dossier.forward",
                subject=dossier.code,
                dossier=dossier,
                payload={"code": dossier.code, "status": "processing", "at": now.isoformat()},
                now=now,
            )
        written += 1
    return first, time.monotonic() - started, written


def lags(first_event: int) -> tuple[list[float], int]:
    from motcua.events.models import Delivery

    rows = Delivery.objects.filter(consumer="national_portal", event_id__gte=first_event)
    undelivered = rows.exclude(status="done").count()
    values = [
        (delivered - created).total_seconds()
        for created, delivered in rows.filter(status="done").values_list(
            "event__created_at", "delivered_at"
        )
    ]
    return values, undelivered


def write_doc(text: str) -> None:
    page = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in page:
        page = re.sub(re.escape(START) + r".*?" + re.escape(END), block, page, flags=re.S)
    else:
        page = page.rstrip("\n") + "\n\n## National portal sync lag\n\n" + block + "\n"
    DOC.write_text(page, encoding="utf-8")


def main(argv=None) -> None:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    sys.path.insert(0, str(REPO))
    from tests.sim_process import national_portal_process

    media, static, sim_data = (tempfile.mkdtemp(prefix=f"motcua-np-{p}-") for p in "msd")
    env = environment(args.db, media, static)
    admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{args.db}"')
    sim = None
    workers = []
    try:
        log("migrating and loading the demo")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo", "--dossiers", str(args.demo_dossiers))
        sim = national_portal_process(Path(sim_data)).start()
        env.update(
            NATIONAL_PORTAL_URL=sim.api_url,
            NATIONAL_PORTAL_USERNAME=sim.username,
            NATIONAL_PORTAL_PASSWORD=sim.password,
            NATIONAL_PORTAL_DSTCODE=sim.province,
        )
        os.environ.update(env)
        workers = [
            subprocess.Popen(  # noqa: S603 - our own manage.py
                [sys.executable, "manage.py", "run_deliveries", "--loop", "--interval", "0.05"],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _worker in range(args.workers)
        ]
        log(f"{args.rate:g} events/s for {args.duration:g} s over {args.dossiers} dossiers")
        first, took, written = generate(args.rate, args.duration, args.dossiers)
        deadline = time.monotonic() + 180
        while True:
            values, undelivered = lags(first)
            if not undelivered or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        if undelivered:
            raise SystemExit(f"{undelivered} events still undelivered after 3 minutes")
        p50, p95 = percentile(values, 50), percentile(values, 95)
        worst = max(values)
        log(
            f"{written} events in {took:.1f} s; lag p50 {p50:.3f} s, p95 {p95:.3f} s, max {worst:.3f} s"
        )
        if not args.no_doc:
            box = machine()
            text = "\n".join(
                [
                    f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {box['cpu']} "
                    f"({box['cores']} cores, {box['memory_gib']} GiB), PostgreSQL "
                    f"{server_version()}, Python {sys.version.split()[0]}; "
                    "`python -m bench.national_portal_sync`.",
                    "",
                    "| events | rate (events/s) | dossiers | workers | lag p50 (s) | lag p95 (s) "
                    "| max (s) |",
                    "| --- | --- | --- | --- | --- | --- | --- |",
                    f"| {written} | {written / took:.1f} | {args.dossiers} | {args.workers} | "
                    f"{p50:.3f} | {p95:.3f} | {worst:.3f} |",
                ]
            )
            write_doc(text)
            log(f"written into {DOC.relative_to(REPO)}")
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=10)
        if sim is not None:
            sim.stop()
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')


if __name__ == "__main__":
    main()
