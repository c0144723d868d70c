import random
import re
from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, Commune
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.demo.seasons import day_weights, tet_days
from motcua.demo.workclock import WorkClock
from motcua.dossiers import deadlines
from motcua.dossiers.choices import DossierStatus as S
from motcua.dossiers.models import Dossier, DossierCounter, DossierPause, DossierStep
from motcua.events.models import AuditEvent, OutboxEvent
from motcua.events.verify import verify_all
from motcua.payments import receipt_services
from motcua.payments.models import Payment, Receipt, ReceiptSeries
from motcua.reports import facts
from motcua.reports.models import DossierFact
from motcua.workdays.services import get_calendar
from motcua.workdays.zone import VIETNAM

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    """The communes a migration loads, which an earlier transactional test's flush removed."""
    if not Commune.objects.exists():
        call_command("load_places")


@pytest.fixture
def catalog():
    """A small synthetic catalog, with a receipt series at every agency that receives."""
    call_command("generate_catalog", "--procedures", "14", "--agencies", "30", "--seed", "4")
    root = Agency.objects.get(parent=None, code__startswith="9")
    admin = RoleGrantFactory(agency=root, role=Role.SYSTEM_ADMIN, includes_subtree=True).user
    for agency in Agency.objects.filter(receives_dossiers=True):
        template = receipt_services.create_template(agency=agency, code="01BLP0-001", actor=admin)
        receipt_services.create_series(template=template, code="C26T", actor=admin)
    return root


def _generate(count, seed, *extra, days=150):
    end = timezone.now().astimezone(VIETNAM).date()
    start = end - timedelta(days=days)
    call_command(
        "generate_dossiers", "--count", str(count), "--seed", str(seed), "--start",
        start.isoformat(), "--batch", "70", *(extra or ("--no-rebuild",)),
    )  # fmt: skip


def _facts(dossiers):
    return [
        (d.applicant_name, d.procedure_id, d.channel, d.status, d.submitted_at, d.due_at)
        for d in dossiers
    ]


def test_generated_dossiers_are_what_the_services_would_leave(catalog, capsys):
    outbox = OutboxEvent.objects.count()
    _generate(400, 7, "--end", timezone.now().astimezone(VIETNAM).date().isoformat())
    assert "400 hồ sơ" in capsys.readouterr().out
    now = timezone.now()
    cal = get_calendar()
    dossiers = list(Dossier.objects.order_by("pk"))
    assert len(dossiers) == 400
    assert len({d.channel for d in dossiers}) == 4
    assert OutboxEvent.objects.count() == outbox  # nothing pushed to outside systems
    assert verify_all(Dossier.objects.all()) == []
    open_pauses = defaultdict(int)
    for pause in DossierPause.objects.filter(ended_at__isnull=True):
        open_pauses[pause.dossier_id] += 1
    paused_ever = set(DossierPause.objects.values_list("dossier_id", flat=True))
    open_steps = set(
        DossierStep.objects.filter(finished_at__isnull=True).values_list("dossier_id", flat=True)
    )
    statuses = set()
    for d in dossiers:
        statuses.add(d.status)
        assert re.fullmatch(r"\d{3}\.\d{2}\.\d{2}\.H26-\d{6}-\d{4}", d.code)
        assert d.submitted_at <= now
        assert d.applicant_name and d.applicant_search
        if d.status in (S.PROCESSING, S.PAUSED, S.DECIDED, S.RETURNED, S.STOPPED):
            assert d.received_at and d.clock_started_at == cal.next_working_moment(d.received_at)
        if d.status == S.PROCESSING:
            assert d.due_at and open_pauses[d.pk] == 0 and d.pk in open_steps
            if d.pk not in paused_ever:  # the due moment from the working calendar
                assert d.due_at == deadlines.dossier_due(cal, d.clock_started_at, d.time_limit)
        if d.status == S.PAUSED:
            assert d.due_at is None and d.remaining_seconds is not None
            assert open_pauses[d.pk] == 1
        if d.status in (S.DECIDED, S.RETURNED):
            assert d.decided_at and d.decided_due_at and d.outcome
            assert d.decided_at <= now and d.pk not in open_steps
            decide = AuditEvent.objects.get(dossier=d, action="decide")
            late = decide.data["timeliness"] == "late"
            assert late == (d.decided_at > d.decided_due_at)
            if d.pk not in paused_ever:
                expected = deadlines.dossier_due(cal, d.clock_started_at, d.time_limit)
                assert d.decided_due_at == expected
        if d.status == S.RETURNED:
            assert d.returned_at and d.closed_at == d.returned_at and d.return_channel
        if d.status in (S.STOPPED, S.WITHDRAWN, S.REFUSED):
            assert d.closed_at
        if d.status == S.STOPPED:
            assert d.stopped_at and d.stop_reason
        if d.status == S.REFUSED:
            assert d.refusal_reasons
    assert {S.PROCESSING, S.RETURNED, S.DECIDED} <= statuses
    # Overdue dossiers are really past their due moment, and some are late.
    for d in Dossier.objects.overdue(now):
        assert d.due_at < now
    assert any(d.decided_at and d.decided_at > d.decided_due_at for d in dossiers)
    # Counters advanced past every code used.
    for d in dossiers:
        number = int(d.code.rsplit("-", 1)[1])
        day = datetime.strptime(d.code.split("-")[1], "%y%m%d").date()  # noqa: DTZ007
        assert DossierCounter.objects.get(agency=d.receiving_agency, day=day).last_number >= number
    # Receipts numbered 1, 2, 3… in each series, each for a confirmed payment.
    assert Receipt.objects.exists()
    for series in ReceiptSeries.objects.all():
        numbers = sorted(series.receipts.values_list("number", flat=True))
        assert numbers == list(range(1, series.last_number + 1))
    assert Payment.objects.filter(receipts__isnull=True).count() == 0
    call_command("verify_audit")
    # The report aggregates were rebuilt from the generated rows.
    assert DossierFact.objects.count() == Dossier.objects.filter(facts.COUNTED).count() > 300


