"""Notifications from the outbox: once per event, recipient and channel whatever the retries;
nothing for a change rolled back; the right text in the recipient's language; contacts used
only once confirmed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import PauseReason, StopReasonKind
from motcua.dossiers.errors import DossierError
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.choices import DeliveryStatus
from motcua.events.models import Delivery, OutboxEvent
from motcua.integrations.notifications import sync
from motcua.notifications import services
from motcua.notifications.choices import Channel, ContactKind, MessageStatus, Topic
from motcua.notifications.models import Contact, Message
from motcua.notifications.tests.helpers import (
    citizen,
    code_in,
    confirmed_email,
    owned_dossier,
    work,
)

pytestmark = pytest.mark.django_db


def _other(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _receive(world, dossier):
    return dossier_services.receive_dossier(
        dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10)
    )


def test_a_retried_notification_is_sent_once(world, notifying):
    user = citizen()
    confirmed_email(user, "ngoc@example.vn")
    dossier = _receive(world, owned_dossier(world, user))
    work()
    assert [m.subject for m in mail.outbox] == [f"Hồ sơ {dossier.code} đã được tiếp nhận"]
    event = OutboxEvent.objects.get(dossier=dossier, type="dossier.receive")
    # The worker runs the handler again (a retry after a lost "done"), twice.
    sync.handle(event)
    Delivery.objects.filter(event=event).update(status=DeliveryStatus.PENDING)
    work()
    assert len(mail.outbox) == 1
    email = Message.objects.get(event_id=event.pk, channel=Channel.EMAIL)
    assert email.status == MessageStatus.SENT and email.address == "ngoc@example.vn"
    assert Message.objects.filter(event_id=event.pk, recipient=user).count() == 2  # + in-app
    assert (
        mail.outbox[0].extra_headers["Message-ID"]
        == f"<{email.key.replace(':', '.')}@notifications.motcua>"
    )


def test_a_notification_for_a_rolled_back_change_is_never_sent(world, notifying):
    user = citizen()
    confirmed_email(user, "ngoc@example.vn")
    dossier = owned_dossier(world, user)
    events_before = OutboxEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        _receive(world, dossier)
        raise RuntimeError("the request failed after the service")
    work()
    assert OutboxEvent.objects.count() == events_before
    assert not Message.objects.filter(topic=Topic.RECEIVED).exists()
    assert not [m for m in mail.outbox if "tiếp nhận" in m.subject]


def test_each_applicant_event_tells_the_applicant_in_their_language(world, notifying):
    user = citizen()
    confirmed_email(user, "an@example.vn")
    services.set_preferences(
        user, actor=user, language="en", by_email=True, by_sms=False, in_app=True
    )
    dossier = _receive(world, owned_dossier(world, user))
    dossier_services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng"],
        period_days=5,
        now=vn(2026, 3, 3, 9),
    )
    dossier_services.stop_dossier(
        dossier,
        actor=world.leader,
        reason_kind=StopReasonKind.APPLICANT_REQUEST,
        reason="Người nộp đề nghị dừng",
        now=vn(2026, 3, 4, 9),
    )
    work()
    bodies = {m.subject: m.body for m in mail.outbox}
    code = dossier.code
    assert bodies[f"Application {code} received"].startswith(f"Your application {code}")
    supplement = bodies[f"Application {code}: more documents needed"]
    assert "Bản vẽ mặt bằng" in supplement
    # The period in English, as the applicant reads it.
    assert "17:00 on 10/03/2026" in supplement and "working days" in supplement
    assert "Người nộp đề nghị dừng" in bodies[f"Application {code} stopped"]
    topics = list(
        Message.objects.filter(recipient=user, channel=Channel.EMAIL, dossier=dossier)
        .order_by("pk")
        .values_list("topic", "language")
    )
    assert topics == [
        (Topic.RECEIVED, "en"),
        (Topic.SUPPLEMENT, "en"),
        (Topic.STOPPED, "en"),
    ]


def test_a_guest_is_told_in_vietnamese_once_the_contact_given_is_confirmed(world, notifying):
    submission = submit_online(world, phone="", email="khach@example.vn")
    work(2)
    # The contact given at submission gets a code first, and nothing else until confirmed.
    (code_mail,) = mail.outbox
    assert code_mail.to == ["khach@example.vn"]
    stored = Message.objects.get(topic=Topic.CONFIRM_CONTACT)
    assert code_in(code_mail.body) not in stored.body  # the code is never stored
    dossier = _receive(world, submission.dossier)
    work()
    skipped = Message.objects.get(topic=Topic.RECEIVED)
    assert skipped.status == MessageStatus.SKIPPED and len(mail.outbox) == 1
    services.confirm_contact(
        actor=None, kind=ContactKind.EMAIL, value="khach@example.vn", code=code_in(code_mail.body)
    )
    dossier_services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng"],
        period_days=5,
        now=vn(2026, 12, 3, 15),
    )
    work()
    last = mail.outbox[-1]
    assert last.to == ["khach@example.vn"]
    assert last.subject == f"Hồ sơ {dossier.code}: yêu cầu bổ sung"
    assert "trong 5 ngày làm việc, đến 17:00 ngày 10/12/2026" in last.body


def test_a_returned_for_completion_guest_dossier_says_what_is_missing(world, notifying):
    submission = submit_online(world, phone="", email="khach@example.vn")
    work(2)
    code = code_in(mail.outbox[0].body)
    services.confirm_contact(
        actor=None, kind=ContactKind.EMAIL, value="khach@example.vn", code=code
    )
    dossier_services.return_for_completion(
        submission.dossier,
        actor=world.receptionist,
        missing=["Giấy chứng nhận quyền sử dụng đất (bản sao)"],
        now=vn(2026, 3, 2, 10),
    )
    work()
    last = mail.outbox[-1]
    assert last.subject.endswith("cần hoàn thiện")
    assert "Giấy chứng nhận quyền sử dụng đất (bản sao)" in last.body


def test_an_unconfirmed_contact_is_not_used(world, notifying):
    user = citizen()
    services.add_contact(actor=user, kind=ContactKind.EMAIL, value="moi@example.vn")
    work()
    mail.outbox.clear()
    right = services.confirmation_code(Contact.objects.get())
    with pytest.raises(DossierError):
        services.confirm_contact(
            actor=user, kind=ContactKind.EMAIL, value="moi@example.vn", code=_other(right)
        )
    dossier = _receive(world, owned_dossier(world, user))
    work()
    assert mail.outbox == []
    assert not Message.objects.filter(topic=Topic.RECEIVED, channel=Channel.EMAIL).exists()
    assert Message.objects.get(topic=Topic.RECEIVED, channel=Channel.IN_APP).recipient == user
    assert dossier.code


def test_a_wrong_code_five_times_locks_the_contact(world, notifying):
    user = citizen()
    services.add_contact(actor=user, kind=ContactKind.PHONE, value="0987654321")
    contact = Contact.objects.get()
    right = services.confirmation_code(contact)
    wrong = _other(right)
    for _ in range(5):
        with pytest.raises(DossierError) as refused:
            services.confirm_contact(actor=user, kind="phone", value="0987654321", code=wrong)
        assert refused.value.field == "code"
    with pytest.raises(DossierError):
        services.confirm_contact(actor=user, kind="phone", value="0987654321", code=right)
    contact.refresh_from_db()
    assert contact.confirmed_at is None


def test_the_apology_the_result_and_its_return_are_told_in_vietnamese(world, notifying):
    from datetime import timedelta

    from django.utils import timezone

    from motcua.dossiers.tests.fixtures import approve_with_permit

    user = citizen()
    confirmed_email(user, "binh@example.vn")
    dossier = _receive(world, owned_dossier(world, user))
    new_date = dossier.due_at + timedelta(days=5)
    dossier_services.apologise(
        dossier,
        actor=world.leader,
        reason="Chờ ý kiến cơ quan phối hợp",
        new_due_at=new_date,
        now=dossier.due_at - timedelta(days=10),
    )
    dossier_services.forward_dossier(dossier, actor=world.specialist)
    approve_with_permit(world, dossier, number="15/GPXD", signed_on=timezone.localdate())
    dossier_services.return_result(
        dossier,
        actor=world.returner,
        channel="counter",
        collected_by_name="Trần Thị Bích Ngọc",
        collected_by_id_number="001190012345",
    )
    work()
    by_subject = {m.subject: m.body for m in mail.outbox}
    code = dossier.code
    apology = by_subject[f"Hồ sơ {code}: xin lỗi vì chậm trả kết quả"]
    assert "Chờ ý kiến cơ quan phối hợp" in apology
    assert f"{timezone.localtime(new_date):%H:%M %d/%m/%Y}" in apology
    assert f"Hồ sơ {code} đã có kết quả" in by_subject
    assert f"Hồ sơ {code} đã trả kết quả" in by_subject
    topics = list(
        Message.objects.filter(recipient=user, channel=Channel.EMAIL, dossier=dossier)
        .order_by("pk")
        .values_list("topic", flat=True)
    )
    assert topics == [Topic.RECEIVED, Topic.APOLOGY, Topic.RESULT_READY, Topic.RETURNED]
