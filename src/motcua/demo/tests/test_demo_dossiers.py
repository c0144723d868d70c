"""The demo's working morning of dossiers, loaded once for the module (`load_demo --dossiers
40` at the real current time)."""

import io
import re
from collections import Counter

import pypdf
import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import RoleGrant
from motcua.catalog.eforms import clean_data
from motcua.demo.accounts import ACCOUNTS
from motcua.demo.tests.conftest import SMALL_DEMO, banner_blocks
from motcua.demo.todo import ROLE_QUEUES
from motcua.dossiers.choices import DossierStatus, PauseReason, ReturnChannel
from motcua.dossiers.models import (
    Apology,
    Dossier,
    DossierFile,
    DossierPause,
    DossierStep,
    IssuedForm,
)
from motcua.events.models import AuditEvent
from motcua.events.verify import verify_all
from motcua.office import queues as office_queues
from motcua.workdays.services import get_calendar

pytestmark = pytest.mark.django_db
S = DossierStatus


def test_load_demo_creates_the_dossiers_asked_for_in_every_status(demo_with_dossiers):
    assert Dossier.objects.count() == SMALL_DEMO
    assert f"{SMALL_DEMO:>6}  hồ sơ mẫu" in demo_with_dossiers.output
    statuses = Counter(Dossier.objects.values_list("status", flat=True))
    assert set(statuses) == set(S.values)
    assert statuses[S.PROCESSING] > statuses[S.PAUSED]


def test_at_load_time_some_dossiers_are_overdue_and_some_due_within_a_working_day(
    demo_with_dossiers,
):
    now = demo_with_dossiers.finished
    cal = get_calendar()
    horizon = cal.add_working_minutes(cal.next_working_moment(now), 480)
    processing = Dossier.objects.filter(status=S.PROCESSING)
    assert processing.filter(due_at__lt=demo_with_dossiers.started).exists()
    assert processing.filter(due_at__gt=now, due_at__lte=horizon).exists()
    assert processing.filter(due_at__gt=horizon).exists()


def test_one_dossier_waits_for_a_supplement_with_its_request_issued(demo_with_dossiers):
    paused = Dossier.objects.get(status=S.PAUSED)
    pause = paused.pauses.get(ended_at__isnull=True)
    assert pause.reason == PauseReason.SUPPLEMENT and pause.items
    assert paused.due_at is None and paused.remaining_minutes is not None
    assert paused.issued_forms.filter(form="02").exists()


def test_an_overdue_dossier_in_processing_has_an_apology_and_keeps_its_due_moment(
    demo_with_dossiers,
):
    apology = Apology.objects.select_related("dossier").get(dossier__status=S.PROCESSING)
    dossier = apology.dossier
    assert dossier.due_at < demo_with_dossiers.started < apology.new_due_at
    assert dossier.applicant_due_at == apology.new_due_at
    assert not apology.is_late  # issued a working day before the due moment
    assert IssuedForm.objects.filter(dossier=dossier, form="04").exists()


def test_every_audit_chain_verifies(demo_with_dossiers):
    assert verify_all(Dossier.objects.all()) == []


def test_every_submitted_dossiers_form_data_passes_its_procedures_eform(demo_with_dossiers):
    submitted = Dossier.objects.exclude(status=S.DRAFT).select_related("procedure")
    filled = 0
    for dossier in submitted:
        schema = dossier.procedure.eform_schema
        cleaned, errors = clean_data(schema, dossier.form_data)
        assert errors == {}, (dossier.procedure.code, errors)
        assert cleaned == dossier.form_data
        filled += bool(schema)
    assert filled > SMALL_DEMO // 2


def test_applicants_have_valid_ids_mobile_numbers_and_hanoi_addresses(demo_with_dossiers):
    for dossier in Dossier.objects.select_related("applicant_commune"):
        if dossier.applicant_kind == "citizen":
            pid = dossier.applicant_personal_id
            assert re.fullmatch(r"0\d{2}[0-3]\d{8}", pid), pid
            century = 1900 if pid[3] in "01" else 2000
            assert 1900 < century + int(pid[4:6]) <= 2010
        else:
            assert re.fullmatch(r"\d{10}", dossier.applicant_tax_code)
        assert re.fullmatch(r"0\d{9}", dossier.applicant_phone)
        assert dossier.applicant_commune.province_id == "01"
        assert dossier.applicant_name.count(" ") >= 2 or dossier.applicant_kind != "citizen"


