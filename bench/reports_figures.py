"""The reports' figures at scale: how long a rebuild of the aggregates takes and how fast the
figures answer, on PostgreSQL, with `--dossiers` dossiers (1,000,000 unless told) spread over a
year, 140 agencies and 200 procedures.

    python -m bench.reports_figures [--dossiers 1000000] [--db motcua_bench_reports] [--no-doc]

The database is dropped and made again, migrated, given a province (a People's Committee, 20
departments and 120 wards under it, 20 fields of 10 procedures each) and then the dossiers,
written by one INSERT … SELECT over generate_series (random agencies, procedures, channels and
moments; most decided, some late, some asked for supplements, the rest processing). The
aggregates are then built by `reports.maintenance.rebuild()` (timed), and each figure call is
timed five times (the median is kept). The results go into docs/performance.md between the
markers of its "Reports' figures" section.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime

from bench.run import REPO, admin, machine, manage

DOC = REPO / "docs" / "performance.md"
START = "<!-- reports-figures:start -->"
END = "<!-- reports-figures:end -->"
YEAR = 2026


def log(message: str) -> None:
    print(f"[bench-reports {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.reports_figures")
    parser.add_argument("--db", default=os.environ.get("BENCH_REPORTS_DB", "motcua_bench_reports"))
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-doc", action="store_true")
    return parser.parse_args(argv)


def province():
    from decimal import Decimal

    from motcua.agencies.choices import AgencyKind
    from motcua.agencies.models import Agency
    from motcua.catalog.choices import PublicationStatus
    from motcua.catalog.models import Field, Procedure, ProcedureAgency, ProcedureCase

    top = Agency.objects.create(
        code="000.00.00.H99", name="UBND tỉnh thử", kind=AgencyKind.PEOPLES_COMMITTEE
    )
    departments = [
        Agency.objects.create(
            code=f"000.{i:02d}.00.H99", name=f"Sở {i}", kind=AgencyKind.DEPARTMENT, parent=top
        )
        for i in range(1, 21)
    ]
    wards = [
        Agency.objects.create(
            code=f"{i:03d}.00.00.H99", name=f"UBND phường {i}", kind=AgencyKind.COMMUNE, parent=top
        )
        for i in range(1, 121)
    ]
    procedures, cases = [], []
    for f in range(20):
        field = Field.objects.create(code=f"LVB{f:02d}", name=f"Lĩnh vực {f}")
        for p in range(10):
            procedure = Procedure.objects.create(
                code=f"1.{800000 + f * 10 + p:06d}",
                name=f"Thủ tục {f}.{p}",
                field=field,
                implementing_level="commune" if p < 6 else "province",
                status=PublicationStatus.PUBLISHED,
            )
            cases.append(
                ProcedureCase.objects.create(
                    procedure=procedure, code="TH1", name="Chung", time_limit_value=Decimal(15)
                ).pk
            )
            procedures.append(procedure.pk)
            for agency in wards if p < 6 else departments:
                ProcedureAgency.objects.create(procedure=procedure, agency=agency)
    return top, departments, wards, procedures, cases


def insert_dossiers(count: int, agencies: list[int], procedures: list[int], cases: list[int]):
    """One INSERT … SELECT: every NOT NULL column of the dossier gets its model default unless
    the generator sets it."""
    from django.db import connection

    from motcua.dossiers.models import Dossier

    generated = {
        "procedure_id": "(%(procedures)s)[k]",
        "case_id": "(%(cases)s)[k]",
        "responsible_agency_id": "(%(agencies)s)[a]",
        "receiving_agency_id": "(%(agencies)s)[a]",
        "channel": "(ARRAY['online','online','online','counter','counter','national_portal',"
        "'post'])[1 + floor(random() * 7)::int]",
        "status": "CASE WHEN decided THEN 'returned' WHEN random() < 0.7 THEN 'processing' "
        "ELSE 'paused' END",
        "created_at": "received",
        "submitted_at": "received",
        "received_at": "received",
        "clock_started_at": "received",
        "due_at": "CASE WHEN decided THEN NULL ELSE received + interval '21 days' END",
        "decided_at": "CASE WHEN decided THEN received + held END",
        "decided_due_at": "CASE WHEN decided THEN received + interval '21 days' END",
        "returned_at": "CASE WHEN decided THEN received + held + interval '1 day' END",
        "closed_at": "CASE WHEN decided THEN received + held + interval '1 day' END",
        "supplement_requests": "(CASE WHEN random() < 0.08 THEN 1 WHEN random() < 0.01 THEN 2 "
        "ELSE 0 END)",
        "outcome": "CASE WHEN decided THEN 'approved' ELSE '' END",
        "applicant_kind": "'citizen'",
        "applicant_name": "'Người nộp ' || n",
        "code": "'B-' || n",
    }
    columns, values, params = [], [], []
    for field in Dossier._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.attname in generated:
            values.append(generated[field.attname])
        elif field.null:
            values.append("NULL")
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    arrays = {
        "procedures": "ARRAY[" + ",".join(map(str, procedures)) + "]",
        "cases": "ARRAY[" + ",".join(map(str, cases)) + "]",
        "agencies": "ARRAY[" + ",".join(map(str, agencies)) + "]",
    }
    select = ", ".join(value % arrays if "%(" in value else value for value in values)
    sql = f"""
        INSERT INTO {Dossier._meta.db_table} ({", ".join(columns)})
        SELECT {select} FROM (
            SELECT n,
                1 + floor(random() * {len(procedures)})::int AS k,
                1 + floor(random() * {len(agencies)})::int AS a,
                timestamptz '{YEAR}-01-01 08:00+07' + random() * interval '365 days' AS received,
                random() < 0.85 AS decided,
                random() * interval '28 days' AS held
            FROM generate_series(1, %s) AS n
        ) AS g
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, count])
        cursor.execute(f"ANALYZE {Dossier._meta.db_table}")


