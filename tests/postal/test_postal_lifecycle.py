"""Postal orders against the real simulator process: the collection order placed when the
dossier is submitted, the delivery order when its result is ready, tracking webhooks signed and
checked, a lost update jumped over (and a lost final one found by the poll), a repeated and a
late update harmless, and a result delivered by post closing the dossier as returned by post."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import httpx
import pytest
from django.utils import timezone
from postal_simulator import PostalSimulator, wait_for

from motcua.accounts.apiclients import POSTAL_SCOPE, create_api_client
from motcua.agencies.models import Commune
from motcua.delivery import services as postal_services
from motcua.delivery.choices import OrderStatus, PostalOption
from motcua.delivery.models import PostalOrder, TrackingUpdate
from motcua.delivery.tests.helpers import guest_draft, load_postal_reference, open_to_post
from motcua.dossiers import services
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import approve_with_permit
from motcua.events.models import AuditEvent
from motcua.events.services import run_deliveries
from motcua.integrations.postal import sync
from motcua.integrations.postal.sync import poll_orders

SECRET = "bi-mat-webhook-thu-nghiem"
TOKEN = "ma-truy-cap-buu-dien"
WEBHOOK = "/api/v1/postal/tracking"


@pytest.fixture
def operator(world, live_server, settings, tmp_path):
    """The postal operator's API client on the city, and the simulator pointed at us."""
    client, key = create_api_client(
        "Bưu điện Thành phố Hà Nội", agency=world.centre.parent, scopes=[POSTAL_SCOPE]
    )
    simulator = PostalSimulator(
        data_dir=tmp_path / "postal",
        motcua_url=live_server.url,
        secret=SECRET,
        api_key=key,
        token=TOKEN,
    ).start()
    settings.POSTAL_URL = simulator.url
    settings.POSTAL_API_TOKEN = TOKEN
    settings.POSTAL_WEBHOOK_SECRET = SECRET
    settings.POSTAL_WEBHOOK_MAX_AGE_SECONDS = 300
    sync.register_all()  # the adapter is on (POSTAL_URL set): its outbox consumers listen
    yield simulator, client, key
    sync.unregister_all()
    simulator.stop()


def _order(dossier, service) -> PostalOrder:
    return PostalOrder.objects.get(dossier=dossier, service=service)


def _status(order) -> str:
    order.refresh_from_db()
    return order.status


def _submitted_with_both(world):
    load_postal_reference(world)
    open_to_post(world.procedure)
    draft, proof = guest_draft(world)
    postal_services.choose_postal_service(
        draft,
        actor=None,
        proof=proof,
        option=PostalOption.BOTH,
        recipient_name="Trần Thị Bích Ngọc",
        phone="0912345678",
        address="12 phố Hàng Bạc",
        commune=Commune.objects.get(code="00070"),
        weight_grams=250,
    )
    return services.submit_dossier(draft, actor=None, proof=proof).dossier


def _to_decided(world, dossier):
    dossier = services.receive_dossier(dossier, actor=world.receptionist)
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    services.forward_dossier(dossier, actor=world.specialist)
    return approve_with_permit(world, dossier, number="15/GPXD", signed_on=timezone.localdate())


def test_an_order_goes_its_way_through_lost_repeated_and_late_updates(world, operator):
    simulator, client, _key = operator
    dossier = _submitted_with_both(world)

    # The outbox worker places the collection order with the operator.
    run_deliveries()
    collection = _order(dossier, "collection")
    assert collection.operator_order_id and _status(collection) == OrderStatus.REGISTERED
    run_deliveries()  # run again: still one order, here and at the operator
    assert PostalOrder.objects.filter(dossier=dossier).count() == 1
    assert len(simulator.state()["orders"]) == 1
    assert simulator.state()["orders"][0]["reference"] == collection.reference

    # "collecting" is lost on the way; "delivered to the agency" arrives and is applied.
    simulator.lose_updates()
    lost = simulator.advance(collection.operator_order_id)
    assert lost["status"] == "collecting"
    simulator.clear_faults()
    arrived = simulator.advance(collection.operator_order_id)
    wait_for(lambda: _status(collection) == OrderStatus.DELIVERED_TO_AGENCY, what="delivery")
    assert not TrackingUpdate.objects.filter(event_id=lost["event_id"]).exists()
    # The lost one, sent late, is recorded but moves nothing back.
    simulator.resend(lost["event_id"])
    late = wait_for(
        lambda: TrackingUpdate.objects.filter(event_id=lost["event_id"]).first(),
        what="the late update",
    )
    assert not late.applied and _status(collection) == OrderStatus.DELIVERED_TO_AGENCY
    assert TrackingUpdate.objects.get(event_id=arrived["event_id"]).applied

    # The result is ready: the delivery order is placed.
    dossier = _to_decided(world, dossier)
    run_deliveries()
    delivery = _order(dossier, "delivery")
    assert _status(delivery) == OrderStatus.REGISTERED

    # "dispatched" is sent twice: recorded once, applied once.
    simulator.repeat_updates()
    dispatched = simulator.advance(delivery.operator_order_id)
    simulator.clear_faults()
    wait_for(lambda: len(simulator.sends_of(dispatched["event_id"])) == 2, what="two sends")
    assert [s["outcome"] for s in simulator.sends_of(dispatched["event_id"])] == ["200", "200"]
    assert TrackingUpdate.objects.filter(event_id=dispatched["event_id"]).count() == 1
    assert _status(delivery) == OrderStatus.DISPATCHED

    # "delivered" is lost: the dossier waits; the poll finds it and closes the dossier.
    simulator.lose_updates()
    delivered = simulator.advance(delivery.operator_order_id)
    assert simulator.sends_of(delivered["event_id"])[0]["outcome"] == "lost"
    time.sleep(0.5)
    assert _status(delivery) == OrderStatus.DISPATCHED
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DECIDED
    assert poll_orders() == 1
    assert _status(delivery) == OrderStatus.DELIVERED
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.return_channel == "post"
    assert dossier.collected_by_name == "Trần Thị Bích Ngọc"
    closing = AuditEvent.objects.filter(dossier=dossier, action="return_result").get()
    assert closing.actor_id == client.user_id
    assert poll_orders() == 0  # nothing left to move


