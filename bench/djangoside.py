"""The benchmark's work that needs Django, run as `python -m bench.djangoside COMMAND` with the
run's environment (DATABASE_URL and the rest). Prints one JSON document on stdout.

  pool N        N submissions the product accepts: procedures whose case needs exactly two
                documents, spread over their receiving agencies, with e-form data filled from
                each procedure's schema; every entry is tried through the real service in a
                transaction that is rolled back.
  login U P     sign a demo official in; prints the session cookie.
  has-url PATH  whether PATH resolves (is the office app's queue page there yet?).
  queries       (spec as JSON on stdin) queries per request of each scenario, through Django's
                test client with CaptureQueriesContext, over a sample of the same requests.
  profile N     cProfile of N submissions through the test client; top functions.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import random
import sys
import time
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from bench import scenarios  # noqa: E402

WORDS = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý An Bình Chi Dũng Hà Hương Khánh Lan Minh Ngọc Phúc Quân Sơn Thảo Trang Tuấn Yến số nhà ngõ đường phố".split()


class _DryRun(Exception):
    """Raised to roll back a trial submission."""


def _text(rng: random.Random, prop: dict) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))
    value = words[: prop.get("maxLength", 200)].strip()
    while len(value) < prop.get("minLength", 0):
        value += " " + rng.choice(WORDS)
    return value


def fill(schema: dict, rng: random.Random, communes: list[str]) -> dict:
    """A plausible submission of an e-form, field by field from its schema."""
    data: dict = {}
    for name, prop in (schema.get("properties") or {}).items():
        widget, kind = prop.get("x-widget"), prop["type"]
        if "enum" in prop:
            data[name] = rng.choice(prop["enum"])
        elif kind == "boolean":
            data[name] = True
        elif kind == "integer":
            low = int(prop.get("minimum", 0))
            data[name] = rng.randint(max(low, 1), int(prop.get("maximum", low + 50)))
        elif kind == "number":
            low = float(prop.get("minimum", 0))
            data[name] = round(rng.uniform(low + 1, float(prop.get("maximum", low + 500))), 1)
        elif prop.get("format") == "date":
            data[name] = (date(2025, 1, 1) + timedelta(days=rng.randint(0, 500))).isoformat()
        elif prop.get("format") == "email":
            data[name] = f"nguoinop{rng.randint(1, 99999)}@example.vn"
        elif widget == "personal-id":
            data[name] = f"{rng.randrange(10**11, 10**12)}"
        elif widget == "tax-code":
            data[name] = f"{rng.randrange(10**9, 10**10)}"
        elif widget == "phone":
            data[name] = f"09{rng.randrange(10**7, 10**8)}"
        elif widget == "commune":
            data[name] = rng.choice(communes)
        else:
            data[name] = _text(rng, prop)
    return data


def _applicant(rng: random.Random, schema: dict, communes: list[str]) -> dict:
    properties = schema.get("properties") or {}
    common = {"phone": f"09{rng.randrange(10**7, 10**8)}", "commune_code": rng.choice(communes)}
    if "ma_so_thue" in properties and "ten_to_chuc" in properties:
        return {
            "kind": "organisation",
            "name": "Công ty TNHH Thử Tải",
            "tax_code": "0109876543",
            **common,
        }
    return {"kind": "citizen", "name": "Nguyễn Văn Thử", "personal_id": "001090012345", **common}


def _accepted(entry: dict) -> str | None:
    """Try the entry through the real submission service, then roll it back. Returns the
    refusal, or None when the product accepts it."""
    from motcua.agencies.models import Agency
    from motcua.catalog.models import Procedure
    from motcua.dossiers import services
    from motcua.dossiers.applicants import Applicant
    from motcua.dossiers.errors import DossierError

    data = entry["data"]
    procedure = Procedure.objects.get(code=data["procedure"])
    uploads = [
        services.Upload(code, SimpleUploadedFile(f"{code}.pdf", scenarios.PDF, "application/pdf"))
        for code in entry["documents"]
    ]
    try:
        with transaction.atomic():
            services.create_dossier(
                procedure=procedure,
                case=procedure.cases.get(code=data["case"]),
                channel="online",
                applicant=Applicant(**data["applicant"]),
                receiving_agency=Agency.objects.get(code=data["receiving_agency"]),
                form_data=data["form_data"],
                uploads=uploads,
            )
            raise _DryRun
    except _DryRun:
        return None
    except DossierError as exc:
        return f"{exc.message} {exc.errors}"


def pool(size: int, seed: int = 7) -> dict:
    from motcua.agencies.choices import AgencyKind
    from motcua.agencies.models import Agency, Commune
    from motcua.catalog.choices import PublicationStatus
    from motcua.catalog.models import Procedure, filled_by_eform

    rng = random.Random(seed)
    communes = list(Commune.objects.values_list("code", flat=True)[:200])
    counters = list(
        Agency.objects.filter(
            receives_dossiers=True,
            is_active=True,
            kind__in=(AgencyKind.SERVICE_CENTRE, AgencyKind.SERVICE_BRANCH),
        )
    )
    if not counters:
        counters = list(Agency.objects.filter(receives_dossiers=True, is_active=True))
    candidates = []
    procedures = Procedure.objects.filter(
        status=PublicationStatus.PUBLISHED, via_online=True
    ).prefetch_related("cases__documents", "agencies")
    for procedure in procedures.order_by("code"):
        for case in procedure.cases.all():
            documents = list(case.documents.all())
            # The declaration an e-form replaces is filled in, not uploaded.
            codes = [
                (d.code or f"GT{i}", d.is_required and not filled_by_eform(procedure, d))
                for i, d in enumerate(documents, start=1)
            ]
            required = [code for code, is_required in codes if is_required]
            if len(required) != 2:
                continue
            receiving = [a for a in procedure.agencies.all() if a.receives_dossiers and a.is_active]
            candidates.append((procedure, case, required, receiving or counters))
    entries, refused = [], []
    agencies_used: set[str] = set()
    rounds = 0
    while len(entries) < size and candidates and rounds < size * 3:
        rounds += 1
        procedure, case, required, receiving = candidates[rounds % len(candidates)]
        schema = procedure.eform_schema or {}
        entry = {
            "data": {
                "procedure": procedure.code,
                "case": case.code,
                "channel": "online",
                "receiving_agency": rng.choice(receiving).code,
                "applicant": _applicant(rng, schema, communes),
                "form_data": fill(schema, rng, communes),
                "requested_return_channel": "online",
            },
            "documents": required,
        }
        problem = _accepted(entry)
        if problem:
            refused.append({"procedure": procedure.code, "problem": problem[:300]})
            continue
        entries.append(entry)
        agencies_used.add(entry["data"]["receiving_agency"])
    root = Agency.objects.filter(parent__isnull=True).order_by("path").first()
    return {
        "root_agency": root.code,
        "entries": entries,
        "procedures": len({e["data"]["procedure"] for e in entries}),
        "agencies": len(agencies_used),
        "refused": refused[:10],
    }


def login(username: str, password: str) -> dict:
    """The password step, then the second factor as the code page records it (the session
    names the official's authenticator), so that office pages answer 200, not the code page."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from motcua.accounts import second_factor

    client = Client()
    if not client.login(username=username, password=password):
        raise SystemExit(f"could not sign {username} in")
    device = TOTPDevice.objects.filter(user__username=username).order_by("pk").first()
    if device is not None:
        session = client.session
        second_factor.mark_verified(session, device)
        session.save()
    return {"cookie": f"sessionid={client.cookies['sessionid'].value}"}


def city_samples(username: str, count: int) -> dict:
    """Codes, personal IDs and names without diacritics of dossiers in `username`'s lists,
    for the city benchmark's searches: each found through the primary key from a random
    point, so that a sample costs the same however large the table."""
    from django.db.models import Max

    from motcua.accounts.models import User
    from motcua.dossiers import selectors
    from motcua.dossiers.models import Dossier
    from motcua.lib.text import fold

    user = User.objects.get(username=username)
    listed = selectors.listed_dossiers(user).order_by("pk")
    top = Dossier.objects.aggregate(top=Max("pk"))["top"] or 0
    rng = random.Random(11)
    codes, ids, names = [], [], []
    for _ in range(count * 3):
        row = (
            listed.filter(pk__gte=rng.randint(1, max(top, 1)))
            .values("code", "applicant_personal_id", "applicant_name")
            .first()
        )
        if row is None:
            continue
        codes.append(row["code"])
        if row["applicant_personal_id"]:
            ids.append(row["applicant_personal_id"])
        names.append(fold(row["applicant_name"]))
        if len(codes) >= count:
            break
    return {"codes": codes, "personal_ids": ids, "names": names, "dossiers": top}


def has_url(path: str) -> dict:
    try:
        resolve(path)
    except Resolver404:
        return {"exists": False}
    return {"exists": True}


def _scenario(spec: dict):
    kind = spec.pop("kind")
    return {
        "healthz": scenarios.Healthz,
        "submission": scenarios.Submission,
        "lookup": scenarios.Lookup,
        "queue": scenarios.QueuePage,
        "page": scenarios.Page,
    }[kind](**spec)


def _send(client: Client, request):
    headers = dict(request.headers or {})
    content_type = headers.pop("Content-Type", "application/octet-stream")
    return client.generic(
        request.method,
        request.path,
        data=request.body or b"",
        content_type=content_type,
        headers=headers,
    )


def queries(spec: dict) -> dict:
    """Per scenario, over `samples` requests each: queries per request (CaptureQueriesContext),
    then, for a second sample sent without capturing, the Django process's own CPU time per
    request (time.process_time: the database server's time is not in it). The CPU figure
    holds still on a shared machine where wall-clock rates do not. The first request of each
    is sent once before, unmeasured, so per-process caches are warm as in a worker."""
    rng = random.Random(3)
    samples = spec.get("samples", 20)
    out = {}
    for scenario_spec in spec["scenarios"]:
        scenario = _scenario(dict(scenario_spec))
        client = Client()
        _send(client, scenario.request(rng))
        counts, statuses = [], []
        for _ in range(samples):
            with CaptureQueriesContext(connection) as captured:
                statuses.append(_send(client, scenario.request(rng)).status_code)
            counts.append(len(captured.captured_queries))
        requests = [scenario.request(rng) for _ in range(samples)]
        started = time.process_time()
        for request in requests:
            statuses.append(_send(client, request).status_code)
        cpu_ms = (time.process_time() - started) / samples * 1000
        out[scenario.name] = {
            "mean": sum(counts) / len(counts),
            "min": min(counts),
            "max": max(counts),
            "cpu_ms": round(cpu_ms, 2),
            "non_2xx": sum(1 for status in statuses if not 200 <= status < 300),
        }
    return out


def profile(spec: dict) -> dict:
    """cProfile of `count` requests of one scenario; also returns what they harvested (the
    codes and secrets of new dossiers, for profiling lookups next)."""
    rng = random.Random(5)
    scenario = _scenario(dict(spec["scenario"]))
    client = Client()
    _send(client, scenario.request(rng))
    profiler = cProfile.Profile()
    statuses, harvested = [], []
    profiler.enable()
    for _ in range(spec.get("count", 200)):
        response = _send(client, scenario.request(rng))
        statuses.append(response.status_code)
        if 200 <= response.status_code < 300:
            harvested.append(scenario.harvest(response.status_code, response.content))
    profiler.disable()
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    return {
        "statuses": sorted(set(statuses)),
        "harvested": [item for item in harvested if item is not None],
        "report": report.getvalue(),
    }


def main(argv: list[str]) -> None:
    command, *rest = argv
    if command == "pool":
        result = pool(int(rest[0]))
    elif command == "login":
        result = login(rest[0], rest[1])
    elif command == "city-samples":
        result = city_samples(rest[0], int(rest[1]))
    elif command == "has-url":
        result = has_url(rest[0])
    elif command == "queries":
        result = queries(json.load(sys.stdin))
    elif command == "profile":
        result = profile(json.load(sys.stdin))
    else:
        raise SystemExit(f"unknown command {command}")
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