def test_history_is_in_time_order_within_the_last_weeks_and_never_in_the_future(
    demo_with_dossiers,
):
    now = demo_with_dossiers.finished
    events = list(AuditEvent.objects.order_by("dossier_id", "seq").values_list("dossier_id", "at"))
    assert events
    by_dossier: dict[int, list] = {}
    for dossier_id, at in events:
        by_dossier.setdefault(dossier_id, []).append(at)
    for moments in by_dossier.values():
        assert moments == sorted(moments)
    assert max(at for _id, at in events) <= now
    assert (now - min(at for _id, at in events)).days <= 60


def test_codes_are_numbered_in_the_order_dossiers_arrived(demo_with_dossiers):
    coded = Dossier.objects.exclude(code=None).order_by("code")
    by_day: dict[str, list] = {}
    for dossier in coded:
        first = dossier.audit_events.filter(action__in=["submit", "receive"]).order_by("seq")
        by_day.setdefault(dossier.code.rsplit("-", 1)[0], []).append(first.first().at)
    for moments in by_day.values():
        assert moments == sorted(moments)


def test_decisions_came_early_on_time_and_late_and_results_went_out_at_the_counter_and_by_post(
    demo_with_dossiers,
):
    judged = Counter(
        event.data["timeliness"] for event in AuditEvent.objects.filter(action="decide")
    )
    assert judged["early"] and judged["on_time"] and judged["late"]
    returned = Dossier.objects.filter(status=S.RETURNED)
    assert returned.filter(return_channel=ReturnChannel.POST).exists()
    at_counter = returned.filter(return_channel=ReturnChannel.COUNTER)
    assert at_counter.exists()
    assert not at_counter.filter(collected_by_name="").exists()


def test_work_moved_between_steps_and_agencies(demo_with_dossiers):
    actions = Counter(AuditEvent.objects.values_list("action", flat=True))
    assert actions["hand_over"] and actions["return_to_step"] and actions["assign"]
    handed = AuditEvent.objects.filter(action="hand_over").first().dossier
    assert handed.steps.values("unit").distinct().count() >= 3


def test_the_office_has_a_morning_queue(demo_with_dossiers):
    processing_steps = [
        step
        for dossier in Dossier.objects.filter(status=S.PROCESSING)
        for step in dossier.steps.filter(finished_at__isnull=True)
    ]
    assert any(
        step.assigned_to_id is None and step.role == "specialist" for step in processing_steps
    )
    assert any(step.assigned_to_id is not None for step in processing_steps)
    assert any(step.role == "unit_leader" for step in processing_steps)
    assert Dossier.objects.filter(status=S.DECIDED).exists()


def test_uploaded_files_are_real_pdfs(demo_with_dossiers):
    stored = DossierFile.objects.filter(content_type="application/pdf")
    assert stored.count() >= SMALL_DEMO
    for dossier_file in stored[:5]:
        with dossier_file.file.open("rb") as handle:
            reader = pypdf.PdfReader(io.BytesIO(handle.read()), strict=True)
        assert len(reader.pages) == 1


def test_demo_accounts_keep_one_role_each_and_every_other_official_has_one(demo_with_dossiers):
    for account in ACCOUNTS:
        expected = 1 if account.role else 0
        assert RoleGrant.objects.filter(user__username=account.username).count() == expected
    officials = User.objects.filter(is_staff=True)
    assert officials.count() > len([a for a in ACCOUNTS if a.role])
    assert not officials.filter(role_grants__isnull=True).exists()


QUEUE_LINE = re.compile(r"– “([^”]+)” (\d+) hồ sơ(?: \(([^)]*)\))?")


def test_the_banner_counts_each_officials_office_queues_as_the_office_does(
    demo_with_dossiers, capsys
):
    call_command("demo_banner")
    blocks = banner_blocks(capsys.readouterr().out)
    calendar, now = get_calendar(), timezone.now()
    seen: dict[tuple[str, str], str] = {}
    for account in ACCOUNTS:
        if account.role not in ROLE_QUEUES:
            continue
        user = User.objects.get(username=account.username)
        for label, total, details in QUEUE_LINE.findall(blocks[account.username]):
            queue = next(queue for queue in office_queues.QUEUES if str(queue.label) == label)
            assert int(total) == office_queues.count(queue, user, calendar=calendar, now=now)
            overdue = office_queues.queue_dossiers(
                queue, user, calendar=calendar, now=now, due="qua-han"
            ).count()
            assert (f"{overdue} quá hạn" in details) == bool(overdue), (account.username, label)
            seen[account.username, queue.slug] = details
    assert ("tiepnhan", "cho-tiep-nhan") in seen and ("tiepnhan.hoankiem", "cho-tiep-nhan") in seen
    assert ("lanhdao.xd", "chua-phan-cong") in seen and ("trakq", "tra-ket-qua") in seen
    assert "bản nháp" in blocks["congdan"]


