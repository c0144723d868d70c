"""Inbound dossiers per second: dossiers submitted on the national portal (the simulator, its
own process) pushed to Motcua (gunicorn, as in production) on a fresh PostgreSQL database.

    python -m bench.national_portal_inbound [--dossiers 200] [--concurrency 4] [--no-doc]

The simulator first keeps `--dossiers` submissions without pushing them (its no_push fault),
each with two files (a PDF and a PNG); the bench then pushes their bodies, signed as the
portal signs them, from `--concurrency` threads. Each push is the whole inbound path: the
signature, the procedure and agency, both files fetched from the simulator and hashed, the
content check, the dossier created through the services. A second round pushes every body
again: the same dossier, found by its national code. The results go into docs/performance.md
between the markers of its "National portal inbound" section.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from bench.run import (
    REPO,
    admin,
    free_port,
    machine,
    manage,
    server_version,
    start_server,
    stop_server,
)
from bench.stats import percentile

DOC = REPO / "docs" / "performance.md"
START = "<!-- national-portal-inbound:start -->"
END = "<!-- national-portal-inbound:end -->"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def log(message: str) -> None:
    print(f"[bench-np-in {time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.national_portal_inbound")
    parser.add_argument("--db", default=os.environ.get("BENCH_NP_IN_DB", "motcua_bench_np_in"))
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--no-doc", action="store_true")
    return parser.parse_args(argv)


def environment(db: str, media: str, static: str, secret: str) -> dict:
    return dict(
        os.environ,
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db}",
        SECRET_KEY=secrets.token_urlsafe(50),
        AUDIT_HMAC_KEY=secrets.token_urlsafe(40),
        LOOKUP_SECRET_KEY=secrets.token_urlsafe(40),
        MEDIA_ROOT=media,
        STATIC_ROOT=static,
        STATIC_MANIFEST="0",
        SECURE_SSL_REDIRECT="0",
        NATIONAL_PORTAL_INBOUND_SECRET=secret,
        NATIONAL_PORTAL_ONLINE_CHANNEL="1",
        DJANGO_SETTINGS_MODULE="motcua.settings",
    )


def province() -> tuple[str, str]:
    """A receiving agency and a published online procedure with two required documents, made
    with the test factories in this process; returns (procedure code, agency code)."""
    import django

    django.setup()
    from motcua.agencies.choices import AgencyKind
    from motcua.agencies.tests.factories import AgencyFactory
    from motcua.catalog.tests.factories import (
        ProcedureAgencyFactory,
        ProcedureCaseFactory,
        ProcedureFactory,
        RequiredDocumentFactory,
    )

    city = AgencyFactory(
        name="UBND Thành phố Hà Nội", kind=AgencyKind.PEOPLES_COMMITTEE, receives_dossiers=False
    )
    ward = AgencyFactory(name="UBND Phường Hoàn Kiếm", parent=city)
    procedure = ProcedureFactory(name="Cấp giấy phép xây dựng nhà ở riêng lẻ")
    ProcedureAgencyFactory(procedure=procedure, agency=ward)
    case = ProcedureCaseFactory(procedure=procedure, code="TH1")
    RequiredDocumentFactory(case=case, code="DON", name="Đơn đề nghị")
    RequiredDocumentFactory(case=case, code="GCN", name="Giấy chứng nhận")
    return procedure.code, ward.code


def submissions(sim, count: int, procedure: str, agency: str) -> list[dict]:
    sim.set_fault("no_push")
    codes = []
    for index in range(count):
        answer = sim.submit(
            MaTTHC=procedure,
            MaDonViTiepNhan=agency,
            ThongTinNguoiNop={
                "HoVaTen": "Nguyễn Thị Mai",
                "SoDinhDanh": f"0011900{index:05d}",
                "SoDienThoai": "0912345678",
                "Email": "mai@example.vn",
            },
            VNeID=True,
            DuLieuBieuMau={},
            files=[
                {
                    "MaThanhPhanHoSo": "DON",
                    "name": "don.pdf",
                    "content_base64": base64.b64encode(PDF + str(index).encode()).decode(),
                },
                {
                    "MaThanhPhanHoSo": "GCN",
                    "name": "gcn.png",
                    "content_base64": base64.b64encode(PNG + str(index).encode()).decode(),
                },
            ],
        )
        codes.append(answer["MaHoSoQG"])
    sim.clear_faults()
    bodies = {s["MaHoSoQG"]: s["body"] for s in sim.submissions()}
    return [bodies[code] for code in codes]


def push_all(url: str, secret: str, bodies: list[dict], concurrency: int):
    """Push every body from `concurrency` threads; (seconds, latencies, statuses)."""
    queue = list(enumerate(bodies))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: list[int] = []

    def work():
        while True:
            with lock:
                if not queue:
                    return
                _index, body = queue.pop(0)
            raw = json.dumps(body, ensure_ascii=False).encode()
            stamp = str(int(time.time()))
            signature = hmac.new(
                secret.encode(), stamp.encode() + b"." + raw, hashlib.sha256
            ).hexdigest()
            request = urllib.request.Request(  # noqa: S310 - loopback
                url,
                data=raw,
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "X-NP-Timestamp": stamp,
                    "X-NP-Signature": f"sha256={signature}",
                },
            )
            began = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                    status = answer.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                statuses.append(status)

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, latencies, statuses


def write_doc(text: str) -> None:
    page = DOC.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in page:
        page = re.sub(re.escape(START) + r".*?" + re.escape(END), block, page, flags=re.S)
    else:
        page = page.rstrip("\n") + "\n\n## National portal inbound\n\n" + block + "\n"
    DOC.write_text(page, encoding="utf-8")


def main(argv=None) -> None:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    logging.getLogger("httpx").setLevel(logging.WARNING)
    sys.path.insert(0, str(REPO))
    from tests.sim_process import national_portal_process

    media, static, sim_data, logs = (tempfile.mkdtemp(prefix=f"motcua-npin-{p}-") for p in "msdl")
    sim = national_portal_process(Path(sim_data))
    env = environment(args.db, media, static, sim.inbound_secret)
    admin(f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{args.db}"')
    server = None
    try:
        log("migrating")
        manage(env, "migrate", "--noinput")
        os.environ.update(env)
        procedure, agency = province()
        manage(env, "setup_national_portal_client")
        port = free_port()
        server = start_server(env, args.workers, port, Path(logs) / "gunicorn.log")
        sim.start()
        log(f"{args.dossiers} submissions on the simulator")
        bodies = submissions(sim, args.dossiers, procedure, agency)
        url = f"http://127.0.0.1:{port}/api/v1/national-portal/dossiers"
        log(f"pushing them from {args.concurrency} threads ({args.workers} gunicorn workers)")
        took, latencies, statuses = push_all(url, sim.inbound_secret, bodies, args.concurrency)
        if set(statuses) != {200}:
            raise SystemExit(f"pushes answered {sorted(set(statuses))}")
        again, repeat_latencies, statuses = push_all(
            url, sim.inbound_secret, bodies, args.concurrency
        )
        if set(statuses) != {200}:
            raise SystemExit(f"repeated pushes answered {sorted(set(statuses))}")
        from motcua.dossiers.models import Dossier

        created = Dossier.objects.count()
        if created != args.dossiers:
            raise SystemExit(f"{created} dossiers for {args.dossiers} submissions")
        rate, repeat_rate = args.dossiers / took, args.dossiers / again
        p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
        r50, r95 = percentile(repeat_latencies, 50), percentile(repeat_latencies, 95)
        log(
            f"new: {rate:.1f} dossiers/s, p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
            f"repeated: {repeat_rate:.1f}/s, p50 {r50 * 1000:.0f} ms, p95 {r95 * 1000:.0f} ms"
        )
        if not args.no_doc:
            box = machine()
            text = "\n".join(
                [
                    f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {box['cpu']} "
                    f"({box['cores']} cores, {box['memory_gib']} GiB), PostgreSQL "
                    f"{server_version()}, Python {sys.version.split()[0]}, gunicorn "
                    f"{args.workers} sync workers, {args.concurrency} pushing threads; "
                    "`python -m bench.national_portal_inbound`. Each dossier has two files "
                    "fetched from the simulator.",
                    "",
                    "| push | dossiers | dossiers/s | latency p50 (ms) | latency p95 (ms) |",
                    "| --- | --- | --- | --- | --- |",
                    f"| new dossier | {args.dossiers} | {rate:.1f} | {p50 * 1000:.0f} | "
                    f"{p95 * 1000:.0f} |",
                    f"| the same again | {args.dossiers} | {repeat_rate:.1f} | "
                    f"{r50 * 1000:.0f} | {r95 * 1000:.0f} |",
                ]
            )
            write_doc(text)
            log(f"written into {DOC.relative_to(REPO)}")
    finally:
        if server is not None:
            stop_server(server)
        sim.stop()


if __name__ == "__main__":
    main()
