"""The reception desk: find the procedure, fill the dossier, receive it, print form 01."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.choices import Channel, DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import PDF_BYTES, pdf
from motcua.events.models import PersonalDataAccess
from motcua.office.tests.helpers import submit_online
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db
DESK = "office:reception"


def _desk_url(world):
    return (
        reverse(DESK)
        + f"?co_quan={world.centre.pk}&thu_tuc={world.procedure.code}&truong_hop={world.case.code}"
    )


def _post(world, **overrides):
    data = {
        "co_quan": world.centre.pk,
        "thu_tuc": world.procedure.code,
        "truong_hop": world.case.code,
        "kind": "citizen",
        "name": "Nguyễn Văn Quầy",
        "personal_id": "001090000111",
        "address": "5 phố Huế",
        "phone": "0987654321",
        "email": "",
        "form_data.dien_tich": "95,5",
        "form_data.so_tang": "3",
        "checklist.DON.received": "on",
        "checklist.DON.form": "original",
        "checklist.DON.quantity": "1",
        "checklist.GCN.received": "on",
        "checklist.GCN.form": "certified_copy",
        "checklist.GCN.quantity": "2",
        "return_channel": "counter",
        "sets_count": "1",
        "documents.DON": pdf("don-quet.pdf"),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_non_reception_official_cannot_use_the_desk(client, world):
    sign_in_official(client, world.specialist)
    assert client.get(reverse(DESK)).status_code == 403


def test_typing_without_diacritics_finds_the_procedure_through_htmx(client, world):
    sign_in_official(client, world.receptionist)
    response = client.get(
        reverse("office:procedure_search"),
        {"q": "giay phep xay dung", "co_quan": world.centre.pk},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert world.procedure.name in page
    assert f"truong_hop={world.case.code}" in page
    nothing = client.get(
        reverse("office:procedure_search"), {"q": "khai sinh"}, HTTP_HX_REQUEST="true"
    )
    assert world.procedure.name not in nothing.content.decode()


def test_choosing_a_case_shows_the_eform_and_the_checklist(client, world):
    sign_in_official(client, world.receptionist)
    page = client.get(_desk_url(world)).content.decode()
    assert "Diện tích xây dựng (m²)" in page and 'name="form_data.so_tang"' in page
    assert "Giấy chứng nhận quyền sử dụng đất" in page
    assert 'name="documents.GCN"' in page and 'name="checklist.GCN.received"' in page


def test_the_eform_starts_with_its_defaults_as_on_the_portal(client, world):
    from motcua.catalog.eforms import form_fields, initial_answers

    schema = world.procedure.eform_schema
    schema["properties"].update(
        {
            "dan_toc": {"type": "string", "title": "Dân tộc", "default": "Kinh"},
            "quoc_tich": {"type": "string", "title": "Quốc tịch", "default": "Việt Nam"},
            "lien_thong": {"type": "boolean", "title": "Đăng ký liên thông", "default": True},
        }
    )
    world.procedure.save()
    assert initial_answers(form_fields(schema)) == {
        "dan_toc": "Kinh",
        "quoc_tich": "Việt Nam",
        "lien_thong": True,
    }
    sign_in_official(client, world.receptionist)
    page = client.get(_desk_url(world)).content.decode()
    assert 'name="form_data.dan_toc" value="Kinh"' in page
    assert 'name="form_data.quoc_tich" value="Việt Nam"' in page
    assert 'name="form_data.lien_thong" value="on" checked' in page
    assert 'name="form_data.dien_tich" value=""' in page  # no default, left empty


def test_a_dossier_is_received_at_the_counter_and_form_01_is_printable(client, world):
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert response["Location"] == reverse("office:received", args=[dossier.code])
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.channel == Channel.COUNTER and dossier.received_by == world.receptionist
    assert dossier.form_data == {"dien_tich": 95.5, "so_tang": 3}
    lines = {d.code: (d.form, d.quantity, d.file_id is not None) for d in dossier.documents.all()}
    assert lines == {"DON": ("original", 1, True), "GCN": ("certified_copy", 2, False)}

    page = client.get(response["Location"]).content.decode()
    assert dossier.code in page
    issued = dossier.issued_forms.get(form="01")
    html = client.get(reverse("office:issued_html", args=[dossier.code, issued.pk]))
    assert dossier.code in html.content.decode()
    download = client.get(reverse("office:issued_pdf", args=[dossier.code, issued.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download.content)).pages)
    assert dossier.code in text


def test_bad_input_comes_back_with_the_services_messages_beside_the_fields(client, world):
    sign_in_official(client, world.receptionist)
    response = client.post(
        reverse(DESK),
        _post(
            world,
            personal_id="123",
            **{"form_data.dien_tich": ""},
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hồ sơ chưa hợp lệ" in page
    assert 'id="id_personal_id_error"' in page
    assert 'id="id_form_data-dien_tich_error"' in page
    # What was typed is kept.
    assert 'value="Nguyễn Văn Quầy"' in page and 'value="95,5"' not in page
    assert not Dossier.objects.exists()


def test_a_required_document_left_unticked_is_flagged_on_its_row(client, world):
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world, **{"checklist.GCN.received": None}))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_checklist-GCN_error"' in page and "Chưa nhận" in page
    assert not Dossier.objects.exists()


def test_a_scan_that_is_not_a_real_pdf_is_refused_on_its_row(client, world):
    sign_in_official(client, world.receptionist)
    fake = pdf("don.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(reverse(DESK), _post(world, **{"documents.DON": fake}))
    assert response.status_code == 200
    assert 'id="id_checklist-DON_file_error"' in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_quantity_that_is_not_a_number_is_a_field_error_not_a_crash(client, world):
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world, **{"checklist.DON.quantity": "hai"}))
    assert response.status_code == 200
    assert "Số lượng phải là một số nguyên." in response.content.decode()


def test_posting_without_a_procedure_asks_for_one(client, world):
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world, thu_tuc="khong-co"))
    assert response.status_code == 200
    assert "Hãy chọn thủ tục" in response.content.decode()


def test_a_returning_applicant_is_filled_in_from_their_last_dossier(client, world):
    earlier = submit_online(world, personal_id="001190099999", name="Vũ Thị Quen").dossier
    sign_in_official(client, world.receptionist)
    response = client.get(
        reverse("office:applicant_lookup"),
        {"personal_id": "001190099999", "co_quan": world.centre.pk},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert 'value="Vũ Thị Quen"' in page and 'value="0912345678"' in page
    assert earlier.code in page
    assert PersonalDataAccess.objects.filter(
        dossier=earlier, user=world.receptionist, context="office:applicant-lookup"
    ).exists()


def test_a_citizens_portal_account_is_never_read_by_the_desk(client, world):
    UserFactory(
        personal_id="001190077777",
        full_name="Đặng Minh Tài",
        phone="0901234567",
        email="tai@example.vn",
    )
    sign_in_official(client, world.receptionist)
    response = client.get(reverse("office:applicant_lookup"), {"personal_id": "001190077777"})
    page = response.content.decode()
    assert response.status_code == 200 and "hãy nhập mới" in page
    assert "Đặng Minh Tài" not in page and "0901234567" not in page and "tai@" not in page
    assert response["Cache-Control"] == "private, no-store"


def test_lookups_by_personal_id_are_limited_per_official(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.APPLICANT_LOOKUP_LIMIT = 2
    earlier = submit_online(world, personal_id="001190099999", name="Vũ Thị Quen").dossier
    sign_in_official(client, world.receptionist)
    url = reverse("office:applicant_lookup")
    for _ in range(2):
        assert "Vũ Thị Quen" in client.get(url, {"personal_id": "001190099999"}).content.decode()
    refused = client.get(url, {"personal_id": "001190099999"})
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "quá nhiều số định danh" in page and "Vũ Thị Quen" not in page
    logged = PersonalDataAccess.objects.filter(
        user=world.receptionist, dossier=earlier, context="office:applicant-lookup"
    )
    assert logged.count() == 2  # each answered read, not the refused one
    cache.clear()


def test_the_lookup_of_a_malformed_or_unknown_id_says_so(client, world):
    sign_in_official(client, world.receptionist)
    bad = client.get(reverse("office:applicant_lookup"), {"personal_id": "12ab"})
    assert "phải gồm đúng 12 chữ số" in bad.content.decode()
    unknown = client.get(reverse("office:applicant_lookup"), {"personal_id": "001190011111"})
    assert "hãy nhập mới" in unknown.content.decode()
    # Looking for someone with no dossier here is still a read of who was looked for.
    logged = PersonalDataAccess.objects.get(context="office:applicant-lookup")
    assert (logged.user, logged.dossier, logged.query) == (
        world.receptionist,
        None,
        "001190011111",
    )


def test_another_agencys_dossier_is_not_used_to_fill_in_the_applicant(client, world):
    submit_online(world, personal_id="001190055555", name="Người Bí Mật")
    from motcua.agencies.choices import Role
    from motcua.agencies.tests.factories import RoleGrantFactory

    RoleGrantFactory(user=world.outsider, agency=world.other, role=Role.RECEPTION)
    sign_in_official(client, world.outsider)
    page = client.get(
        reverse("office:applicant_lookup"), {"personal_id": "001190055555"}
    ).content.decode()
    assert "Người Bí Mật" not in page


def test_the_pdf_bytes_fixture_is_a_pdf():
    assert PDF_BYTES.startswith(b"%PDF-")


def test_a_nul_character_or_a_made_up_agency_is_a_field_error_not_a_crash(client, world):
    sign_in_official(client, world.receptionist)
    response = client.post(
        reverse(DESK), _post(world, name="Nguyễn\x00Văn", responsible_agency="abc")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_name_error"' in page and "Có ký tự không hợp lệ." in page
    assert "Hãy chọn một cơ quan trong danh sách." in page
    assert not Dossier.objects.exists()


def test_a_refusal_no_field_shows_is_listed_on_top(client, world):
    world.procedure.via_counter = False
    world.procedure.save()
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world))
    assert response.status_code == 200
    assert "không nhận hồ sơ qua kênh" in response.content.decode()
    assert not Dossier.objects.exists()
