"""Complaints and petitions: receiving, handling, the working-day deadlines and the figures."""

from __future__ import annotations

import pytest

from motcua.dossiers.errors import DossierError, NotAllowed, TransitionRefused
from motcua.dossiers.tests.fixtures import received, vn
from motcua.events.models import AuditEvent, OutboxEvent, ReferenceAuditEvent
from motcua.feedback import selectors, services
from motcua.feedback.choices import ComplaintStatus
from motcua.feedback.tests.conftest import owned_dossier

pytestmark = pytest.mark.django_db

# Thursday 23 April 2026, 9:00. Ahead: a weekend with Hùng Kings' day and its Monday off, then
# 30 April and 1 May, then the weekend. Fifteen working days later is Tuesday 19 May, 9:00;
# two working days later is Tuesday 28 April, 9:00; five is Tuesday 5 May, 9:00.
RECEIVED = vn(2026, 4, 23, 9, 0)
ABOUT = services.ComplaintData(
    kind="complaint",
    title="Hồ sơ trễ hẹn",
    content="Đến ngày hẹn tôi vẫn chưa nhận được kết quả, cũng không có văn bản xin lỗi.",
    contact_name="Trần Thị Bích Ngọc",
    contact_phone="0912345678",
)


def _complaint(world, now=RECEIVED):
    return services.submit_complaint(ABOUT, actor=None, procedure=world.procedure, now=now)


def test_deadlines_are_counted_in_working_days_across_holidays(world):
    complaint = _complaint(world)
    assert complaint.agency == world.department
    assert complaint.refuse_due_at == vn(2026, 4, 28, 9)
    assert complaint.ask_more_due_at == vn(2026, 5, 5, 9)
    assert complaint.answer_due_at == vn(2026, 5, 19, 9)


def test_an_answer_after_fifteen_working_days_is_late(world):
    complaint = _complaint(world)
    answered = services.answer_complaint(
        complaint, actor=world.leader, answer="Đã trả kết quả.", now=vn(2026, 5, 19, 9, 30)
    )
    assert answered.answered_late is True
    figures = selectors.complaint_figures(
        start=vn(2026, 4, 1), end=vn(2026, 5, 1), now=vn(2026, 6, 1)
    )
    assert figures["answered_late"] == 1 and figures["answered_on_time"] == 0


def test_an_answer_in_fourteen_working_days_is_on_time(world):
    complaint = _complaint(world)
    # Monday 18 May, the afternoon: the fourteenth working day (fifteen calendar-less weekdays
    # counted naively would have ended on Thursday 14 May).
    answered = services.answer_complaint(
        complaint, actor=world.leader, answer="Đã trả kết quả.", now=vn(2026, 5, 18, 16)
    )
    assert answered.answered_late is False
    assert answered.publish_due_at == vn(2026, 5, 20, 16)
    figures = selectors.complaint_figures(
        start=vn(2026, 4, 1), end=vn(2026, 5, 1), now=vn(2026, 6, 1)
    )
    assert figures["answered_on_time"] == 1 and figures["answered_late"] == 0


def test_refusing_is_due_within_two_working_days(world):
    on_time = services.refuse_complaint(
        _complaint(world),
        actor=world.leader,
        reason="Không thuộc thẩm quyền.",
        now=vn(2026, 4, 28, 8, 30),
    )
    late = services.refuse_complaint(
        _complaint(world),
        actor=world.leader,
        reason="Không thuộc thẩm quyền.",
        now=vn(2026, 4, 28, 10),
    )
    assert (on_time.refused_late, late.refused_late) == (False, True)
    assert on_time.status == ComplaintStatus.REFUSED
    with pytest.raises(TransitionRefused):
        services.answer_complaint(on_time, actor=world.leader, answer="x", now=vn(2026, 5, 4))