def test_the_featured_officials_find_overdue_due_soon_paused_and_apologised_dossiers(
    demo_with_dossiers, capsys
):
    call_command("demo_banner")
    blocks = banner_blocks(capsys.readouterr().out)
    specialist = blocks["chuyenvien.xd"]
    assert "quá hạn" in specialist and "đã xin lỗi và hẹn lại" in specialist
    assert "tạm dừng chờ bổ sung" in specialist
    to_decide = dict(
        (label, details) for label, _total, details in QUEUE_LINE.findall(blocks["lanhdao.xd"])
    )["Chờ lãnh đạo duyệt"]
    assert "quá hạn" in to_decide and "sắp đến hạn" in to_decide
    ward = dict(
        (label, details)
        for label, _total, details in QUEUE_LINE.findall(blocks["lanhdao.hoankiem"])
    )
    assert "sắp đến hạn" in ward["Chưa phân công"] and "quá hạn" in ward["Chờ lãnh đạo duyệt"]


def test_leaders_assign_within_two_working_days_and_nothing_waits_longer_unassigned(
    demo_with_dossiers,
):
    calendar = get_calendar()
    for event in AuditEvent.objects.filter(action="assign").select_related("dossier"):
        step = (
            event.dossier.steps.filter(started_at__lte=event.at)
            .order_by("-started_at", "-pk")
            .first()
        )
        assert calendar.working_minutes_between(step.started_at, event.at) <= 2 * 480
    waiting = DossierStep.objects.filter(
        finished_at__isnull=True,
        assigned_to__isnull=True,
        role="specialist",
        dossier__status=S.PROCESSING,
    )
    assert waiting.exists()
    for step in waiting:
        started = step.started_at
        assert calendar.working_minutes_between(started, demo_with_dossiers.finished) <= 2 * 480


def test_load_demo_if_empty_a_second_time_creates_nothing(demo_with_dossiers, capsys):
    before = (Dossier.objects.count(), AuditEvent.objects.count(), User.objects.count())
    call_command("load_demo", "--if-empty", "--dossiers", "5")
    assert (Dossier.objects.count(), AuditEvent.objects.count(), User.objects.count()) == before
    assert "bỏ qua" in capsys.readouterr().out


def test_a_paused_dossiers_supplement_request_lists_what_is_missing(demo_with_dossiers):
    pause = DossierPause.objects.get(ended_at__isnull=True, reason=PauseReason.SUPPLEMENT)
    form = IssuedForm.objects.filter(dossier=pause.dossier, form="02").latest("issued_at")
    assert all(item.split(" (")[0] in form.html for item in pause.items)


def test_the_banner_names_the_account_that_returns_results_at_each_featured_unit(
    demo_with_dossiers, capsys
):
    from motcua.agencies.choices import Role

    call_command("demo_banner")
    out = capsys.readouterr().out
    section = out.split("Trả kết quả tại các đơn vị trên (cùng mật khẩu):")[1]
    lines = [line.strip() for line in section.strip().splitlines()]
    receptions = RoleGrant.objects.filter(
        role=Role.RECEPTION, user__username__in=[a.username for a in ACCOUNTS]
    ).select_related("agency")
    units = {grant.agency for grant in receptions}
    assert len(units) >= 2
    for unit in units:
        line = next(line for line in lines if line.startswith(f"{unit.name}:"))
        username = line.split(": ", 1)[1].split(" ")[0]
        covering = [
            grant
            for grant in RoleGrant.objects.filter(
                user__username=username, role=Role.RESULT_RETURN
            ).select_related("agency")
            if grant.agency_id == unit.pk
            or (grant.includes_subtree and unit.path.startswith(grant.agency.path))
        ]
        assert covering, line
    assert any(line.endswith("trakq (Hoàng Thị Ngọc Ánh)") for line in lines)


def test_every_payment_of_the_demo_has_its_receipt_numbered_without_gaps(demo_with_dossiers):
    from motcua.payments.choices import PaymentStatus
    from motcua.payments.models import Payment, Receipt, ReceiptSeries

    confirmed = Payment.objects.filter(status=PaymentStatus.CONFIRMED)
    assert confirmed.exists()
    assert Receipt.objects.count() == confirmed.count()
    assert set(Receipt.objects.values_list("payment_id", flat=True)) == set(
        confirmed.values_list("pk", flat=True)
    )
    for series in ReceiptSeries.objects.filter(last_number__gt=0):
        numbers = sorted(series.receipts.values_list("number", flat=True))
        assert numbers == list(range(1, series.last_number + 1))
