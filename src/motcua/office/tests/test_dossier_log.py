"""The dossier's log on the office's dossier page: every entry says who acted (an official by
name, the applicant or the system when no account acted) and lists the files it recorded."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.tests.fixtures import approve_with_permit, pdf, tracking, vn
from motcua.office.tests.helpers import assigned, at_last_step, submit_online
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _log(client, dossier, official):
    """The page's log entries, and the page's text with its tags and spaces folded."""
    sign_in_official(client, official)
    response = client.get(reverse("office:dossier", args=[dossier.code]))
    assert response.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    return response.context["timeline"], text


def _entry(entries, label: str):
    found = [entry for entry in entries if entry.label == label]
    assert found, (label, [entry.label for entry in entries])
    return found[-1]


def _files(entry) -> list[tuple[str, str]]:
    return [(file.name, file.size) for file in entry.files]


def test_a_guest_submission_and_supplement_read_as_the_applicants_with_their_files(client, world):
    submission = submit_online(
        world,
        now=timezone.now(),
        uploads=[
            services.Upload("DON", pdf("don-de-nghi.pdf")),
            services.Upload("GCN", pdf("so-do.pdf", b"%PDF-1.4\n" + b"x" * 3000)),
        ],
    )
    dossier = submission.dossier
    services.receive_dossier(dossier, actor=world.receptionist)
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        items=["Bản vẽ mặt bằng"],
        note="Thiếu bản vẽ",
        period_days=10,
    )
    # The guest opens the dossier with its code and secret, and uploads the supplement.
    guest = Client()
    guest.post(reverse("portal:track"), {"code": dossier.code, "secret": submission.lookup_secret})
    sent = guest.post(
        reverse("portal:track_supplement", args=[dossier.code]),
        {"files": [pdf("ban-ve-mat-bang.pdf")], "note": "Đã bổ sung bản vẽ"},
    )
    assert sent.status_code == 302

    entries, text = _log(client, dossier, world.specialist)
    submitted = _entry(entries, "Nộp hồ sơ")
    assert submitted.actor == "Người nộp hồ sơ"
    assert ("Hình thức", "Trực tuyến") in submitted.details
    assert _files(submitted) == [("don-de-nghi.pdf", "0,1 KB"), ("so-do.pdf", "2,9 KB")]
    resumed = _entry(entries, "Tiếp tục xử lý")
    assert resumed.actor == "Người nộp hồ sơ"
    assert _files(resumed) == [("ban-ve-mat-bang.pdf", "0,1 KB")]
    assert ("Ghi chú", "Đã bổ sung bản vẽ") in resumed.details
    # Officials' entries keep their names, and list no files when they recorded none.
    received = _entry(entries, "Tiếp nhận")
    assert received.actor == "Lê Văn Tiếp" and received.files == []
    assert _entry(entries, "Tạm dừng").actor == "Phạm Thu Hà"
    # As the page reads.
    assert "Tiếp tục xử lý — " in text and " — Người nộp hồ sơ" in text
    assert "Tệp đính kèm: don-de-nghi.pdf (0,1 KB); so-do.pdf (2,9 KB)" in text
    assert "Tệp đính kèm: ban-ve-mat-bang.pdf (0,1 KB)" in text


def test_an_official_resuming_is_named_not_the_applicant(client, world):
    dossier = assigned(world)
    services.pause_dossier(
        dossier, actor=world.specialist, reason=PauseReason.APPLICANT_REQUEST, note="Theo đơn"
    )
    services.resume_dossier(dossier, actor=world.specialist)
    entries, _text = _log(client, dossier, world.specialist)
    assert _entry(entries, "Tiếp tục xử lý").actor == "Phạm Thu Hà"


def test_the_due_soon_warning_reads_as_the_systems(client, world):
    dossier = assigned(world)
    dossier.refresh_from_db()
    assert services.sweep_due_warnings(now=dossier.due_at) == 1
    entries, text = _log(client, dossier, world.specialist)
    assert _entry(entries, "Cảnh báo sắp đến hạn").actor == "Hệ thống"
    assert " — Hệ thống" in text


def test_a_guest_withdrawal_reads_as_the_applicants(client, world):
    dossier = assigned(world)
    services.withdraw_dossier(dossier, reason="Không còn nhu cầu", proof=tracking(dossier))
    entries, _text = _log(client, dossier, world.leader)
    withdrawn = _entry(entries, "Rút hồ sơ")
    assert withdrawn.actor == "Người nộp hồ sơ"
    assert ("Lý do", "Không còn nhu cầu") in withdrawn.details


def test_a_decision_lists_its_result_files_and_documents(client, world):
    dossier = approve_with_permit(
        world,
        at_last_step(world),
        number="125/GPXD",
        signed_on=date(2026, 3, 4),
        file=pdf("giay-phep.pdf"),
        now=vn(2026, 3, 4, 9),
    )
    entries, text = _log(client, dossier, world.leader)
    decided = _entry(entries, "Có kết quả")
    assert decided.actor == "Nguyễn Đức Minh" and ("Kết quả", "Giải quyết") in decided.details
    assert _files(decided) == [("giay-phep.pdf", "0,1 KB")]
    assert (
        "Văn bản kết quả",
        "số 125/GPXD, ký ngày 04/03/2026, người ký Nguyễn Đức Minh",
    ) in decided.details
    assert "Tệp đính kèm: giay-phep.pdf (0,1 KB)" in text


def test_a_dossier_from_the_national_portal_names_that_channel(client, world):
    from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE, create_api_client

    portal, _key = create_api_client(
        "Cổng Dịch vụ công quốc gia",
        agency=world.centre,
        scopes=["dossiers:submit", NATIONAL_PORTAL_SCOPE],
    )
    dossier = services.create_dossier(
        actor=portal.user,
        client=portal,
        procedure=world.procedure,
        case=world.case,
        channel="national_portal",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": "80"},
        uploads=[services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))],
    ).dossier
    entries, _text = _log(client, dossier, world.receptionist)
    submitted = _entry(entries, "Nộp hồ sơ")
    assert ("Hình thức", "Cổng Dịch vụ công quốc gia") in submitted.details


def test_the_autosaves_of_a_draft_are_one_line_with_their_count(client, world):
    from motcua.dossiers.applicants import Applicant
    from motcua.dossiers.policies import ApplicantProof

    draft = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=Applicant(kind="citizen", name=""),
        receiving_agency=world.centre,
        submit=False,
        now=vn(2026, 3, 2, 8),
    ).dossier
    proof = ApplicantProof(drafts=frozenset({draft.pk}))
    for minute in range(1, 7):
        services.update_draft(
            draft,
            actor=None,
            proof=proof,
            form_data={"dien_tich": str(100 + minute)},
            now=vn(2026, 3, 2, 8, minute),
        )
    services.update_draft(
        draft,
        actor=None,
        proof=proof,
        applicant=world.applicant(),
        form_data={"dien_tich": "120", "so_tang": "3"},
        uploads=[services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))],
        now=vn(2026, 3, 2, 8, 30),
    )
    services.submit_dossier(draft, actor=None, proof=proof, now=vn(2026, 3, 2, 8, 40))
    draft.refresh_from_db()
    entries, text = _log(Client(), draft, world.receptionist)
    saves = [entry for entry in entries if entry.label == "Lưu bản nháp"]
    assert len(saves) == 1 and saves[0].count == 8
    assert "8 lần, lần đầu 08:00 02/03/2026, lần cuối:" in text
    assert "08:30 02/03/2026" in text
    assert [entry.label for entry in entries][-1] == "Nộp hồ sơ"
