"""Tracking a dossier from the portal: by code and lookup secret, then supplying what was asked
or withdrawing, without the secret again from the same browser."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.choices import DossierStatus, PauseReason, ReturnChannel
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import PDF_BYTES, approve_with_permit, pdf
from motcua.portal.tests.submission_fixtures import apply_online_through_portal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def track(client, code, secret):
    return client.post(reverse("portal:track"), {"code": code, "secret": secret})


@pytest.fixture
def submitted(client, online):
    dossier, secret = apply_online_through_portal(client, online)
    return dossier, secret


def test_the_right_secret_opens_the_dossier_and_is_remembered(submitted):
    dossier, secret = submitted
    visitor = Client()
    response = track(visitor, f" {dossier.code} ", secret.lower())
    assert response["Location"] == reverse("portal:track_detail", args=[dossier.code])
    page = visitor.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "Chờ tiếp nhận" in html
    assert "đang chờ bộ phận một cửa kiểm tra, tiếp nhận" in html
    assert "Rút hồ sơ" in html
    assert page["Cache-Control"] == "no-store"


def test_a_lowercase_code_with_stray_spaces_opens_the_dossier(submitted):
    dossier, secret = submitted
    visitor = Client()
    response = track(
        visitor, f"  {dossier.code.lower().replace('-', ' - ')} ", f" {secret.lower()}"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:track_detail", args=[dossier.code])
    assert visitor.get(response["Location"]).status_code == 200


def test_a_wrong_secret_and_a_wrong_code_get_the_same_answer(submitted):
    dossier, secret = submitted
    visitor = Client()
    wrong_secret = track(visitor, dossier.code, "ABCDEFGHJK")
    wrong_code = track(visitor, dossier.code[:-1] + "9", secret)
    assert wrong_secret.status_code == wrong_code.status_code == 200
    message = "Mã hồ sơ hoặc mã tra cứu không đúng."
    assert message in wrong_secret.content.decode() and message in wrong_code.content.decode()
    assert wrong_secret.context["form"].errors == wrong_code.context["form"].errors
    # Nothing was opened: the dossier's page sends the visitor back to the lookup form.
    detail = visitor.get(reverse("portal:track_detail", args=[dossier.code]))
    assert detail.status_code == 302 and detail["Location"].startswith(reverse("portal:track"))


def test_empty_fields_are_named(client, db):
    response = client.post(reverse("portal:track"), {"code": "", "secret": ""})
    html = response.content.decode()
    assert "Hãy nhập mã hồ sơ." in html and "Hãy nhập mã tra cứu." in html


def test_a_supplement_uploaded_from_the_tracking_page_resumes_the_clock(client, submitted, online):
    dossier, _secret = submitted
    now = timezone.now()
    services.receive_dossier(dossier, actor=online.receptionist, now=now - timedelta(days=3))
    services.assign_step(dossier, actor=online.leader, assignee=online.specialist)
    services.pause_dossier(
        dossier,
        actor=online.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng công trình", "Bản vẽ mặt cắt"],
        period_days=10,
        now=now - timedelta(days=1),
    )
    # The guest's own browser tracks it without the secret: it submitted the dossier.
    detail = reverse("portal:track_detail", args=[dossier.code])
    html = client.get(detail).content.decode()
    assert "Cần nộp bổ sung" in html and "Bản vẽ mặt cắt" in html
    assert "Phạm Thu Hà" not in html  # officials' names are not shown to the applicant
    assert online.unit.name in html

    wrong = client.post(
        reverse("portal:track_supplement", args=[dossier.code]),
        {"files": pdf("ban-ve.pdf", b"GIF89a not a pdf")},
    )
    assert wrong.status_code == 200
    assert 'id="supplement-error"' in wrong.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAUSED and dossier.due_at is None

    done = client.post(
        reverse("portal:track_supplement", args=[dossier.code]),
        {"files": [pdf("mat-bang.pdf"), pdf("mat-cat.pdf")], "note": "Đã bổ sung hai bản vẽ"},
    )
    assert done["Location"] == detail
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING and dossier.due_at is not None
    assert dossier.files.filter(purpose="supplement").count() == 2
    assert "Đã nộp hồ sơ bổ sung" in client.get(detail).content.decode()


def test_a_supplement_cannot_be_sent_when_none_was_asked(client, submitted):
    dossier, _secret = submitted
    response = client.post(
        reverse("portal:track_supplement", args=[dossier.code]), {"files": pdf("x.pdf")}
    )
    assert response.status_code == 200
    assert "Không thể thực hiện" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_withdrawing_needs_a_reason_then_closes_the_dossier(submitted):
    dossier, secret = submitted
    visitor = Client()
    track(visitor, dossier.code, secret)
    url = reverse("portal:track_withdraw", args=[dossier.code])
    empty = visitor.post(url, {"reason": "  "})
    assert empty.status_code == 200
    assert '<p class="field-error" id="withdraw-error">Hãy cho biết lý do rút hồ sơ.' in (
        empty.content.decode()
    )
    done = visitor.post(url, {"reason": "Nộp nhầm thủ tục"})
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    html = visitor.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    assert "Đã rút hồ sơ" in html and 'action="' + url not in html


def test_follow_up_posts_need_the_lookup_in_this_session(submitted):
    dossier, _secret = submitted
    stranger = Client()
    response = stranger.post(
        reverse("portal:track_withdraw", args=[dossier.code]), {"reason": "Phá"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED


def test_a_dossier_returned_for_completion_is_completed_and_resubmitted(client, submitted, online):
    dossier, _secret = submitted
    services.return_for_completion(
        dossier, actor=online.receptionist, missing=["Bản sao giấy chứng nhận có chứng thực"]
    )
    detail = client.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    assert "Bản sao giấy chứng nhận có chứng thực" in detail
    edit = reverse("portal:draft_documents", args=[dossier.pk])
    response = client.post(edit, {"giay_to.GCN": pdf("gcn-chung-thuc.pdf"), "action": "next"})
    assert response["Location"] == reverse("portal:draft_review", args=[dossier.pk])
    token = client.get(response["Location"]).context["token"]
    done = client.post(reverse("portal:draft_submit", args=[dossier.pk]), {"token": token})
    page = client.get(done["Location"])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED and page.context["secret"] is None


def test_the_tracking_page_shows_the_decision_and_its_documents(client, submitted, online):
    dossier, _secret = submitted
    now = timezone.now()
    services.receive_dossier(dossier, actor=online.receptionist, now=now - timedelta(days=3))
    services.assign_step(dossier, actor=online.leader, assignee=online.specialist)
    services.forward_dossier(dossier, actor=online.specialist)
    approve_with_permit(online, dossier, number="125/GPXD", signed_on=date(2026, 3, 20))

    html = client.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()

    assert "Kết quả giải quyết" in html
    assert "Giấy phép xây dựng, số 125/GPXD, ký ngày 20/03/2026 (Nguyễn Đức Minh)" in html
    assert "Kết quả sẽ được trả theo cách bạn đã chọn" in html


def test_a_secret_reissued_at_the_counter_ends_a_browsers_remembered_access(submitted, online):
    dossier, secret = submitted
    visitor = Client()
    track(visitor, dossier.code, secret)
    detail = reverse("portal:track_detail", args=[dossier.code])
    assert visitor.get(detail).status_code == 200

    new_secret = services.reissue_lookup_secret(dossier, actor=online.receptionist)

    again = visitor.get(detail)
    assert again.status_code == 302 and again["Location"].startswith(reverse("portal:track"))
    assert track(visitor, dossier.code, secret).status_code == 200  # the old one is refused
    assert track(visitor, dossier.code, new_secret)["Location"] == detail
    assert visitor.get(detail).status_code == 200


def test_a_reissued_secret_also_ends_the_submitting_browsers_access(client, submitted, online):
    dossier, _secret = submitted
    acknowledgement = reverse("portal:acknowledgement", args=[dossier.pk])
    assert client.get(acknowledgement).status_code == 200

    services.reissue_lookup_secret(dossier, actor=online.receptionist)

    assert client.get(acknowledgement).status_code == 404
    assert client.get(reverse("portal:draft_form", args=[dossier.pk])).status_code == 404


def test_lookup_secrets_survive_a_new_secret_key_and_a_rotated_lookup_key(submitted, settings):
    dossier, secret = submitted
    opens = reverse("portal:track_detail", args=[dossier.code])
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40  # rotated: sessions end, codes stay
    assert track(Client(), dossier.code, secret)["Location"] == opens
    old_key = settings.LOOKUP_SECRET_KEY
    settings.LOOKUP_SECRET_KEY = "a-new-lookup-key-" + "z" * 20
    assert track(Client(), dossier.code, secret).status_code == 200  # refused: unknown key
    settings.LOOKUP_SECRET_KEY_FALLBACKS = [old_key]
    assert track(Client(), dossier.code, secret)["Location"] == opens


def test_the_history_tells_what_happened_in_plain_words(client, submitted, online):
    dossier, _secret = submitted
    services.receive_dossier(dossier, actor=online.receptionist)
    services.assign_step(dossier, actor=online.leader, assignee=online.specialist)
    services.pause_dossier(
        dossier,
        actor=online.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ mặt bằng.",
        items=["Bản vẽ mặt bằng công trình"],
        period_days=5,
    )
    html = client.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    history = html[html.index('class="history"') :]
    order = [
        "Bạn nộp hồ sơ trực tuyến",
        "Hồ sơ được tiếp nhận tại " + dossier.receiving_agency.name,
        "Bắt đầu bước: ",
        "Cơ quan yêu cầu bổ sung hồ sơ",
        "Bản vẽ mặt bằng công trình",
        "Thời hạn bổ sung: trong 5 ngày làm việc, đến 17:00 ngày",
    ]
    positions = [history.index(words) for words in order]
    assert positions == sorted(positions)
    assert "<table" not in history.split("</ol>")[0]


def _decided_with_scan(submitted, online, return_channel):
    dossier, secret = submitted
    Dossier.objects.filter(pk=dossier.pk).update(requested_return_channel=return_channel)
    dossier.refresh_from_db()
    services.receive_dossier(
        dossier, actor=online.receptionist, now=timezone.now() - timedelta(days=3)
    )
    services.assign_step(dossier, actor=online.leader, assignee=online.specialist)
    services.forward_dossier(dossier, actor=online.specialist)
    approve_with_permit(
        online, dossier, number="126/GPXD", signed_on=date(2026, 3, 20), file=pdf("giay-phep.pdf")
    )
    return dossier, secret


def test_an_electronic_result_is_downloaded_from_tracking_by_its_applicant_only(submitted, online):
    dossier, secret = _decided_with_scan(submitted, online, ReturnChannel.ONLINE)
    document = dossier.result_documents.get()
    url = reverse("portal:track_result_file", args=[dossier.code, document.pk])

    stranger = Client()
    refused = stranger.get(url)
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("portal:track"))

    visitor = Client()
    track(visitor, dossier.code.lower(), secret)
    page = visitor.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    assert url in page and "Tải về giay-phep.pdf" in page
    response = visitor.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_result_returned_at_the_counter_is_not_offered_for_download(submitted, online):
    dossier, secret = _decided_with_scan(submitted, online, ReturnChannel.COUNTER)
    document = dossier.result_documents.get()
    url = reverse("portal:track_result_file", args=[dossier.code, document.pk])
    visitor = Client()
    track(visitor, dossier.code, secret)
    assert (
        url not in visitor.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    )
    assert visitor.get(url).status_code == 404


def test_a_financial_obligation_has_its_own_words_on_tracking_and_on_the_control_sheet(
    client, submitted, online
):
    from motcua.dossiers.printouts import render_form_html

    dossier, secret = submitted
    now = timezone.now()
    services.receive_dossier(dossier, actor=online.receptionist, now=now - timedelta(days=2))
    services.pause_dossier(
        dossier,
        actor=online.specialist,
        reason=PauseReason.FINANCIAL,
        note="Nộp lệ phí cấp giấy phép 75.000 đồng",
        now=now - timedelta(days=1),
    )
    detail = client.get(track(client, dossier.code, secret)["Location"]).content.decode()
    assert "Chờ thực hiện nghĩa vụ tài chính" in detail
    assert "Tạm dừng giải quyết: Chờ thực hiện nghĩa vụ tài chính" in detail
    assert "yêu cầu bổ sung" not in detail.lower()  # not a supplement
    dossier.refresh_from_db()
    sheet = render_form_html(dossier, "06", now=now)
    assert "Chờ thực hiện nghĩa vụ tài chính" in sheet
