"""SMS through the provider's protocol, against the simulator as its own process: sent once
when the provider fails then recovers, and once when it took the message but the answer was
lost (the retry carries the same idempotency key); an unconfirmed number is never used."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from django.utils import timezone

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.fixtures import vn
from motcua.events.models import Delivery
from motcua.notifications import services
from motcua.notifications.choices import Channel, ContactKind, MessageStatus, Topic
from motcua.notifications.models import Message
from motcua.notifications.tests.helpers import (
    citizen,
    code_in,
    owned_dossier,
    work,
)

API_KEY = "khoa-sms-thu-nghiem"


@pytest.fixture
def sms(tmp_path, settings):
    from tests.sim_process import SimulatorProcess

    sim = SimulatorProcess(
        "simulators.sms", data_dir=tmp_path / "sms", args=["--api-key", API_KEY]
    ).start()
    settings.SMS_URL = sim.url
    settings.SMS_API_KEY = API_KEY
    yield sim
    sim.stop()


def received_sms(sim, to=None) -> list[dict]:
    answer = httpx.get(sim.url + "/control/api/messages", params={"to": to} if to else None)
    return answer.json()["messages"]


def fault(sim, name: str, **options) -> None:
    answer = httpx.post(sim.url + "/control/api/faults", json={"fault": name, **options})
    assert answer.status_code == 201, answer.text


def clear(sim) -> None:
    httpx.delete(sim.url + "/control/api/faults")


def sms_user(sim, phone: str):
    """A citizen who chose SMS and confirmed `phone` with the code the simulator received."""
    user = citizen()
    services.set_preferences(
        user, actor=user, language="vi", by_email=False, by_sms=True, in_app=True
    )
    services.add_contact(actor=user, kind=ContactKind.PHONE, value=phone)
    work()
    (code_sms,) = received_sms(sim, phone)
    services.confirm_contact(
        actor=user, kind=ContactKind.PHONE, value=phone, code=code_in(code_sms["text"])
    )
    return user


def _after(minutes: int):
    return timezone.now() + timedelta(minutes=minutes)


@pytest.mark.django_db(transaction=True)
def test_an_sms_refused_then_accepted_is_sent_once_after_a_retry(world, notifying, sms):
    user = sms_user(sms, "0901234567")
    dossier = owned_dossier(world, user, phone="0901234567", email="")
    fault(sms, "reject")
    dossier_services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    work()
    message = Message.objects.get(topic=Topic.RECEIVED, channel=Channel.SMS)
    assert message.status == MessageStatus.PENDING and message.attempts == 1
    assert "503" in message.last_error
    delivery = Delivery.objects.get(event_id=message.event_id)
    assert delivery.attempts == 1 and delivery.next_attempt_at > timezone.now()
    clear(sms)
    work(at=_after(5))  # after the backoff
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and message.provider_ref.startswith("SMS")
    texts = [m["text"] for m in received_sms(sms, "0901234567")]
    assert texts[0] == message.body and texts.count(message.body) == 1
    assert dossier.code in message.body and "đã được tiếp nhận" in message.body


@pytest.mark.django_db(transaction=True)
def test_an_sms_taken_whose_answer_was_lost_is_not_sent_again(world, notifying, sms):
    """The provider keeps the message and answers 500: to us, the same as a crash between the
    send and the mark. The retry posts it again with the same key and the provider does not
    send it twice."""
    user = sms_user(sms, "0907654321")
    dossier = owned_dossier(world, user, phone="0907654321", email="")
    fault(sms, "accept_then_fail")
    dossier_services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    work()
    message = Message.objects.get(topic=Topic.RECEIVED, channel=Channel.SMS)
    assert message.status == MessageStatus.PENDING and "500" in message.last_error
    clear(sms)
    work(at=_after(5))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    (taken,) = [m for m in received_sms(sms, "0907654321") if m["text"] == message.body]
    assert taken["repeats"] == 1 and taken["id"] == message.provider_ref


@pytest.mark.django_db(transaction=True)
def test_an_unconfirmed_number_is_never_sent_a_notification(world, notifying, sms):
    user = citizen()
    services.set_preferences(
        user, actor=user, language="vi", by_email=False, by_sms=True, in_app=True
    )
    services.add_contact(actor=user, kind=ContactKind.PHONE, value="0911222333")
    dossier = owned_dossier(world, user, phone="0911222333", email="")
    dossier_services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    work(2)
    # Only the code went to the number; the notice stays in the app.
    (only,) = received_sms(sms, "0911222333")
    assert "Mã xác nhận" in only["text"]
    assert not Message.objects.filter(topic=Topic.RECEIVED, channel=Channel.SMS).exists()
    assert Message.objects.filter(topic=Topic.RECEIVED, channel=Channel.IN_APP).exists()
