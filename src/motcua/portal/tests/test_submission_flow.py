"""A citizen applies online through the portal's screens: choose, fill in, upload, review,
submit, and get the code and the lookup secret; the screens hold no rule of their own."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.tests.factories import (
    ProcedureAgencyFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
)
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import lookup
from motcua.dossiers.tests.fixtures import pdf
from motcua.portal.tests.submission_fixtures import (
    apply_online_through_portal,
    fill_form,
    review_token,
    start_draft,
    submit,
    upload_documents,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def test_the_procedure_page_leads_to_the_application(client, online):
    page = client.get(reverse("portal:procedure_detail", args=[online.procedure.code]))
    start = reverse("portal:submission_start", args=[online.procedure.code])
    assert f'href="{start}"' in page.content.decode()
    form = client.get(start)
    assert form.status_code == 200
    html = form.content.decode()
    assert online.centre.name in html and online.case.name in html


def test_a_procedure_not_open_online_has_no_application(client, db):
    offline = ProcedureFactory(offline=True)
    response = client.get(reverse("portal:submission_start", args=[offline.code]))
    assert response.status_code == 404


def test_choosing_a_place_that_does_not_receive_it_is_a_field_error(client, online):
    response = client.post(
        reverse("portal:submission_start", args=[online.procedure.code]),
        {"case": online.case.pk, "receiving_agency": online.other.pk},
    )
    assert response.status_code == 200
    assert "Nơi này không tiếp nhận hồ sơ của thủ tục." in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_guests_draft_belongs_to_their_session_only(client, online):
    draft = start_draft(client, online)
    assert draft.status == DossierStatus.DRAFT and draft.owner is None and draft.code is None
    assert client.get(reverse("portal:draft_form", args=[draft.pk])).status_code == 200
    stranger = Client()
    for name in ("draft_form", "draft_documents", "draft_review"):
        assert stranger.get(reverse(f"portal:{name}", args=[draft.pk])).status_code == 404
    assert stranger.post(reverse("portal:draft_form", args=[draft.pk]), {}).status_code == 404


def test_the_form_shows_every_widget_for_a_phone(client, online):
    draft = start_draft(client, online)
    html = client.get(reverse("portal:draft_form", args=[draft.pk])).content.decode()
    assert 'type="date" id="tk-ngay_khoi_cong"' in html
    assert 'id="tk-dien_tich" name="tk.dien_tich"' in html and 'inputmode="decimal"' in html
    assert '<select id="tk-loai"' in html and "Nhà ở riêng lẻ" in html
    assert '<textarea id="tk-mo_ta"' in html
    assert 'type="checkbox" id="tk-cam_doan"' in html
    assert 'type="tel" id="tk-dien_thoai_lien_he"' in html
    assert 'id="nn-personal_id"' in html and 'inputmode="numeric"' in html
    # The commune pickers list the province's communes and search the country over htmx.
    assert "Phường Hoàn Kiếm, Thành phố Hà Nội" in html
    assert reverse("portal:commune_options") in html


def test_autosave_keeps_what_was_typed_unchecked(client, online):
    online.procedure.via_post = True  # the result by post is offered (offers_postal_service)
    online.procedure.save(update_fields=["via_post"])
    draft = start_draft(client, online)
    response = client.post(
        reverse("portal:draft_form", args=[draft.pk]),
        {
            "tk.dien_tich": "nhiều",
            "nn.name": "Ngọc",
            "nn.personal_id": "123",
            "nhan_ket_qua": "post",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Đã tự động lưu bản nháp" in response.content.decode()
    draft.refresh_from_db()
    assert draft.form_data == {"dien_tich": "nhiều"}
    assert (draft.applicant_name, draft.applicant_personal_id) == ("Ngọc", "123")
    assert draft.requested_return_channel == "post"


def test_the_save_draft_button_saves_and_comes_back(client, online):
    draft = start_draft(client, online)
    response = fill_form(client, draft, action="save", **{"nn.personal_id": "1"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Đã lưu bản nháp" in page.content.decode()
    assert 'value="1"' in page.content.decode()


def test_continuing_with_mistakes_shows_a_message_beside_each_field(client, online):
    draft = start_draft(client, online)
    response = fill_form(
        client,
        draft,
        **{
            "tk.dien_tich": "0",
            "tk.so_tang": "bốn",
            "tk.cam_doan": "",
            "nn.personal_id": "0011",
            "nn.email": "khong-phai-email",
            "nn.name": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    errors = {
        "tk-dien_tich": "Phải lớn hơn hoặc bằng 1",
        "tk-so_tang": "Phải là một số nguyên.",
        "tk-cam_doan": "Hãy đánh dấu vào ô này để tiếp tục.",
        "nn-personal_id": "Số định danh cá nhân phải gồm đúng 12 chữ số.",
        "nn-name": "Hãy nhập họ tên người nộp hoặc tên tổ chức.",
        "nn-email": "",
    }
    for field, message in errors.items():
        assert f'<p class="field-error" id="{field}-error">{message}' in html, field
        assert f'href="{reverse("portal:draft_form", args=[draft.pk])}#{field}"' in html
    # What was typed stays on the page, and the draft kept it.
    assert 'value="bốn"' in html
    draft.refresh_from_db()
    assert draft.form_data["so_tang"] == "bốn" and draft.status == DossierStatus.DRAFT


def test_a_wrong_file_type_and_an_oversized_file_are_field_errors(client, online, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    draft = start_draft(client, online)
    fill_form(client, draft)
    response = upload_documents(
        client,
        draft,
        {
            "giay_to.DON": pdf("don.pdf", b"MZ\x90\x00 this is a program, not a PDF"),
            "giay_to.GCN": pdf("gcn.pdf", b"%PDF-1.4\n" + b"0" * 4096),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="field-error" id="doc-1-error">' in html
    assert "Tệp không đúng loại cho phép; chỉ nhận tệp PDF, PNG, JPEG" in html
    assert '<p class="field-error" id="doc-2-error">Tệp quá lớn: dung lượng tối đa là 2 KB.' in html
    assert not draft.documents.filter(file__isnull=False).exists()


def test_good_files_are_kept_and_a_missing_one_is_named(client, online):
    draft = start_draft(client, online)
    fill_form(client, draft)
    response = upload_documents(client, draft, {"giay_to.DON": pdf("don.pdf")})
    assert response.status_code == 200
    assert (
        "Thiếu “Giấy chứng nhận quyền sử dụng đất”: hãy tải tệp lên." in response.content.decode()
    )
    assert list(draft.documents.filter(file__isnull=False).values_list("code", flat=True)) == [
        "DON"
    ]
    assert upload_documents(client, draft, {"giay_to.GCN": pdf("gcn.pdf")}).status_code == 302


def test_review_lists_everything_before_submission(client, online):
    draft = start_draft(client, online)
    fill_form(client, draft)
    upload_documents(client, draft)
    html = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    for text in [
        online.procedure.name,
        online.centre.name,
        "Diện tích xây dựng (m²)",
        "120,5",
        "01/04/2026",
        "Nhà ở riêng lẻ",
        "Phường Hoàn Kiếm, Thành phố Hà Nội",
        "001190012345",
        "ngoc@example.vn",
        "don.pdf",
        "gcn.pdf",
        "Trực tuyến",
        'name="token"',
        "data-submit-once",
    ]:
        assert text in html, text


def test_review_with_problems_offers_no_submit_button(client, online):
    draft = start_draft(client, online)
    html = client.get(reverse("portal:draft_review", args=[draft.pk])).content.decode()
    assert "Hồ sơ chưa thể nộp" in html and 'name="token"' not in html
    assert f"{reverse('portal:draft_documents', args=[draft.pk])}#doc-1" in html


def test_submission_gives_the_code_and_a_secret_shown_once(client, online):
    dossier, secret = apply_online_through_portal(client, online)
    assert dossier.status == DossierStatus.SUBMITTED and dossier.code
    assert lookup(dossier.code, secret) == dossier
    assert dossier.form_data["dien_tich"] == 120.5 and dossier.form_data["cam_doan"] is True
    assert dossier.requested_return_channel == "online"
    again = client.get(reverse("portal:submitted", args=[dossier.pk]))
    html = again.content.decode()
    assert dossier.code in html and secret not in html
    assert "không hiển thị lại" in html


def test_the_confirmation_page_is_not_cached(client, online):
    dossier = start_draft(client, online)
    fill_form(client, dossier)
    upload_documents(client, dossier)
    response = submit(client, dossier, review_token(client, dossier))
    page = client.get(response["Location"])
    assert page["Cache-Control"] == "no-store"
    assert page.context["secret"] in page.content.decode()


def test_the_confirmation_promises_no_message_that_is_not_sent(client, online):
    # Nothing sends email yet: the pages say what is kept and what to keep, nothing more.
    dossier = start_draft(client, online)
    form_page = client.get(reverse("portal:draft_form", args=[dossier.pk])).content.decode()
    assert "gửi đến" not in form_page
    fill_form(client, dossier)
    upload_documents(client, dossier)
    response = submit(client, dossier, review_token(client, dossier))
    html = client.get(response["Location"]).content.decode()
    assert "gửi đến" not in html and "được thông báo" not in html
    assert "ngoc@example.vn được ghi trong hồ sơ để cơ quan giải quyết liên hệ" in html
    assert "Hãy giữ mã hồ sơ và mã tra cứu" in html
    printable = client.get(reverse("portal:acknowledgement", args=[dossier.pk])).content.decode()
    assert "gửi đến" not in printable


def test_posting_the_same_review_page_twice_makes_one_submission(client, online):
    dossier = start_draft(client, online)
    fill_form(client, dossier)
    upload_documents(client, dossier)
    token = review_token(client, dossier)
    first = submit(client, dossier, token)
    second = submit(client, dossier, token)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("portal:submitted", args=[dossier.pk])
    assert Dossier.objects.count() == 1
    dossier.refresh_from_db()
    assert dossier.audit_events.filter(action="submit").count() == 1
    # A page opened before the submission, posted afterwards, shows the same result.
    assert submit(client, dossier, "an-older-token")["Location"] == first["Location"]


def test_a_token_not_from_this_session_is_refused_politely(client, online):
    dossier = start_draft(client, online)
    fill_form(client, dossier)
    upload_documents(client, dossier)
    response = submit(client, dossier, "made-up")
    assert response["Location"] == reverse("portal:draft_review", args=[dossier.pk])
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_a_guest_without_an_email_is_told_so_at_submission(client, online):
    dossier = start_draft(client, online)
    fill_form(client, dossier, **{"nn.email": ""})
    html = client.get(reverse("portal:draft_review", args=[dossier.pk])).content.decode()
    assert "Nộp hồ sơ không cần tài khoản thì phải có thư điện tử" in html


def test_the_acknowledgement_prints_and_downloads_as_pdf(client, online):
    dossier, _secret = apply_online_through_portal(client, online)
    page = client.get(reverse("portal:acknowledgement", args=[dossier.pk]))
    html = page.content.decode()
    assert "GIẤY XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN" in html and dossier.code in html
    pdf_response = client.get(reverse("portal:acknowledgement_pdf", args=[dossier.pk]))
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF-")
    assert Client().get(reverse("portal:acknowledgement", args=[dossier.pk])).status_code == 404


def test_a_signed_in_citizen_starts_prefilled_and_finds_it_under_my_dossiers(client, online):
    citizen = UserFactory(full_name="Lê Thu Trang", personal_id="001190054321", phone="0987654321")
    client.force_login(citizen)
    draft = start_draft(client, online)
    assert draft.owner == citizen and draft.applicant_name == "Lê Thu Trang"
    mine = client.get(reverse("portal:my_dossiers")).content.decode()
    assert reverse("portal:draft_form", args=[draft.pk]) in mine
    fill_form(client, draft, **{"nn.name": "Lê Thu Trang", "nn.email": citizen.email})
    upload_documents(client, draft)
    submit(client, draft, review_token(client, draft))
    draft.refresh_from_db()
    assert draft.status == DossierStatus.SUBMITTED
    mine = client.get(reverse("portal:my_dossiers")).content.decode()
    assert reverse("portal:track_detail", args=[draft.code]) in mine
    # Their own dossier is tracked without the secret; another citizen sees nothing of it.
    assert client.get(reverse("portal:track_detail", args=[draft.code])).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("portal:draft_review", args=[draft.pk])).status_code == 404


def test_commune_search_finds_a_ward_without_diacritics(client, db):
    response = client.get(
        reverse("portal:commune_options"),
        {"q": "hoan kiem", "ten": "nn.commune_code", "nn.commune_code": "00082"},
    )
    html = response.content.decode()
    assert 'value="00070">Phường Hoàn Kiếm, Thành phố Hà Nội' in html
    # The current choice stays in the list, selected.
    assert 'value="00082" selected' in html


def test_autosave_after_submission_says_so_instead_of_saving(client, online):
    dossier, _secret = apply_online_through_portal(client, online)
    response = client.post(
        reverse("portal:draft_form", args=[dossier.pk]),
        {"nn.name": "Người khác"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Hồ sơ đã nộp, không sửa được nữa." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.applicant_name == "Trần Thị Bích Ngọc"


def test_several_implementing_agencies_make_the_citizen_choose_one(client, online):
    second = AgencyFactory(name="Sở Quy hoạch - Kiến trúc", receives_dossiers=False)
    ProcedureAgencyFactory(procedure=online.procedure, agency=second)
    start = reverse("portal:submission_start", args=[online.procedure.code])
    assert "Cơ quan giải quyết" in client.get(start).content.decode()
    missing = client.post(start, {"case": online.case.pk, "receiving_agency": online.centre.pk})
    assert missing.status_code == 200 and not Dossier.objects.exists()
    chosen = client.post(
        start,
        {
            "case": online.case.pk,
            "receiving_agency": online.centre.pk,
            "responsible_agency": second.pk,
        },
    )
    assert chosen.status_code == 302
    assert Dossier.objects.get().responsible_agency == second


def test_a_commune_level_procedure_is_submitted_to_a_searchable_ward(client, db):
    procedure = ProcedureFactory(implementing_level="commune")
    ProcedureCaseFactory(procedure=procedure)
    wards = [
        AgencyFactory(name=f"UBND Phường Thử nghiệm {n}", kind=AgencyKind.COMMUNE) for n in range(9)
    ]
    hoan_kiem = AgencyFactory(name="UBND Phường Hoàn Kiếm", kind=AgencyKind.COMMUNE)
    for agency in [*wards, hoan_kiem]:
        ProcedureAgencyFactory(procedure=procedure, agency=agency)
    page = client.get(reverse("portal:submission_start", args=[procedure.code]))
    assert "Tìm nơi nộp theo tên" in page.content.decode()
    found = client.get(
        reverse("portal:place_options", args=[procedure.code]), {"q": "hoan kiem"}
    ).content.decode()
    assert "UBND Phường Hoàn Kiếm" in found and "Thử nghiệm" not in found
