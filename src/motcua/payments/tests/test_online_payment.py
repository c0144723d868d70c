"""Paying online against the real gateway simulator (`python -m simulators.payment`, started as
a subprocess on a free port), with our server live so its notifications reach us: one payment
whatever the simulator is told to do with its notifications (duplicate, tampered, late, none),
and reconciliation finds what a notification never said."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.core.management import call_command

from motcua.dossiers.tests.fixtures import received, tracking
from motcua.events.models import OutboxEvent
from motcua.integrations.payment.reconcile import reconcile
from motcua.payments import selectors, services
from motcua.payments.choices import NotificationOutcome, ObligationStatus, PaymentStatus
from motcua.payments.models import Payment, PaymentNotification

pytestmark = pytest.mark.django_db(transaction=True)

NATIONAL_SECRET = "test-national-secret"
PROVINCIAL_SECRET = "test-provincial-secret"


@pytest.fixture
def simulator(tmp_path, settings, live_server):
    """The gateway simulator as its own process, and Motcua's settings pointing at it."""
    from tests.sim_process import SimulatorProcess

    sim = SimulatorProcess(
        "simulators.payment",
        data_dir=tmp_path / "sim",
        args=[
            "--national-secret",
            NATIONAL_SECRET,
            "--provincial-secret",
            PROVINCIAL_SECRET,
            "--merchant",
            "MOTCUA-TEST",
        ],
    ).start()
    settings.PAYMENT_NATIONAL_URL = sim.url + "/national"
    settings.PAYMENT_NATIONAL_SECRET = NATIONAL_SECRET
    settings.PAYMENT_NATIONAL_MERCHANT = "MOTCUA-TEST"
    settings.PAYMENT_PROVINCIAL_URL = sim.url + "/provincial"
    settings.PAYMENT_PROVINCIAL_SECRET = PROVINCIAL_SECRET
    settings.PAYMENT_PROVINCIAL_MERCHANT = "MOTCUA-TEST"
    settings.PAYMENT_PUBLIC_URL = live_server.url
    yield sim
    sim.stop()


def choose(sim, provider: str, bill: str, choice: str = "paid") -> dict:
    """What the payer's button does on the simulator's page."""
    answer = sim.control("POST", "choose", {"provider": provider, "bill": bill, "choice": choice})
    assert answer.status_code == 200, answer.text
    return answer.json()


def resend(sim, provider: str, bill: str) -> int:
    return sim.control("POST", "resend", {"provider": provider, "bill": bill}).json()["answer"]


def sent(sim) -> list[dict]:
    return sim.control("GET", "state").json()["sent"]


def _start(world, dossier, provider="national_platform"):
    """The applicant starts paying and opens the provider's page (the signed redirect)."""
    started = services.start_online_payment(
        dossier, provider_name=provider, proof=tracking(dossier)
    )
    page = httpx.get(started.redirect_url)
    assert page.status_code == 200, page.text
    assert started.payment.bill_code in page.text
    assert "195.500 đồng" in page.text
    return started.payment


def _sim_name(provider):
    return "national" if provider == "national_platform" else "provincial"


