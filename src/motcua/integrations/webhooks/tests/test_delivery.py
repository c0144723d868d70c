"""Delivery end to end: a real receiver (the example of docs/examples, served on a free port)
gets each event signed, from `run_deliveries`, once it has answered; a 500 is retried with the
outbox's backoff; only clients whose agency subtree is involved hear of a dossier, and the
payload carries no personal data. Administrators see each delivery and replay it (audited)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from motcua.accounts.apiclients import create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.models import Delivery, ReferenceAuditEvent
from motcua.events.services import run_deliveries
from motcua.integrations.webhooks.models import Attempt, Subscription
from motcua.integrations.webhooks.services import replay_delivery
from motcua.integrations.webhooks.tests.receiver import load_example, running, url_of
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db
example = load_example()


class FailsFirst(example.ReceiverHandler):
    """Answers 500 to the first event it is given, then takes events as the example does."""

    failed: list

    def handle_event(self, event):
        with self.lock:
            if not self.failed:
                self.failed.append(event["id"])
                return 500
        return 204


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_LOOPBACK_HTTP = True
    server = example.make_server("not-yet-known", handler=FailsFirst)
    server.RequestHandlerClass.failed = []
    with running(server):
        yield server


def subscribe(world, receiver, *, agency=None, name="Hệ thống Trung tâm", types=None):
    _client, key = create_api_client(name, agency=agency or world.centre, scopes=["dossiers:read"])
    api = Client(HTTP_X_API_KEY=key)
    body = {
        "url": url_of(receiver),
        "event_types": types or ["dossier.submit", "dossier.receive"],
    }
    created = api.post("/api/v1/webhooks/subscriptions", body, content_type="application/json")
    assert created.status_code == 201
    return created.json()


def test_a_signed_delivery_reaches_a_real_receiver_and_a_500_is_retried(world, receiver):
    subscription = subscribe(world, receiver)
    receiver.RequestHandlerClass.secret = subscription["secret"]
    dossier = submit_online(world).dossier
    services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    run_deliveries()  # the fan-out: one delivery per event for the subscription
    mine = Delivery.objects.filter(consumer=f"webhook:{subscription['id']}").order_by("pk")
    assert mine.count() == 2
    assert run_deliveries() == (1, 1)  # the first answered 500
    failed = mine.get(status="pending")
    assert failed.attempts == 1 and "HTTP 500" in failed.last_error
    assert run_deliveries() == (0, 0)  # not due again before its backoff
    later = timezone.now() + timedelta(seconds=31)
    assert run_deliveries(now=later) == (1, 0)
    assert set(mine.values_list("status", flat=True)) == {"done"}
    received = receiver.RequestHandlerClass.received
    assert sorted(e["type"] for e in received) == ["dossier.receive", "dossier.submit"]
    submitted = next(e for e in received if e["type"] == "dossier.submit")
    assert submitted["dossier"]["code"] == dossier.code
    assert submitted["dossier"]["status"] == "submitted"
    assert submitted["dossier"]["procedure"] == world.procedure.code
    # No personal data: neither the applicant's name, ID, phone nor e-mail.
    text = json.dumps(received, ensure_ascii=False)
    for personal in ("Trần Thị Bích Ngọc", "001190012345", "0912345678", "ngoc@example.vn"):
        assert personal not in text
    # Every try is logged with the receiver's answer; the retry kept the event's id.
    tries = Attempt.objects.filter(event_id=receiver.RequestHandlerClass.failed[0])
    assert sorted(tries.values_list("status_code", flat=True)) == [204, 500]
    assert run_deliveries(now=later + timedelta(hours=1)) == (0, 0)  # nothing left


def test_a_wrong_secret_is_refused_by_the_receiver_and_retried(world, receiver):
    subscription = subscribe(world, receiver, types=["dossier.submit"])
    receiver.RequestHandlerClass.secret = "whsec_not-the-subscriptions-secret"
    submit_online(world)
    run_deliveries()
    assert run_deliveries() == (0, 1)
    attempt = Attempt.objects.get(subscription_id=subscription["id"])
    assert attempt.status_code == 401 and "does not match" in attempt.answer
    assert receiver.RequestHandlerClass.received == []


def test_only_clients_whose_subtree_is_involved_hear_of_a_dossier(world, receiver):
    centre = subscribe(world, receiver, types=["dossier.submit"])
    justice = subscribe(
        world, receiver, agency=world.other, name="Sở Tư pháp", types=["dossier.submit"]
    )
    city = subscribe(
        world, receiver, agency=world.centre.parent, name="Thành phố", types=["dossier.submit"]
    )
    submit_online(world)
    run_deliveries()
    consumers = set(
        Delivery.objects.filter(consumer__startswith="webhook:").values_list("consumer", flat=True)
    )
    assert consumers == {f"webhook:{centre['id']}", f"webhook:{city['id']}"}
    assert f"webhook:{justice['id']}" not in consumers


def test_no_subscription_no_extra_delivery_row(world):
    submit_online(world)
    assert not Delivery.objects.filter(consumer="webhooks").exists()


def test_a_deleted_subscription_is_not_posted_to(world, receiver):
    subscription = subscribe(world, receiver, types=["dossier.submit"])
    receiver.RequestHandlerClass.secret = subscription["secret"]
    submit_online(world)
    run_deliveries()
    Subscription.objects.filter(pk=subscription["id"]).update(is_active=False)
    assert run_deliveries() == (1, 0)
    assert receiver.RequestHandlerClass.received == []
    assert "hủy" in Attempt.objects.get().error


def test_administrators_see_deliveries_and_replay_one_audited(world, receiver):
    subscription = subscribe(world, receiver, types=["dossier.submit"])
    receiver.RequestHandlerClass.secret = subscription["secret"]
    receiver.RequestHandlerClass.failed.append("no failure this time")
    submit_online(world)
    run_deliveries()
    assert run_deliveries() == (1, 0)
    delivery = Delivery.objects.get(consumer=f"webhook:{subscription['id']}")
    stranger = UserFactory(official=True)
    RoleGrantFactory(user=stranger, agency=world.other, role=Role.SYSTEM_ADMIN)
    with pytest.raises(PermissionDenied):
        replay_delivery(delivery, actor=stranger)
    admin = UserFactory(official=True, is_staff=True, is_superuser=True)
    browser = Client()
    sign_in_official(browser, admin)
    listing = browser.get(f"/admin/webhooks/webhookdelivery/?subscription={subscription['id']}")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "dossier.submit" in page and "204" in page
    detail = browser.get(f"/admin/webhooks/subscription/{subscription['id']}/change/")
    assert detail.status_code == 200 and subscription["secret"] not in detail.content.decode()
    replayed = browser.post(
        "/admin/webhooks/webhookdelivery/",
        {"action": "replay", "_selected_action": [delivery.pk]},
    )
    assert replayed.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 0
    audit = ReferenceAuditEvent.objects.get(action="webhook_replayed")
    assert audit.actor == admin and audit.data["delivery"] == delivery.pk
    assert run_deliveries() == (1, 0)
    # The receiver had it already: the same event id is taken as a repeat.
    assert len(receiver.RequestHandlerClass.received) == 1
    assert Attempt.objects.filter(delivery=delivery).count() == 2