def test_a_second_run_adds_without_collisions_and_the_same_seed_repeats(catalog):
    _generate(80, 11)
    first = list(Dossier.objects.order_by("pk"))
    _generate(80, 11)
    second = list(Dossier.objects.order_by("pk"))[80:]
    assert len(second) == 80
    assert _facts(first) == _facts(second)
    assert not {d.code for d in first} & {d.code for d in second}
    assert verify_all(Dossier.objects.all()) == []
    # A real dossier received later takes the next number, never a generated one.
    for series in ReceiptSeries.objects.all():
        numbers = sorted(series.receipts.values_list("number", flat=True))
        assert numbers == list(range(1, series.last_number + 1))
    _generate(80, 12)
    third = list(Dossier.objects.order_by("pk"))[160:]
    assert _facts(third) != _facts(first)


def test_bad_arguments_are_refused_in_words(catalog):
    with pytest.raises(CommandError, match="--count"):
        call_command("generate_dossiers", "--count", "0", "--no-rebuild")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("generate_dossiers", "--count", "5", "--start", "tomorrow", "--no-rebuild")


def test_the_working_clock_agrees_with_the_calendar():
    cal = get_calendar()
    clock = WorkClock(cal, date(2025, 12, 1), date(2027, 6, 1))
    rng = random.Random(3)
    base = datetime(2026, 1, 5, tzinfo=VIETNAM)
    for _ in range(400):
        moment = base + timedelta(seconds=rng.randrange(400 * 86400))
        position = clock.position(moment)
        assert clock.moment(position, start=True) == cal.next_working_moment(moment)
        minutes = rng.choice((60, 240, 480, 2400, 7200, rng.randrange(1, 9000)))
        expected = cal.add_working_minutes(cal.next_working_moment(moment), minutes)
        assert clock.moment(position + minutes * 60) == expected


def test_tet_brings_a_dip_and_december_a_peak():
    cal = get_calendar()
    tet = tet_days(cal, date(2026, 1, 1), date(2026, 12, 31))
    assert tet and tet[0].month == 2
    weights = {day: online for day, _counter, online in day_weights(cal, date(2026, 1, 1), date(2026, 12, 31))}  # fmt: skip
    after_tet = sum(weights[tet[0] + timedelta(days=d)] for d in range(0, 14))
    march = sum(weights[date(2026, 3, 2) + timedelta(days=d)] for d in range(14))
    december = sum(weights[date(2026, 12, 7) + timedelta(days=d)] for d in range(14))
    assert after_tet < 0.7 * march < march < december


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_batches_are_written_as_they_come(places, catalog):
    """Outside a caller's transaction (the command as run), each batch commits on its own: on
    PostgreSQL from the writer thread while the next batch is built."""
    _generate(150, 5)
    assert Dossier.objects.count() == 150
    assert verify_all(Dossier.objects.all()) == []
    for series in ReceiptSeries.objects.all():
        numbers = sorted(series.receipts.values_list("number", flat=True))
        assert numbers == list(range(1, series.last_number + 1))