def _wait_for(predicate, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _confirmed_events():
    return OutboxEvent.objects.filter(type="payment.confirmed").count()


@pytest.mark.parametrize("provider", ["national_platform", "provincial_gateway"])
def test_a_payment_notified_once_is_applied_and_the_return_confirms_nothing(
    fee_world, simulator, provider
):
    dossier = received(fee_world)
    payment = _start(fee_world, dossier, provider)
    # A second click reuses the pending bill.
    again = services.start_online_payment(dossier, provider_name=provider, proof=tracking(dossier))
    assert again.payment.pk == payment.pk
    chosen = choose(simulator, _sim_name(provider), payment.bill_code, "paid")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED
    assert payment.provider_transaction_id == chosen["bill"]["transaction"]
    assert payment.obligation.status == ObligationStatus.PAID
    assert _confirmed_events() == 1
    assert selectors.paid_online_code(dossier) == (1 if provider == "national_platform" else 2)
    # The browser's return is signed and names the bill; a tampered return is not believed.
    back = urlsplit(chosen["return_url"])
    params = {k: v[0] for k, v in parse_qs(back.query).items()}
    assert services.record_return(provider, params).pk == payment.pk
    forged = {**params, next(k for k in params if k in ("checksum", "sig")): "0" * 64}
    assert services.record_return(provider, forged) is None


def test_a_duplicated_notification_makes_one_payment(fee_world, simulator):
    simulator.set_fault("notify_twice")
    dossier = received(fee_world)
    payment = _start(fee_world, dossier)
    choose(simulator, "national", payment.bill_code)
    assert _wait_for(lambda: PaymentNotification.objects.count() == 2)
    outcomes = sorted(PaymentNotification.objects.values_list("outcome", flat=True))
    assert outcomes == [NotificationOutcome.APPLIED, NotificationOutcome.DUPLICATE]
    assert Payment.objects.filter(status=PaymentStatus.CONFIRMED).count() == 1
    assert _confirmed_events() == 1
    # The simulator was told 200 both times: a repeat is acknowledged, so it stops resending.
    assert [s["answer"] for s in sent(simulator)] == [200, 200]


def test_a_tampered_notification_changes_nothing_and_reconciliation_finds_the_payment(
    fee_world, simulator
):
    simulator.set_fault("notify_tampered")
    dossier = received(fee_world)
    payment = _start(fee_world, dossier, "provincial_gateway")
    choose(simulator, "provincial", payment.bill_code)
    assert _wait_for(lambda: PaymentNotification.objects.exists())
    kept = PaymentNotification.objects.get()
    assert kept.outcome == NotificationOutcome.BAD_SIGNATURE
    assert sent(simulator)[0]["answer"] == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert _confirmed_events() == 0
    counts = reconcile(older_than_minutes=0)
    assert counts == {NotificationOutcome.APPLIED: 1}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED
    assert payment.amount == 195_500  # the true amount, not the tampered one
    assert _confirmed_events() == 1


def test_a_missing_notification_is_found_by_reconciliation_and_a_late_one_changes_nothing(
    fee_world, simulator
):
    simulator.set_fault("notify_none")
    dossier = received(fee_world)
    payment = _start(fee_world, dossier)
    choose(simulator, "national", payment.bill_code)
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    # Too recent for the default delay: left alone.
    assert reconcile() == {}
    # The provider failing to answer leaves the bill pending for the next run.
    simulator.set_fault("error_500")
    assert reconcile(older_than_minutes=0) == {"unreadable": 1}
    simulator.set_fault("close")
    assert reconcile(older_than_minutes=0) == {"unreachable": 1}
    simulator.clear_faults()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    call_command("reconcile_payments", "--older-than", "0")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.CONFIRMED
    confirmed_at = payment.confirmed_at
    # The notification arrives after all: acknowledged, and nothing changes.
    assert resend(simulator, "national", payment.bill_code) == 200
    payment.refresh_from_db()
    assert payment.confirmed_at == confirmed_at
    assert Payment.objects.count() == 1
    assert _confirmed_events() == 1
    assert list(PaymentNotification.objects.order_by("pk").values_list("source", "outcome")) == [
        ("reconciliation", NotificationOutcome.APPLIED),
        ("notification", NotificationOutcome.DUPLICATE),
    ]
    # A second reconciliation has nothing left to ask.
    assert reconcile(older_than_minutes=0) == {}


def test_a_late_notification_after_reconciliation_is_a_duplicate(fee_world, simulator):
    simulator.set_fault("notify_late", delay=1.5)
    dossier = received(fee_world)
    payment = _start(fee_world, dossier, "provincial_gateway")
    choose(simulator, "provincial", payment.bill_code)
    assert reconcile(older_than_minutes=0) == {NotificationOutcome.APPLIED: 1}
    assert _wait_for(lambda: PaymentNotification.objects.count() == 2)
    assert PaymentNotification.objects.order_by("pk").last().outcome == (
        NotificationOutcome.DUPLICATE
    )
    assert Payment.objects.filter(status=PaymentStatus.CONFIRMED).count() == 1
    assert _confirmed_events() == 1


def test_a_failed_or_abandoned_payment_leaves_the_amount_owed(fee_world, simulator):
    dossier = received(fee_world)
    payment = _start(fee_world, dossier)
    choose(simulator, "national", payment.bill_code, "abandoned")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.ABANDONED
    assert selectors.money_of(dossier).outstanding == 195_500
    # Paying again makes a new bill, which can succeed.
    second = _start(fee_world, dossier)
    assert second.pk != payment.pk
    choose(simulator, "national", second.bill_code, "paid")
    second.refresh_from_db()
    assert second.status == PaymentStatus.CONFIRMED
    assert selectors.money_of(dossier).outstanding == 0


def test_the_gateway_refuses_a_forged_redirect(simulator):
    forged = httpx.get(simulator.url + "/national/thanh-toan?bill=X&amount=1&checksum=00")
    assert forged.status_code == 400
    assert "Yêu cầu thanh toán không hợp lệ" in forged.text
    assert httpx.get(simulator.url + "/provincial/pay?data=e30&sig=00").status_code == 400


def test_forged_and_unknown_notifications_are_refused(fee_world, simulator, live_server):
    url = f"{live_server.url}/api/v1/payments/national_platform/notify"
    answer = httpx.post(url, content=b'{"bill": "X", "status": "paid", "checksum": "00"}')
    assert answer.status_code == 400
    assert httpx.post(url, content=b"not json").status_code == 400
    missing = f"{live_server.url}/api/v1/payments/nowhere/notify"
    assert httpx.post(missing, content=b"{}").status_code == 404
    assert PaymentNotification.objects.filter(outcome="bad_signature").count() == 1
    assert Payment.objects.count() == 0


def test_two_copies_of_a_notification_at_once_make_one_payment(fee_world, settings):
    """Two threads deliver the same signed notification at the same moment (PostgreSQL: row
    locks and the unique transaction id decide, not the order)."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    from motcua.payments.providers import get
    from motcua.payments.providers.base import hmac_hex
    from motcua.payments.providers.provincial_gateway import dumps

    dossier = received(fee_world)
    payment = services.start_online_payment(
        dossier, provider_name="provincial_gateway", proof=tracking(dossier)
    ).payment
    provider = get("provincial_gateway")
    body = dumps(
        {
            "merchantCode": provider.merchant,
            "orderId": payment.bill_code,
            "transId": "PG-RACE",
            "amount": payment.amount,
            "resultCode": "0",
        }
    )
    headers = {"X-Signature": hmac_hex(settings.PAYMENT_PROVINCIAL_SECRET, body)}
    barrier = threading.Barrier(4)
    outcomes = []

    def deliver():
        try:
            barrier.wait()
            outcomes.append(
                services.receive_notification("provincial_gateway", body, headers).outcome
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["applied", "duplicate", "duplicate", "duplicate"]
    assert Payment.objects.filter(status=PaymentStatus.CONFIRMED).count() == 1
    assert _confirmed_events() == 1


def test_a_bill_the_provider_never_heard_of_is_abandoned_after_the_configured_time(
    fee_world, simulator, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from motcua.events.models import AuditEvent

    settings.PAYMENT_EXPIRE_UNKNOWN_AFTER_MINUTES = 60
    dossier = received(fee_world)
    # The applicant starts paying but never reaches the provider's page: it never hears of it.
    started = services.start_online_payment(
        dossier, provider_name="provincial_gateway", proof=tracking(dossier)
    )
    payment = started.payment
    # Younger than the configured time: asked, found unknown, left pending.
    assert reconcile(older_than_minutes=0) == {NotificationOutcome.IGNORED: 1}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    # Old enough: abandoned once, through the same path, audited and announced.
    later = timezone.now() + timedelta(minutes=61)
    assert reconcile(now=later) == {NotificationOutcome.APPLIED: 1}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.ABANDONED
    assert AuditEvent.objects.filter(dossier=dossier, action="payment_expired").count() == 1
    assert OutboxEvent.objects.filter(type="payment.expired").count() == 1
    assert reconcile(now=later) == {}  # nothing left pending: nothing more happens
    # The applicant starts again: a new bill, which the provider does know and can pay.
    second = _start(fee_world, dossier, "provincial_gateway")
    assert second.pk != payment.pk
    choose(simulator, "provincial", second.bill_code, "paid")
    second.refresh_from_db()
    assert second.status == PaymentStatus.CONFIRMED
    assert selectors.money_of(dossier).outstanding == 0


def test_a_bill_the_provider_knows_is_never_expired_however_old(fee_world, simulator, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.PAYMENT_EXPIRE_UNKNOWN_AFTER_MINUTES = 1
    simulator.set_fault("notify_none")
    dossier = received(fee_world)
    payment = _start(fee_world, dossier)  # the payer is on the provider's page, not yet paid
    later = timezone.now() + timedelta(days=2)
    assert reconcile(now=later) == {NotificationOutcome.IGNORED: 1}
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
