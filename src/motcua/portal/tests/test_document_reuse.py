"""A signed-in applicant reuses an earlier digitised component in a new dossier: offered from
their own dossiers only, copied (never shared), hash-checked, and flagged in the sync."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import pdf
from motcua.integrations.national_portal import mapping, payloads, sync
from motcua.portal.tests.submission_fixtures import (
    fill_form,
    review_token,
    start_draft,
    submit,
    upload_documents,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def _submitted_dossier(client, online, citizen) -> Dossier:
    client.force_login(citizen)
    draft = start_draft(client, online)
    assert fill_form(client, draft, **{"nn.email": citizen.email}).status_code == 302
    assert upload_documents(client, draft).status_code == 302
    assert submit(client, draft, review_token(client, draft)).status_code == 302
    draft.refresh_from_db()
    return draft


def _citizen(name, personal_id):
    return UserFactory(full_name=name, personal_id=personal_id, phone="0987654321")


def test_an_earlier_component_is_offered_copied_and_flagged(client, online):
    citizen = _citizen("Lê Thu Trang", "001190054321")
    earlier = _submitted_dossier(client, online, citizen)
    earlier_gcn = earlier.documents.get(code="GCN").file
    draft = start_draft(client, online)
    page = client.get(reverse("portal:draft_documents", args=[draft.pk])).content.decode()
    assert 'name="tai_su_dung.GCN"' in page and f'value="{earlier_gcn.pk}"' in page

    response = client.post(
        reverse("portal:draft_documents", args=[draft.pk]),
        {
            "giay_to.DON": pdf("don-moi.pdf"),
            "tai_su_dung.GCN": str(earlier_gcn.pk),
            "action": "save",
        },
    )
    assert response.status_code == 302
    line = draft.documents.get(code="GCN")
    assert line.reused_from == "own_store"
    assert line.reused_reference == f"{earlier.code}/{earlier_gcn.pk}"
    # A copy of its own: another row, another stored file, the same bytes.
    assert line.file.dossier_id == draft.pk and line.file.pk != earlier_gcn.pk
    assert line.file.file.name != earlier_gcn.file.name
    assert line.file.sha256 == earlier_gcn.sha256 and line.digitised
    assert draft.audit_events.filter(action="reuse_document").exists()

    assert fill_form(client, draft, **{"nn.email": citizen.email}).status_code == 302
    assert submit(client, draft, review_token(client, draft)).status_code == 302
    draft.refresh_from_db()
    mapping.load_defaults()
    data = payloads.dossier_sync(
        sync._dossier(draft.pk),
        status=1,
        at=timezone.now(),
        codes=mapping.procedure_codes(draft.procedure_id),
    )
    flags = {
        d["TenTepDinhKem"]: (d["DuocSoHoa"], d["DuocLayTuKhoDMQG"]) for d in data["TaiLieuNop"]
    }
    assert flags[line.name] == (1, 1)
    assert flags[draft.documents.get(code="DON").name] == (1, 0)
    assert data["HoSoCoThanhPhanSoHoa"] == 1


def test_another_persons_file_is_neither_offered_nor_taken(client, online):
    other = _citizen("Phạm Văn Khác", "001090077777")
    theirs = _submitted_dossier(Client(), online, other).documents.get(code="GCN").file
    me = _citizen("Lê Thu Trang", "001190054321")
    client.force_login(me)
    draft = start_draft(client, online)
    page = client.get(reverse("portal:draft_documents", args=[draft.pk])).content.decode()
    assert 'name="tai_su_dung.GCN"' not in page
    response = client.post(
        reverse("portal:draft_documents", args=[draft.pk]),
        {"tai_su_dung.GCN": str(theirs.pk), "action": "save"},
    )
    assert response.status_code == 200
    assert "Không tìm thấy giấy tờ này trong kho dữ liệu của bạn." in response.content.decode()
    line = draft.documents.get(code="GCN")
    assert line.file_id is None and line.reused_from == ""


def test_a_tampered_stored_file_is_refused(client, online):
    citizen = _citizen("Lê Thu Trang", "001190054321")
    earlier = _submitted_dossier(client, online, citizen)
    stored = earlier.documents.get(code="GCN").file
    with stored.file.open("wb") as handle:
        handle.write(b"%PDF-1.4 altered\n%%EOF\n")
    draft = start_draft(client, online)
    response = client.post(
        reverse("portal:draft_documents", args=[draft.pk]),
        {"tai_su_dung.GCN": str(stored.pk), "action": "save"},
    )
    assert response.status_code == 200
    assert "sai mã băm" in response.content.decode()
    assert draft.documents.get(code="GCN").file_id is None


# --- the national personal data store, through the national portal's simulator ---------------


def _share(sim, personal_id: str, title: str, content: bytes) -> dict:
    import base64

    answer = sim.control(
        "POST",
        "personal-documents",
        {
            "SoDinhDanh": personal_id,
            "TenGiayTo": title,
            "name": "giay-to.pdf",
            "content_base64": base64.b64encode(content).decode(),
        },
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


@pytest.fixture
def portal_store(settings, national_portal_sim):
    from motcua.integrations.national_portal.tests.inbound_helpers import connect

    connect(settings, national_portal_sim)
    return national_portal_sim


def test_a_document_of_the_national_store_is_copied_and_flagged(client, online, portal_store):
    from motcua.dossiers.tests.fixtures import PDF_BYTES

    citizen = _citizen("Lê Thu Trang", "001190054321")
    mine = _share(portal_store, "001190054321", "Giấy chứng nhận QSDĐ (điện tử)", PDF_BYTES)
    _share(portal_store, "001090077777", "Giấy tờ của người khác", PDF_BYTES)
    client.force_login(citizen)
    draft = start_draft(client, online)
    page = client.get(reverse("portal:draft_documents", args=[draft.pk])).content.decode()
    assert 'name="kho_quoc_gia.GCN"' in page and mine["MaGiayTo"] in page
    assert "Giấy tờ của người khác" not in page
    response = client.post(
        reverse("portal:draft_documents", args=[draft.pk]),
        {"kho_quoc_gia.GCN": mine["MaGiayTo"], "action": "save"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    line = draft.documents.get(code="GCN")
    assert line.reused_from == "national_store" and line.reused_reference == mine["MaGiayTo"]
    assert f"sha256:{line.file.sha256}" == mine["HashTepTin"] and line.file.dossier_id == draft.pk
    mapping.load_defaults()
    data = payloads.dossier_sync(
        sync._dossier(draft.pk),
        status=1,
        at=timezone.now(),
        codes=mapping.procedure_codes(draft.procedure_id),
    )
    assert [(d["DuocSoHoa"], d["DuocLayTuKhoDMQG"]) for d in data["TaiLieuNop"]] == [(1, 1)]
    assert portal_store.calls(service="LayGiayToKhoDuLieu")


def test_another_persons_national_document_is_refused(client, online, portal_store):
    from motcua.dossiers.tests.fixtures import PDF_BYTES

    theirs = _share(portal_store, "001090077777", "Giấy tờ của người khác", PDF_BYTES)
    client.force_login(_citizen("Lê Thu Trang", "001190054321"))
    draft = start_draft(client, online)
    response = client.post(
        reverse("portal:draft_documents", args=[draft.pk]),
        {"kho_quoc_gia.GCN": theirs["MaGiayTo"], "action": "save"},
    )
    assert response.status_code == 200
    assert "Không tìm thấy giấy tờ này trong kho dữ liệu của bạn." in response.content.decode()
    assert draft.documents.get(code="GCN").file_id is None


def test_the_national_store_down_is_said_and_nothing_breaks(client, online, portal_store):
    client.force_login(_citizen("Lê Thu Trang", "001190054321"))
    draft = start_draft(client, online)
    portal_store.stop()
    page = client.get(reverse("portal:draft_documents", args=[draft.pk]))
    assert page.status_code == 200 and "data-national-store-unavailable" in page.content.decode()
