"""A procedure whose declaration is its e-form does not also ask for a scan of it: one rule
(catalog.models.filled_by_eform) seen through the portal, the API, the reception desk and the
receiving of an online dossier. The world's procedure asks for "Đơn đề nghị cấp giấy phép xây
dựng" (DON), which its e-form replaces once the catalog says so, and a land certificate (GCN)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.apiclients import create_api_client
from motcua.dossiers import services
from motcua.dossiers.choices import Action, DocumentForm, DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import PDF_BYTES, pdf
from motcua.portal.tests.submission_fixtures import (
    fill_form,
    review_token,
    start_draft,
    submit,
    upload_documents,
)
from motcua.testing import sign_in_official

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


@pytest.fixture
def declared(online):
    """The catalog marks the application form (DON) as the one the e-form replaces."""
    online.case.documents.filter(code="DON").update(filled_by_eform=True)
    online.procedure.save()  # the cached parts are read again
    return online


def documents_page(client, dossier) -> str:
    return client.get(reverse("portal:draft_documents", args=[dossier.pk])).content.decode()


def test_without_the_mark_the_portal_asks_for_the_scan(client, online):
    dossier = start_draft(client, online)
    assert 'name="giay_to.DON"' in documents_page(client, dossier)
    assert "documents.DON" in services.check_draft(dossier)


def test_the_portal_asks_only_for_the_other_documents_and_submits(client, declared):
    dossier = start_draft(client, declared)
    assert fill_form(client, dossier).status_code == 302
    page = documents_page(client, dossier)
    assert 'name="giay_to.DON"' not in page and 'name="giay_to.GCN"' in page
    assert "Đã khai trên biểu mẫu điện tử" in page
    # A scan of the declaration sent anyway is not taken.
    upload_documents(client, dossier, {"giay_to.GCN": pdf("gcn.pdf"), "giay_to.DON": pdf("d.pdf")})
    assert not dossier.files.filter(original_name="d.pdf").exists()

    review = client.get(reverse("portal:draft_review", args=[dossier.pk])).content.decode()
    assert "Khai trên biểu mẫu điện tử" in review
    assert submit(client, dossier, review_token(client, dossier)).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED
    lines = {d.code: (d.form, d.quantity, d.file_id) for d in dossier.documents.all()}
    assert lines["DON"] == (DocumentForm.EFORM, 1, None)
    assert lines["GCN"][0] == DocumentForm.ELECTRONIC_COPY


def _api_body(world, *codes) -> dict:
    body = {
        "procedure": world.procedure.code,
        "case": world.case.code,
        "channel": "online",
        "receiving_agency": world.centre.code,
        "applicant": {
            "kind": "citizen",
            "name": "Vũ Minh Châu",
            "personal_id": "001200054321",
            "phone": "0987654321",
            "email": "chau@example.vn",
        },
        "form_data": {"chu_dau_tu": "Vũ Minh Châu", "dien_tich": 95, "cam_doan": True},
    }
    data = {"data": json.dumps(body)}
    for code in codes:
        data[f"documents.{code}"] = SimpleUploadedFile(f"{code}.pdf", PDF_BYTES, "application/pdf")
    return data


def test_the_api_takes_the_dossier_without_the_scan_and_refuses_one(declared):
    _client, key = create_api_client(
        "Ki-ốt", agency=declared.centre, scopes=["dossiers:submit", "dossiers:read"]
    )
    kiosk = Client(HTTP_X_API_KEY=key)
    detail = kiosk.get(f"/api/v1/procedures/{declared.procedure.code}").json()
    flags = {d["code"]: d["filled_by_eform"] for d in detail["cases"][0]["documents"]}
    assert flags == {"DON": True, "GCN": False}
    both = kiosk.post(
        "/api/v1/dossiers", _api_body(declared, "DON", "GCN"), HTTP_IDEMPOTENCY_KEY="both"
    )
    assert both.status_code == 422, both.content
    assert "documents.DON" in {error["field"] for error in both.json()["errors"]}
    one = kiosk.post("/api/v1/dossiers", _api_body(declared, "GCN"), HTTP_IDEMPOTENCY_KEY="one")
    assert one.status_code == 201, one.content
    assert Dossier.objects.get().documents.get(code="DON").form == DocumentForm.EFORM


def test_the_desk_shows_no_line_for_it_and_form_01_lists_the_eform(client, declared):
    world = declared
    sign_in_official(client, world.receptionist)
    url = reverse("office:reception")
    query = (
        f"?co_quan={world.centre.pk}&thu_tuc={world.procedure.code}&truong_hop={world.case.code}"
    )
    page = client.get(url + query).content.decode()
    assert 'name="checklist.DON.received"' not in page and 'name="documents.DON"' not in page
    assert 'name="checklist.GCN.received"' in page
    assert "Khai trên biểu mẫu điện tử ở mục 3" in page
    response = client.post(
        url,
        {
            "co_quan": world.centre.pk,
            "thu_tuc": world.procedure.code,
            "truong_hop": world.case.code,
            "kind": "citizen",
            "name": "Nguyễn Văn Quầy",
            "personal_id": "001090000111",
            "address": "5 phố Huế",
            "phone": "0987654321",
            "form_data.chu_dau_tu": "Nguyễn Văn Quầy",
            "form_data.dien_tich": "95,5",
            "form_data.cam_doan": "on",
            "checklist.GCN.received": "on",
            "checklist.GCN.form": "certified_copy",
            "checklist.GCN.quantity": "1",
            "return_channel": "counter",
            "sets_count": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert dossier.status == DossierStatus.PROCESSING
    assert dossier.documents.get(code="DON").form == DocumentForm.EFORM
    form_01 = dossier.issued_forms.get(form="01").html
    assert "Biểu mẫu điện tử" in form_01 and "Bản sao chứng thực" in form_01


def test_receiving_an_online_dossier_asks_only_for_the_other_lines(client, declared):
    world = declared
    dossier = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(email="a@example.vn"),
        receiving_agency=world.centre,
        form_data={"chu_dau_tu": "Lê Văn An", "dien_tich": "120", "cam_doan": True},
        uploads=[services.Upload("GCN", pdf("gcn.pdf"))],
    ).dossier
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Đã khai trên biểu mẫu điện tử, không cần bản giấy." in page
    response = client.post(
        reverse("office:action", args=[dossier.code, Action.RECEIVE]),
        {
            "receive-version": dossier.version,
            "receive-received_1": "on",  # line 0, the declaration, has no fields
            "receive-form_1": "original",
            "receive-quantity_1": "1",
            "receive-sets_count": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    lines = {d.code: (d.form, d.quantity) for d in dossier.documents.all()}
    assert lines == {"DON": (DocumentForm.EFORM, 1), "GCN": (DocumentForm.ORIGINAL, 1)}
