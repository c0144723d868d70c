"""Ratings and complaints/petitions reach the national portal (the simulator as its own process)
through the ordered outbox consumer: after their dossier's updates, held while the procedure is
not mapped, retried through the portal's failures, kept once however often repeated."""

from __future__ import annotations

import pytest

from motcua.dossiers.tests.fixtures import received, vn
from motcua.events.models import Delivery
from motcua.feedback import services as feedback
from motcua.feedback.choices import Overall
from motcua.feedback.tests.conftest import advance_to_return
from motcua.integrations.national_portal import mapping
from motcua.integrations.national_portal.tests.conftest import drain

pytestmark = pytest.mark.django_db(transaction=False)

RATING = feedback.RatingData(
    scores={"access": 5, "procedure": 4, "attitude": 5, "timeliness": 2, "result": 5},
    overall=Overall.SATISFIED,
    comment="Trả kết quả hơi muộn.",
)
ABOUT = feedback.ComplaintData(
    kind="petition",
    title="Nên nhắn tin khi có kết quả",
    content="Đề nghị gửi tin nhắn khi hồ sơ có kết quả.",
    contact_name="Lê Thị Hoa",
    contact_phone="0987654321",
)


def _rounds(count):
    import time

    from motcua.events.services import run_deliveries

    for _round in range(count):
        run_deliveries(limit=100)
        time.sleep(0.1)


def _feedback_deliveries():
    return Delivery.objects.filter(
        consumer="national_portal", event__type__startswith="feedback."
    ).order_by("event_id")


def test_a_rating_and_an_answered_complaint_reach_the_portal_once(world, portal):
    from motcua.dossiers.tests.fixtures import tracking

    mapping.load_defaults()
    dossier = advance_to_return(world, received(world))
    proof = tracking(dossier)
    rating = feedback.rate_dossier(dossier, RATING, actor=None, proof=proof, now=vn(2026, 3, 6, 10))
    complaint = feedback.submit_complaint(
        ABOUT, actor=None, dossier=dossier, proof=proof, now=vn(2026, 3, 6, 11)
    )
    feedback.answer_complaint(
        complaint, actor=world.leader, answer="Sẽ gửi tin nhắn từ tháng sau.", now=vn(2026, 3, 9)
    )
    drain()
    assert {d.status for d in _feedback_deliveries()} == {"done"}

    [held_rating] = portal.feedback("rating")
    assert held_rating["key"] == str(rating.pk) and held_rating["MaHoSo"] == dossier.code
    assert held_rating["data"]["MucDoHaiLong"] == mapping.OVERALL_CODES["satisfied"]
    assert {s["MaTieuChi"]: s["Diem"] for s in held_rating["data"]["DiemTieuChi"]}["TC4"] == 2
    assert held_rating["data"]["NgayDanhGia"] == "20260306100000"
    assert held_rating["times_received"] == 1

    [held] = portal.feedback("complaint")
    assert held["key"] == complaint.code and held["MaHoSo"] == dossier.code
    assert held["status"] == mapping.COMPLAINT_STATUS_CODES["answered"]
    assert held["data"]["NoiDungTraLoi"] == "Sẽ gửi tin nhắn từ tháng sau."
    assert held["data"]["NgayTraLoi"] == "20260309000000"
    assert held["data"]["LoaiPAKN"] == 2 and held["data"]["TraLoiQuaHan"] == 0
    # Received and answered: two syncs of one record, no personal contact sent.
    assert held["times_received"] == 2
    assert "0987654321" not in str(held["data"])
    # The portal was told of the dossier's return before its rating (ordered by dossier).
    assert portal.dossier(dossier.code)["data"]["TrangThaiHoSo"] == 10


def test_a_procedures_complaint_is_held_until_the_procedure_is_mapped(world, portal, admin_user):
    complaint = feedback.submit_complaint(
        ABOUT, actor=None, procedure=world.procedure, now=vn(2026, 3, 6, 11)
    )
    drain()
    [delivery] = _feedback_deliveries()
    assert delivery.status == "held" and world.procedure.code in delivery.last_error
    assert portal.feedback("complaint") == []
    mapping.set_procedure_mapping(
        world.procedure, actor=admin_user, national_procedure_code="1.009999"
    )
    drain()
    [held] = portal.feedback("complaint")
    assert held["key"] == complaint.code and held["data"]["MaTTHC"] == "1.009999"
    assert held["data"]["MaHoSo"] == ""


def test_the_portals_failures_are_retried_and_a_dropped_sync_sent_again(world, portal):
    mapping.load_defaults()
    complaint = feedback.submit_complaint(
        ABOUT, actor=None, procedure=world.procedure, now=vn(2026, 3, 6, 11)
    )
    portal.set_fault("error_500")
    _rounds(5)
    [delivery] = _feedback_deliveries()
    assert delivery.status == "pending" and delivery.attempts >= 1
    assert "500" in delivery.last_error
    portal.clear_faults()
    portal.set_fault("drop")
    _rounds(5)
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    assert "does not hold the update" in delivery.last_error
    assert portal.feedback("complaint") == []
    portal.clear_faults()
    feedback.refuse_complaint(
        complaint, actor=world.leader, reason="Không thuộc thẩm quyền.", now=vn(2026, 3, 7, 9)
    )
    drain()
    [held] = portal.feedback("complaint")
    assert held["status"] == mapping.COMPLAINT_STATUS_CODES["refused"]
    assert held["data"]["LyDoTuChoi"] == "Không thuộc thẩm quyền."


def test_a_complaint_failing_past_dead_after_is_dead_lettered(world, outbound, settings):
    from datetime import timedelta

    from django.utils import timezone

    from motcua.events.models import OutboxEvent
    from motcua.events.services import run_deliveries

    mapping.load_defaults()
    settings.NATIONAL_PORTAL_URL = "http://127.0.0.1:9/api"  # nothing listens there
    settings.NATIONAL_PORTAL_TIMEOUT = 1
    settings.NATIONAL_PORTAL_DEAD_AFTER = 60
    feedback.submit_complaint(ABOUT, actor=None, procedure=world.procedure, now=vn(2026, 3, 6))
    now = timezone.now()
    run_deliveries(now=now)
    [delivery] = _feedback_deliveries()
    assert delivery.status == "pending" and "TransientError" in delivery.last_error
    run_deliveries(now=now + timedelta(seconds=61))
    delivery.refresh_from_db()
    assert delivery.status == "dead"
    assert OutboxEvent.objects.get(type="national_portal.dead_letter").payload["delivery"] == (
        delivery.pk
    )
