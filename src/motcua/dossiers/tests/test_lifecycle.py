"""A dossier's whole life through the services, and the rules each action enforces."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import DossierStatus, Outcome, PauseReason, Timeliness
from motcua.dossiers.deadlines import timeliness
from motcua.dossiers.errors import DossierError, NotAllowed, StaleVersion, TransitionRefused
from motcua.dossiers.models import DossierStep
from motcua.dossiers.services.base import calendar
from motcua.dossiers.tests.fixtures import (
    VN,
    approve_with_permit,
    pdf,
    received,
    submit_online,
    tracking,
    vn,
)

S = DossierStatus


def test_online_submission_gets_a_code_a_secret_and_typed_form_data(world):
    submission = submit_online(world)
    dossier = submission.dossier
    assert dossier.status == S.SUBMITTED
    assert dossier.code == f"{world.centre.code}-260302-0001"
    assert len(submission.lookup_secret) == 10
    assert dossier.form_data == {"dien_tich": 120.5, "so_tang": 4}
    assert dossier.responsible_agency == world.department
    assert [d.digitised for d in dossier.documents.all()] == [True, True]
    assert dossier.files.first().sha256 and dossier.audit_events.get().action == "submit"


def test_a_missing_required_document_and_bad_form_data_are_refused_field_by_field(world):
    with pytest.raises(DossierError) as caught:
        services.create_dossier(
            procedure=world.procedure,
            case=world.case,
            channel="online",
            applicant=world.applicant(personal_id="123"),
            receiving_agency=world.centre,
            form_data={"so_tang": "nhiều"},
            uploads=[services.Upload("DON", pdf())],
            now=vn(2026, 3, 2, 9),
        )
    errors = caught.value.errors
    assert "documents.GCN" in errors and "personal_id" in errors
    assert "form_data.dien_tich" in errors and "form_data.so_tang" in errors


def test_a_file_whose_content_is_not_an_accepted_type_is_refused(world):
    with pytest.raises(DossierError) as caught:
        services.create_dossier(
            procedure=world.procedure,
            case=world.case,
            channel="online",
            applicant=world.applicant(),
            receiving_agency=world.centre,
            form_data={"dien_tich": 50},
            uploads=[
                services.Upload("DON", pdf("don.pdf", b"MZ\x90\x00 not a pdf")),
                services.Upload("GCN", pdf()),
            ],
            now=vn(2026, 3, 2, 9),
        )
    assert "documents.DON" in caught.value.errors


def test_the_whole_life_of_a_dossier(world):
    dossier = submit_online(world).dossier
    dossier = services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10, 0))
    assert dossier.status == S.PROCESSING
    # 15 working days from Monday 2 March 2026 10:00, no holiday in between.
    assert dossier.due_at.astimezone(VN) == vn(2026, 3, 23, 10, 0)
    steps = list(dossier.steps.order_by("started_at", "pk"))
    assert [(s.name, s.finished_at is not None) for s in steps] == [
        ("Tiếp nhận hồ sơ", True),
        ("Thẩm định hồ sơ", False),
    ]
    assert steps[1].unit == world.unit

    services.assign_step(
        dossier, actor=world.leader, assignee=world.specialist, now=vn(2026, 3, 2, 11)
    )
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng công trình"],
        now=vn(2026, 3, 4, 10),
    )
    dossier.refresh_from_db()
    assert dossier.status == S.PAUSED and dossier.due_at is None
    services.provide_supplement(
        dossier, files=[pdf("ban-ve.pdf")], proof=tracking(dossier), now=vn(2026, 3, 6, 10)
    )
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    services.forward_dossier(
        dossier, actor=world.specialist, note="Đủ điều kiện", now=vn(2026, 3, 10, 15)
    )
    approve_with_permit(
        world, dossier, number="123/GPXD", signed_on=date(2026, 3, 11), now=vn(2026, 3, 11, 9)
    )
    assert (
        dossier.status == S.DECIDED
        and timeliness(dossier.decided_at, dossier.decided_due_at, VN) == Timeliness.EARLY
    )
    services.return_result(
        dossier,
        actor=world.returner,
        channel="counter",
        collected_by_name="Trần Thị Bích Ngọc",
        collected_by_id_number="001190012345",
        now=vn(2026, 3, 12, 9),
    )
    dossier.refresh_from_db()
    assert dossier.status == S.RETURNED
    assert [e.action for e in dossier.audit_events.order_by("seq")] == [
        "submit",
        "receive",
        "assign",
        "pause",
        "resume",
        "forward",
        "decide",
        "return_result",
    ]


def test_a_supplement_pause_moves_the_due_moment_by_exactly_the_paused_working_time(world):
    dossier = received(world)
    original_due = dossier.due_at
    paused_at, resumed_at = vn(2026, 3, 4, 10, 30), vn(2026, 3, 9, 14, 15)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu",
        items=["Bản vẽ"],
        now=paused_at,
    )
    services.resume_dossier(dossier, actor=world.specialist, now=resumed_at)
    dossier.refresh_from_db()
    cal = calendar()
    paused_minutes = cal.working_minutes_between(paused_at, resumed_at)
    assert cal.working_minutes_between(original_due, dossier.due_at) == paused_minutes
    assert paused_minutes == 3 * 480 + 165  # Wed 10:30 → Mon 14:15


def test_returning_a_step_creates_a_new_row_and_rewrites_nothing(world):
    dossier = received(world)
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 10))
    before = list(DossierStep.objects.filter(dossier=dossier).values_list("pk", "finished_at"))
    services.return_to_step(
        dossier, actor=world.leader, order=2, reason="Cần thẩm định lại", now=vn(2026, 3, 4, 10)
    )
    rows = list(dossier.steps.order_by("started_at", "pk"))
    assert [s.name for s in rows] == [
        "Tiếp nhận hồ sơ",
        "Thẩm định hồ sơ",
        "Phê duyệt",
        "Thẩm định hồ sơ",
    ]
    assert rows[2].ended_by_return and rows[3].finished_at is None
    assert all(
        DossierStep.objects.get(pk=pk).finished_at == finished
        for pk, finished in before
        if finished
    )


def test_an_official_of_another_agency_can_neither_act_nor_see(world):
    from motcua.dossiers.errors import NotFound
    from motcua.dossiers.selectors import dossier_for, visible_dossiers

    dossier = received(world)
    with pytest.raises(NotAllowed):
        services.forward_dossier(dossier, actor=world.outsider, now=vn(2026, 3, 3, 10))
    with pytest.raises(NotFound):
        dossier_for(world.outsider, dossier.code)
    assert not visible_dossiers(world.outsider).exists()
    assert dossier_for(world.specialist, dossier.code) == dossier


def test_an_inter_agency_steps_unit_sees_the_dossier(world):
    from motcua.dossiers.selectors import dossier_for

    dossier = received(world)
    services.hand_over(
        dossier,
        actor=world.specialist,
        to_agency=world.other,
        reason="Lấy ý kiến",
        now=vn(2026, 3, 3, 10),
    )
    assert dossier_for(world.outsider, dossier.code) == dossier
    step = services.forward_dossier(
        dossier, actor=world.outsider, note="Thống nhất", now=vn(2026, 3, 4, 10)
    )
    assert step.name == "Phê duyệt" and step.unit == world.department


def test_a_stale_version_is_refused_with_a_clear_message(world):
    dossier = submit_online(world).dossier
    version = dossier.version
    services.receive_dossier(
        dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10), expected_version=version
    )
    with pytest.raises(StaleVersion) as caught:
        services.refuse_dossier(
            dossier, actor=world.receptionist, reasons="Sai thẩm quyền", expected_version=version
        )
    assert "vừa được người khác cập nhật" in caught.value.message


def test_a_transition_the_status_does_not_allow_is_refused_with_why(world):
    dossier = submit_online(world).dossier
    with pytest.raises(TransitionRefused) as caught:
        services.decide_dossier(
            dossier, actor=world.leader, outcome=Outcome.REJECTED, reason="Không đủ điều kiện"
        )
    assert "Chờ tiếp nhận" in caught.value.message


def test_a_second_supplement_request_needs_a_justification(world):
    dossier = received(world)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu",
        items=["A"],
        now=vn(2026, 3, 3, 9),
    )
    services.resume_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 4, 9))
    with pytest.raises(DossierError) as caught:
        services.pause_dossier(
            dossier,
            actor=world.specialist,
            reason=PauseReason.SUPPLEMENT,
            note="Thiếu",
            items=["B"],
            now=vn(2026, 3, 5, 9),
        )
    assert caught.value.field == "justification"


def test_an_apology_sets_a_new_date_once_and_a_late_one_is_marked(world):
    dossier = received(world)
    apology = services.apologise(
        dossier,
        actor=world.leader,
        reason="Chờ ý kiến cơ quan khác",
        new_due_at=dossier.due_at + timedelta(days=5),
        now=dossier.due_at - timedelta(hours=2),
    )
    assert apology.is_late
    dossier.refresh_from_db()
    assert dossier.applicant_due_at == apology.new_due_at and dossier.due_at < apology.new_due_at
    with pytest.raises(TransitionRefused):
        services.apologise(
            dossier,
            actor=world.leader,
            reason="Lần nữa",
            new_due_at=dossier.due_at + timedelta(days=9),
        )


def test_the_due_warning_sweep_warns_once(world):
    dossier = received(world)
    assert services.sweep_due_warnings(now=vn(2026, 3, 10, 9)) == 0
    assert services.sweep_due_warnings(now=vn(2026, 3, 20, 11)) == 1
    assert services.sweep_due_warnings(now=vn(2026, 3, 20, 12)) == 0
    assert dossier.audit_events.filter(action="warn_due").count() == 1


def test_counter_reception_needs_every_required_document_ticked(world):
    from motcua.dossiers.services import ChecklistLine

    with pytest.raises(DossierError) as caught:
        services.receive_at_counter(
            actor=world.receptionist,
            procedure=world.procedure,
            case=world.case,
            applicant=world.applicant(),
            receiving_agency=world.centre,
            form_data={"dien_tich": 80},
            checklist=[ChecklistLine("DON", "original", 1)],
            now=vn(2026, 3, 2, 10),
        )
    assert "checklist.GCN" in caught.value.errors
    submission = services.receive_at_counter(
        actor=world.receptionist,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": 80},
        checklist=[ChecklistLine("DON", "original", 1), ChecklistLine("GCN", "certified_copy", 2)],
        now=vn(2026, 3, 2, 10),
    )
    assert submission.dossier.status == S.PROCESSING
    assert submission.dossier.code.endswith("-260302-0001")


def test_an_applicant_withdraws_with_the_lookup_secret(world):
    from motcua.dossiers.selectors import lookup

    submission = submit_online(world)
    dossier = lookup(submission.dossier.code, submission.lookup_secret.lower())
    services.withdraw_dossier(
        dossier, reason="Nộp nhầm", proof=tracking(dossier), now=vn(2026, 3, 3, 9)
    )
    dossier.refresh_from_db()
    assert dossier.status == S.WITHDRAWN


def test_a_draft_keeps_what_was_typed_and_is_checked_only_at_submission(world):
    from motcua.accounts.tests.factories import UserFactory

    citizen = UserFactory(personal_id="001190012345")
    draft = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        owner=citizen,
        actor=citizen,
        submit=False,
        applicant=world.applicant(personal_id="0011"),
        receiving_agency=world.centre,
        form_data={"dien_tich": "abc", "la": "bỏ qua"},
        now=vn(2026, 3, 1, 20),
    ).dossier
    assert draft.status == S.DRAFT and draft.code is None
    assert draft.form_data == {"dien_tich": "abc"}
    with pytest.raises(DossierError) as caught:
        services.submit_dossier(draft, actor=citizen, now=vn(2026, 3, 1, 21))
    assert {"personal_id", "form_data.dien_tich", "documents.DON"} <= set(caught.value.errors)
    services.update_draft(
        draft,
        actor=citizen,
        applicant=world.applicant(),
        form_data={"dien_tich": "75,5"},
        uploads=[services.Upload("DON", pdf()), services.Upload("GCN", pdf())],
        now=vn(2026, 3, 1, 22),
    )
    submission = services.submit_dossier(draft, actor=citizen, now=vn(2026, 3, 2, 7, 30))
    assert submission.dossier.status == S.SUBMITTED and submission.lookup_secret
    assert submission.dossier.form_data == {"dien_tich": 75.5}
    with pytest.raises(TransitionRefused):
        services.update_draft(draft, actor=citizen, form_data={}, now=vn(2026, 3, 2, 8))
