"""Stopping a dossier ("dừng giải quyết"): from processing or a pause, by the leader, with a
reason kind and text kept for the stop notice; the clock ends for good."""

from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import Action, DossierStatus, PauseReason, StopReasonKind
from motcua.dossiers.errors import DossierError, NotAllowed, TransitionRefused
from motcua.dossiers.models import IssuedForm
from motcua.dossiers.printouts import issued_pdf
from motcua.dossiers.tests.fixtures import approve_with_permit, received, vn
from motcua.events.models import AuditEvent, OutboxEvent

S = DossierStatus


def test_a_dossier_stopped_on_the_applicants_request_keeps_its_reason_and_ends_the_clock(world):
    dossier = received(world)
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 9))
    moment = vn(2026, 3, 4, 10, 15)
    services.stop_dossier(
        dossier,
        actor=world.leader,
        reason_kind=StopReasonKind.APPLICANT_REQUEST,
        reason="Người nộp đề nghị dừng vì đã chuyển nơi cư trú",
        now=moment,
    )
    dossier.refresh_from_db()
    assert dossier.status == S.STOPPED
    assert dossier.stop_reason_kind == StopReasonKind.APPLICANT_REQUEST
    assert dossier.stop_reason == "Người nộp đề nghị dừng vì đã chuyển nơi cư trú"
    assert dossier.stopped_at == moment == dossier.closed_at
    assert dossier.stopped_by == world.leader
    assert dossier.due_at is None and dossier.remaining_seconds is None
    assert not dossier.steps.filter(finished_at__isnull=True).exists()
    audit = AuditEvent.objects.filter(dossier=dossier).latest("seq")
    assert audit.action == Action.STOP and audit.from_status == S.PROCESSING
    assert audit.data["reason_kind"] == StopReasonKind.APPLICANT_REQUEST
    event = OutboxEvent.objects.filter(dossier=dossier).latest("pk")
    assert event.type == "dossier.stop" and event.payload["status"] == S.STOPPED
    # The stop notice (form 05) is issued and kept as it was at the moment of the stop.
    notice = IssuedForm.objects.get(dossier=dossier, form="05")
    assert notice.issued_at == moment
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in notice.html
    assert "Người nộp đề nghị dừng vì đã chuyển nơi cư trú" in notice.html
    assert "Theo đề nghị của người nộp hồ sơ" in notice.html
    assert issued_pdf(notice).startswith(b"%PDF")
    # Final: nothing else can be done to it, and it is never overdue.
    with pytest.raises(TransitionRefused):
        services.resume_dossier(dossier, actor=world.leader, now=vn(2026, 3, 5, 9))
    assert not dossier.is_overdue(vn(2027, 1, 4, 9))


def test_a_paused_dossier_can_be_stopped_for_a_legal_reason_and_its_pause_ends(world):
    dossier = received(world)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.FINANCIAL,
        note="Chờ nộp lệ phí trước bạ",
        now=vn(2026, 3, 3, 9),
    )
    services.stop_dossier(
        dossier,
        actor=world.leader,
        reason_kind=StopReasonKind.LEGAL_REASON,
        reason="Thửa đất đang có tranh chấp, Tòa án đã thụ lý",
        now=vn(2026, 3, 5, 9),
    )
    dossier.refresh_from_db()
    assert dossier.status == S.STOPPED
    assert dossier.pauses.get().ended_at == vn(2026, 3, 5, 9)
    assert AuditEvent.objects.filter(dossier=dossier).latest("seq").from_status == S.PAUSED


def test_only_a_leader_stops_and_a_reason_is_required(world):
    dossier = received(world)
    with pytest.raises(NotAllowed):
        services.stop_dossier(
            dossier,
            actor=world.specialist,
            reason_kind=StopReasonKind.LEGAL_REASON,
            reason="Lý do",
            now=vn(2026, 3, 3, 9),
        )
    with pytest.raises(NotAllowed):
        services.stop_dossier(
            dossier,
            actor=world.outsider,
            reason_kind=StopReasonKind.LEGAL_REASON,
            reason="Lý do",
            now=vn(2026, 3, 3, 9),
        )
    with pytest.raises(DossierError) as caught:
        services.stop_dossier(
            dossier, actor=world.leader, reason_kind="whim", reason="x", now=vn(2026, 3, 3, 9)
        )
    assert caught.value.field == "reason_kind"
    with pytest.raises(DossierError) as caught:
        services.stop_dossier(
            dossier,
            actor=world.leader,
            reason_kind=StopReasonKind.APPLICANT_REQUEST,
            reason="   ",
            now=vn(2026, 3, 3, 9),
        )
    assert caught.value.field == "reason"
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING


def test_a_decided_dossier_cannot_be_stopped(world):
    from datetime import date

    dossier = received(world)
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 9))
    approve_with_permit(
        world, dossier, number="12/GPXD", signed_on=date(2026, 3, 4), now=vn(2026, 3, 4, 9)
    )
    with pytest.raises(TransitionRefused):
        services.stop_dossier(
            dossier,
            actor=world.leader,
            reason_kind=StopReasonKind.APPLICANT_REQUEST,
            reason="Muộn rồi",
            now=vn(2026, 3, 5, 9),
        )


def test_a_financial_obligation_is_its_own_pause_resumed_when_met_without_restarting(world, client):
    """Not a supplement: the applicant cannot end it by uploading files, it never restarts
    the clock, and the office confirms the obligation met."""
    from django.urls import reverse

    from motcua.dossiers.errors import TransitionRefused
    from motcua.dossiers.tests.fixtures import pdf, tracking
    from motcua.testing import sign_in_official

    world.procedure.supplement_restarts_clock = True
    world.procedure.save()
    dossier = received(world)
    due = dossier.due_at
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.FINANCIAL,
        note="Nộp lệ phí cấp giấy phép 75.000 đồng",
        now=vn(2026, 3, 3, 9),
    )
    dossier.refresh_from_db()
    assert not dossier.issued_forms.filter(form="02").exists()
    with pytest.raises(TransitionRefused):
        services.provide_supplement(
            dossier, files=[pdf()], proof=tracking(dossier), now=vn(2026, 3, 4, 9)
        )
    sign_in_official(client, world.specialist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Xác nhận đã thực hiện nghĩa vụ tài chính" in page
    services.resume_dossier(
        dossier, actor=world.specialist, note="Biên lai số 0012", now=vn(2026, 3, 5, 9)
    )
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    # The remaining time resumed: two working days later, not a fresh time limit.
    assert dossier.due_at == services.base.calendar().add_working_minutes(due, 2 * 480)
    audit = AuditEvent.objects.filter(dossier=dossier).latest("seq")
    assert audit.data["reason"] == PauseReason.FINANCIAL and audit.data["obligation_met"]
