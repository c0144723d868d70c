"""In-app messages through the faces: each person sees their own, with the unread count, and
nobody else's (by list or by URL); officials are told what landed in their queue."""

from __future__ import annotations

import pytest

from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.notifications.choices import Channel, Topic
from motcua.notifications.models import Message
from motcua.notifications.tests.helpers import (
    citizen,
    owned_dossier,
    work,
)
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def test_in_app_messages_are_seen_only_by_their_recipient(client, world, notifying):
    owner, other = citizen(), citizen()
    dossier = dossier_services.receive_dossier(
        owned_dossier(world, owner), actor=world.receptionist, now=vn(2026, 3, 2, 10)
    )
    work()
    message = Message.objects.get(recipient=owner, topic=Topic.RECEIVED, channel=Channel.IN_APP)

    client.force_login(owner)
    page = client.get("/thong-bao/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Hồ sơ {dossier.code} đã được tiếp nhận" in text
    assert "Hộp thư (1 chưa đọc)" in text

    client.force_login(other)
    page = client.get("/thong-bao/")
    assert dossier.code not in page.content.decode()
    assert client.post(f"/thong-bao/{message.pk}/da-doc/").status_code == 404
    message.refresh_from_db()
    assert message.read_at is None

    client.force_login(owner)
    assert client.post(f"/thong-bao/{message.pk}/da-doc/").status_code == 302
    assert "Hộp thư (0 chưa đọc)" in client.get("/thong-bao/").content.decode()


def test_an_official_is_told_what_landed_in_their_queue(client, world, notifying):
    submission = submit_online(world)
    work()
    dossier = submission.dossier
    sign_in_official(client, world.receptionist)
    page = client.get("/can-bo/thong-bao/").content.decode()
    assert f"Hồ sơ {dossier.code} vào hàng đợi của ông/bà" in page
    dossier = dossier_services.receive_dossier(
        dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10)
    )
    dossier_services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    work()
    assert Message.objects.filter(recipient=world.specialist, topic=Topic.QUEUE).exists()
    message = Message.objects.get(recipient=world.specialist, topic=Topic.QUEUE)
    # Not the receptionist's: neither listed nor markable.
    assert client.post(f"/can-bo/thong-bao/{message.pk}/da-doc/").status_code == 404


def test_the_preferences_page_refuses_a_bad_address_with_a_field_message(client, world):
    user = citizen()
    client.force_login(user)
    page = client.post("/thong-bao/dia-chi/", {"kind": "phone", "value": "12ab"})
    assert page.status_code == 400
    assert "Số điện thoại không hợp lệ" in page.content.decode()
    page = client.post(
        "/xac-nhan-lien-lac/", {"kind": "email", "value": "x@example.vn", "code": "1"}
    )
    assert page.status_code == 400