def timed(function, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def measure(args) -> dict:
    import django

    django.setup()
    from django.db import connection

    from motcua.reports import facts, figures, maintenance
    from motcua.reports.models import DailyRollup, DossierFact
    from motcua.reports.scope import Scope
    from motcua.workdays.zone import VIETNAM

    top, departments, wards, procedures, cases = province()
    agencies = [agency.pk for agency in departments + wards]
    log(f"inserting {args.dossiers:,} dossiers")
    began = time.perf_counter()
    insert_dossiers(args.dossiers, agencies, procedures, cases)
    inserted = time.perf_counter() - began
    log(f"inserted in {inserted:.1f} s; rebuilding the aggregates")
    began = time.perf_counter()
    maintenance.rebuild()
    rebuilt = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {DossierFact._meta.db_table}")
        cursor.execute(f"ANALYZE {DailyRollup._meta.db_table}")
    log(f"rebuilt in {rebuilt:.1f} s")
    now = datetime(YEAR, 12, 31, 17, tzinfo=VIETNAM)
    year = (date(YEAR, 1, 1), date(YEAR, 12, 31))
    ward = wards[0]
    department = departments[0]
    cases_ = [
        ("dossier_figures, whole province, one year", Scope(*year), "figures"),
        ("dossier_figures, one department, one year", Scope(*year, agency=department), "figures"),
        ("dossier_figures, one ward, one year", Scope(*year, agency=ward), "figures"),
        (
            "dossier_figures, one ward, one month",
            Scope(date(YEAR, 6, 1), date(YEAR, 6, 30), agency=ward),
            "figures",
        ),
        ("trend by month, whole province, one year", Scope(*year), "trend"),
        ("breakdown by procedure, one ward, one year", Scope(*year, agency=ward), "procedure"),
        (
            "drill-down: late dossiers, one ward, one year (first 50)",
            Scope(*year, agency=ward),
            "drill",
        ),
    ]
    timings = []
    for label, scope, kind in cases_:
        if kind == "figures":
            call = lambda scope=scope: figures.dossier_figures(scope, now=now)  # noqa: E731
        elif kind == "trend":
            call = lambda scope=scope: figures.trend(scope, "month", now=now)  # noqa: E731
        elif kind == "procedure":
            call = lambda scope=scope: figures.breakdown(scope, "procedure", now=now)  # noqa: E731
        else:
            call = (  # noqa: E731
                lambda scope=scope: list(
                    figures.dossiers(scope, "finished_late", now=now).order_by("pk")[:50]
                )
            )
        seconds = timed(call, args.repeat)
        timings.append((label, seconds))
        log(f"{label}: {seconds * 1000:.0f} ms")
    one = DossierFact.objects.order_by("?").values_list("pk", flat=True).first()
    refresh = timed(lambda: facts.refresh([one]), args.repeat)
    timings.append(("the consumer's refresh of one dossier (no change)", refresh))
    log(f"refresh: {refresh * 1000:.1f} ms")
    check = figures.dossier_figures(Scope(*year), now=now)
    return {
        "dossiers": args.dossiers,
        "facts": DossierFact.objects.count(),
        "rollups": DailyRollup.objects.count(),
        "inserted": inserted,
        "rebuilt": rebuilt,
        "timings": timings,
        "received": check.received,
        "finished": check.finished,
    }


def write_doc(results: dict, info: dict) -> None:
    lines = [
        START,
        f"Measured {datetime.now(UTC):%Y-%m-%d} on {info['cpu']} ({info['cores']} cores, "
        f"{info['memory_gib']} GiB), PostgreSQL {info['postgresql']}, Python {info['python']}, "
        f"Django {info['django']}; the machine was shared with other work.",
        "",
        f"- {results['dossiers']:,} dossiers over one year; {results['facts']:,} facts and "
        f"{results['rollups']:,} daily rollup rows after the rebuild (the province-year "
        f"check: {results['received']:,} received, {results['finished']:,} finished).",
        f"- Writing the dossiers (one INSERT … SELECT): {results['inserted']:.0f} s.",
        f"- `rebuild()` of every aggregate from the raw tables: {results['rebuilt']:.0f} s "
        f"({results['dossiers'] / results['rebuilt']:,.0f} dossiers per second).",
        "",
        "| Call (median of 5) | Time |",
        "|---|---|",
    ]
    for label, seconds in results["timings"]:
        shown = f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"
        lines.append(f"| {label} | {shown} |")
    lines.append(END)
    text = DOC.read_text()
    block = "\n".join(lines)
    if START in text:
        head, rest = text.split(START, 1)
        _old, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n## Reports' figures\n\n" + block + "\n"
    DOC.write_text(text)


def main(argv=None) -> None:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    admin(f'DROP DATABASE IF EXISTS "{args.db}"')
    admin(f'CREATE DATABASE "{args.db}"')
    log(f"migrating {args.db}")
    manage(dict(os.environ), "migrate", "--noinput")
    sys.path.insert(0, str(REPO / "src"))
    results = measure(args)
    if not args.no_doc:
        write_doc(results, machine())
        log(f"written to {DOC.relative_to(REPO)}")


if __name__ == "__main__":
    main()