def test_asking_for_more_is_due_within_five_and_publishing_within_two(world):
    first = services.ask_for_more(
        _complaint(world),
        actor=world.leader,
        request_text="Cho biết mã hồ sơ.",
        now=vn(2026, 5, 5, 8),
    )
    second = services.ask_for_more(
        _complaint(world),
        actor=world.leader,
        request_text="Cho biết mã hồ sơ.",
        now=vn(2026, 5, 5, 10),
    )
    assert (first.more_requested_late, second.more_requested_late) == (False, True)
    answered = services.answer_complaint(
        first, actor=world.leader, answer="Đã xử lý.", now=vn(2026, 5, 8, 16)
    )
    # Two working days after Friday 8 May, 16:00: Tuesday 12 May, 16:00.
    assert answered.publish_due_at == vn(2026, 5, 12, 16)
    published = services.publish_answer(answered, actor=world.leader, now=vn(2026, 5, 12, 16, 30))
    assert published.published_late is True and published.status == ComplaintStatus.PUBLISHED
    figures = selectors.complaint_figures(
        start=vn(2026, 4, 1), end=vn(2026, 5, 1), now=vn(2026, 6, 1)
    )
    assert figures["received"] == 2
    assert (figures["more_requested"], figures["more_requested_late"]) == (2, 1)
    assert (figures["published"], figures["published_late"]) == (1, 1)
    assert figures["open_overdue"] == 1  # the second, never answered


def test_only_the_agencys_leader_or_the_assignee_handles_it(world):
    complaint = _complaint(world)
    for stranger in (world.outsider, world.receptionist, world.specialist):
        with pytest.raises(NotAllowed):
            services.answer_complaint(complaint, actor=stranger, answer="x", now=RECEIVED)
    assert selectors.office_queue(world.outsider).count() == 0
    assert list(selectors.office_queue(world.leader)) == [complaint]
    with pytest.raises(DossierError):
        services.assign_complaint(complaint, actor=world.leader, assignee=world.returner)
    services.assign_complaint(
        complaint, actor=world.leader, assignee=world.specialist, now=vn(2026, 4, 24, 9)
    )
    assert list(selectors.office_queue(world.specialist)) == [complaint]
    with pytest.raises(NotAllowed):
        services.refuse_complaint(complaint, actor=world.specialist, reason="x")
    answered = services.answer_complaint(
        complaint, actor=world.specialist, answer="Đã xử lý.", now=vn(2026, 4, 29, 9)
    )
    assert answered.answered_by == world.specialist and not answered.answered_late
    with pytest.raises(NotAllowed):
        services.publish_answer(answered, actor=world.specialist)


def test_a_procedure_complaint_is_audited_on_the_reference_chain(world):
    complaint = _complaint(world)
    event = ReferenceAuditEvent.objects.get(subject_key=complaint.code)
    assert event.action == "complaint_received" and event.subject_type == "complaint"
    assert OutboxEvent.objects.filter(type="feedback.complaint_received").count() == 1


def test_a_dossier_complaint_is_its_applicants_and_on_its_chain(world, citizen, other_citizen):
    dossier = owned_dossier(world, citizen)
    data = services.ComplaintData(kind="petition", title="Kiến nghị", content="Rút ngắn thời gian.")
    with pytest.raises(NotAllowed):
        services.submit_complaint(data, actor=other_citizen, dossier=dossier, now=RECEIVED)
    with pytest.raises(NotAllowed):
        services.submit_complaint(data, actor=world.leader, dossier=dossier, now=RECEIVED)
    complaint = services.submit_complaint(data, actor=citizen, dossier=dossier, now=RECEIVED)
    assert complaint.contact_name == dossier.applicant_name
    assert complaint.submitter == citizen and complaint.procedure == world.procedure
    last = AuditEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    assert last.action == "complaint_received" and last.data["complaint"] == complaint.code


def test_a_guest_must_leave_a_way_to_be_answered(world):
    data = services.ComplaintData(kind="complaint", title="Chậm", content="Chậm quá.")
    with pytest.raises(DossierError) as refused:
        services.submit_complaint(data, actor=None, procedure=world.procedure, now=RECEIVED)
    assert {"contact_name", "contact_phone"} <= set(refused.value.errors)


def test_received_dossier_complaint_goes_to_the_responsible_agency(world):
    dossier = received(world)
    assert dossier.responsible_agency == world.department