def test_a_result_delivered_by_post_through_the_webhook_ends_the_dossier_returned(world, operator):
    simulator, client, _key = operator
    dossier = _to_decided(world, _submitted_with_both(world))
    run_deliveries()
    delivery = _order(dossier, "delivery")
    simulator.advance(delivery.operator_order_id)
    simulator.advance(delivery.operator_order_id)
    wait_for(
        lambda: Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RETURNED,
        what="the dossier returned",
    )
    dossier.refresh_from_db()
    assert dossier.return_channel == "post" and _status(delivery) == OrderStatus.DELIVERED


def _signed(body: bytes, *, secret=SECRET, at=None):
    timestamp = str(int(at if at is not None else time.time()))
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return {"X-Postal-Timestamp": timestamp, "X-Postal-Signature": f"sha256={digest.hexdigest()}"}


def test_a_webhook_with_a_wrong_signature_or_an_old_timestamp_is_refused(
    world, operator, live_server
):
    simulator, _client, key = operator
    dossier = _to_decided(world, _submitted_with_both(world))
    run_deliveries()
    delivery = _order(dossier, "delivery")
    body = json.dumps(
        {
            "event_id": "FORGED-1",
            "order_id": delivery.operator_order_id,
            "status": "delivered",
            "at": "2026-03-10T09:00:00+07:00",
        }
    ).encode()
    url = live_server.url + WEBHOOK

    def post(headers):
        return httpx.post(
            url,
            content=body,
            headers={"X-API-Key": key, "Content-Type": "application/json", **headers},
        )

    assert post(_signed(body, secret="khong-dung")).status_code == 401
    assert post(_signed(body, at=time.time() - 3600)).status_code == 401
    assert post(_signed(body, at=time.time() + 3600)).status_code == 401
    assert post({}).status_code == 401
    tampered = _signed(body)
    assert (
        httpx.post(
            url,
            content=body.replace(b"delivered", b"dispatched"),
            headers={"X-API-Key": key, **tampered},
        ).status_code
        == 401
    )
    assert httpx.post(url, content=body, headers=_signed(body)).status_code == 401  # no key
    assert not TrackingUpdate.objects.filter(event_id="FORGED-1").exists()
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DECIDED
    # The same body, rightly signed and on time, is taken.
    good = post(_signed(body))
    assert good.status_code == 200 and good.json()["applied"] is True
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.RETURNED
    # Sent again inside the window: answered, changes nothing.
    again = post(_signed(body))
    assert again.status_code == 200 and again.json()["applied"] is False
    assert TrackingUpdate.objects.filter(event_id="FORGED-1").count() == 1
    unknown = json.dumps(
        {
            "event_id": "X",
            "order_id": "NOPE",
            "status": "delivered",
            "at": "2026-03-10T09:00:00+07:00",
        }
    ).encode()
    assert (
        httpx.post(url, content=unknown, headers={"X-API-Key": key, **_signed(unknown)}).status_code
        == 404
    )
    wrong = body.replace(b'"delivered"', b'"collecting"').replace(b"FORGED-1", b"FORGED-2")
    answer = httpx.post(url, content=wrong, headers={"X-API-Key": key, **_signed(wrong)})
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "status"
