"""The sender of a complaint or petition is told: received, asked for more, answered, refused,
published; in their chosen channels and language when signed in, at the contacts they left
(once confirmed) as a guest; in the texts administrators edit."""

from __future__ import annotations

import pytest
from django.core import mail

from motcua.dossiers.tests.fixtures import vn
from motcua.feedback import services as feedback
from motcua.notifications import services
from motcua.notifications.choices import Channel, ContactKind, MessageStatus, Topic
from motcua.notifications.models import Message, MessageTemplate
from motcua.notifications.tests.helpers import citizen, code_in, confirmed_email, work

pytestmark = pytest.mark.django_db

ABOUT = feedback.ComplaintData(
    kind="complaint",
    title="Hướng dẫn không rõ",
    content="Trang thủ tục thiếu mẫu đơn.",
    contact_name="Lê Thị Hoa",
    contact_email="hoa@example.vn",
)


def test_a_signed_in_sender_is_told_each_step_in_their_language(world, notifying):
    user = citizen()
    confirmed_email(user, "an@example.vn")
    services.set_preferences(
        user, actor=user, language="en", by_email=True, by_sms=False, in_app=True
    )
    complaint = feedback.submit_complaint(
        ABOUT, actor=user, procedure=world.procedure, now=vn(2026, 4, 23, 9)
    )
    feedback.ask_for_more(
        complaint, actor=world.leader, request_text="Số hồ sơ liên quan", now=vn(2026, 4, 24, 9)
    )
    feedback.answer_complaint(
        complaint, actor=world.leader, answer="Mẫu đơn đã được bổ sung.", now=vn(2026, 4, 27, 9)
    )
    feedback.publish_answer(complaint, actor=world.leader, now=vn(2026, 4, 28, 9))
    work()
    code = complaint.code
    bodies = {m.subject: m.body for m in mail.outbox if m.to == ["an@example.vn"]}
    assert "19/05/2026" in bodies[f"Feedback {code} received"]
    assert "Số hồ sơ liên quan" in bodies[f"Feedback {code}: more information needed"]
    assert bodies[f"Feedback {code} answered"].endswith("Mẫu đơn đã được bổ sung.")
    assert f"Answer to feedback {code} published" in bodies
    in_app = Message.objects.filter(recipient=user, channel=Channel.IN_APP).order_by("pk")
    assert [m.topic for m in in_app] == [
        Topic.COMPLAINT_RECEIVED,
        Topic.COMPLAINT_MORE,
        Topic.COMPLAINT_ANSWERED,
        Topic.COMPLAINT_PUBLISHED,
    ]
    # The worker run again sends nothing twice.
    count = len(mail.outbox)
    work()
    assert len(mail.outbox) == count


def test_a_guest_sender_is_told_once_their_address_is_confirmed(world, notifying):
    complaint = feedback.submit_complaint(
        ABOUT, actor=None, procedure=world.procedure, now=vn(2026, 4, 23, 9)
    )
    work(2)  # the code's own event is delivered on the next pass
    # First sight of the address: its code goes out, the notice itself waits for it.
    (code_mail,) = mail.outbox
    assert code_mail.to == ["hoa@example.vn"]
    received = Message.objects.get(topic=Topic.COMPLAINT_RECEIVED)
    assert received.status == MessageStatus.SKIPPED
    services.confirm_contact(
        actor=None, kind=ContactKind.EMAIL, value="hoa@example.vn", code=code_in(code_mail.body)
    )
    feedback.refuse_complaint(
        complaint, actor=world.leader, reason="Không thuộc thẩm quyền.", now=vn(2026, 4, 24, 9)
    )
    work()
    last = mail.outbox[-1]
    assert last.to == ["hoa@example.vn"]
    assert last.subject == f"Phản ánh, kiến nghị {complaint.code} không được tiếp nhận"
    assert "Lý do: Không thuộc thẩm quyền." in last.body


def test_the_texts_are_the_ones_administrators_edited(world, notifying):
    from motcua.accounts.tests.factories import UserFactory
    from motcua.agencies.choices import Role
    from motcua.agencies.tests.factories import RoleGrantFactory

    admin = UserFactory(official=True)
    RoleGrantFactory(
        user=admin, agency=world.centre.parent, role=Role.SYSTEM_ADMIN, includes_subtree=True
    )
    template = MessageTemplate.objects.get(topic=Topic.COMPLAINT_ANSWERED, language="vi")
    services.update_template(
        template,
        actor=admin,
        subject="Đã có trả lời cho {code}",
        body="Kính gửi ông/bà, {title}: {answer}",
    )
    user = citizen()
    confirmed_email(user, "binh@example.vn")
    services.set_preferences(
        user, actor=user, language="vi", by_email=True, by_sms=False, in_app=False
    )
    complaint = feedback.submit_complaint(
        ABOUT, actor=user, procedure=world.procedure, now=vn(2026, 4, 23, 9)
    )
    feedback.answer_complaint(
        complaint, actor=world.leader, answer="Đã bổ sung.", now=vn(2026, 4, 27, 9)
    )
    work()
    answered = [m for m in mail.outbox if m.subject == f"Đã có trả lời cho {complaint.code}"]
    assert [m.body for m in answered] == ["Kính gửi ông/bà, Hướng dẫn không rõ: Đã bổ sung."]
