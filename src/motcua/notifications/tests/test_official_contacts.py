"""Officials confirm their own contacts in the office, as citizens do in the portal: a new
e-mail address or phone number receives a code and is not used until the code is entered."""

from __future__ import annotations

import pytest
from django.core import mail

from motcua.dossiers.tests.fixtures import submit_online
from motcua.notifications.choices import Channel, MessageStatus, Topic
from motcua.notifications.models import Contact, Message
from motcua.notifications.tests.helpers import citizen, code_in, work
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

SETTINGS = "/can-bo/thong-bao/cai-dat/"


def test_an_official_confirms_an_address_before_it_is_used(client, world, notifying):
    official = world.receptionist
    sign_in_official(client, official)
    assert "Địa chỉ nhận thông báo" in client.get(SETTINGS).content.decode()
    client.post(
        SETTINGS + "cach-nhan/",
        {"language": "vi", "in_app": "on", "by_email": "on"},
    )
    added = client.post(SETTINGS + "dia-chi/", {"kind": "email", "value": "LeTan@Example.vn"})
    assert added.status_code == 302
    contact = Contact.objects.get(user=official)
    assert contact.value == "letan@example.vn" and contact.confirmed_at is None

    # Before the code is entered, a dossier in their queue is told in the office only.
    submit_online(world, phone="", email="nop@example.vn")
    work(2)
    (code_mail,) = [m for m in mail.outbox if m.to == ["letan@example.vn"]]
    assert code_mail.subject == "Mã xác nhận Motcua"
    queue = Message.objects.filter(recipient=official, topic=Topic.QUEUE)
    assert [m.channel for m in queue] == [Channel.IN_APP]

    wrong = client.post(
        SETTINGS + "xac-nhan/",
        {
            "kind": "email",
            "value": contact.value,
            "code": f"{(int(code_in(code_mail.body)) + 1) % 10**6:06d}",
        },
    )
    assert wrong.status_code == 400
    assert "Mã xác nhận không đúng hoặc đã hết hạn." in wrong.content.decode()
    right = client.post(
        SETTINGS + "xac-nhan/",
        {"kind": "email", "value": contact.value, "code": code_in(code_mail.body)},
    )
    assert right.status_code == 302
    contact.refresh_from_db()
    assert contact.confirmed_at is not None
    assert "Đã xác nhận" in client.get(SETTINGS).content.decode()

    submit_online(world, phone="", email="nop@example.vn")
    work()
    sent = Message.objects.filter(recipient=official, channel=Channel.EMAIL, topic=Topic.QUEUE)
    assert [m.status for m in sent] == [MessageStatus.SENT]
    assert sent[0].address == "letan@example.vn"


def test_the_settings_are_an_officials_own(client, world):
    user = citizen()
    client.force_login(user)
    # A citizen is no official: the office's pages are not theirs.
    assert client.get(SETTINGS).status_code in (302, 403)
    sign_in_official(client, world.specialist)
    bad = client.post(SETTINGS + "dia-chi/", {"kind": "phone", "value": "12ab"})
    assert bad.status_code == 400
    assert "Số điện thoại không hợp lệ" in bad.content.decode()
    assert not Contact.objects.exists()
