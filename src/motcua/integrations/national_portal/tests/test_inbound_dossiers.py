"""Dossiers submitted on the national portal (the simulator, a real process) arrive in Motcua:
fetched, hashed, checked by content, created once, with the portal's facts kept; refused with
the reason and nothing created when they cannot be taken."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers import deadlines
from motcua.dossiers.choices import Channel, DocumentForm, DossierStatus
from motcua.dossiers.models import Dossier, DossierFile
from motcua.events.models import AuditEvent
from motcua.integrations.national_portal.inbound import NATIONAL_DATE
from motcua.integrations.national_portal.inbound_models import InboundDossier
from motcua.integrations.national_portal.tests.inbound_helpers import (
    connect,
    integration_client,
    portal_file,
    signed_post,
    submit_on_portal,
)
from motcua.workdays.services import get_calendar
from motcua.workdays.zone import VIETNAM


@pytest.fixture
def portal(settings, world, national_portal_sim):
    connect(settings, national_portal_sim)
    integration_client(world)
    return national_portal_sim


def push(client, portal, body):
    return signed_post(client, body, secret=portal.inbound_secret)


def test_a_pushed_dossier_enters_as_an_online_dossier_of_the_national_portal(client, world, portal):
    body = submit_on_portal(portal, world)
    answer = push(client, portal, body)
    assert answer.status_code == 200, answer.content
    dossier = Dossier.objects.get()
    assert answer.json() == {
        "error_code": 0,
        "MaHoSoQG": body["MaHoSoQG"],
        "MaHoSo": dossier.code,
    }
    assert dossier.channel == Channel.NATIONAL_PORTAL
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.receiving_agency == world.centre
    assert dossier.applicant_name == "Nguyễn Thị Mai"
    assert dossier.applicant_personal_id == "001190012345"
    assert dossier.applicant_commune_id == "00070"
    assert dossier.form_data == {"dien_tich": 120.5, "so_tang": 4}
    inbound = InboundDossier.objects.get()
    assert inbound.dossier == dossier and inbound.national_code == body["MaHoSoQG"]
    assert inbound.vneid_verified is True
    assert inbound.applicant_identity["NgaySinh"] == "19900312"
    assert inbound.arrived_by == "push"
    documents = {d.code: d for d in dossier.documents.select_related("file")}
    assert documents["DON"].form == DocumentForm.ELECTRONIC_COPY
    assert documents["DON"].file.content_type == "application/pdf"
    assert documents["GCN"].file.content_type == "image/png"
    for line in body["ThanhPhanHoSo"]:
        stored = documents[line["MaThanhPhanHoSo"]].file
        assert f"sha256:{stored.sha256}" == line["GiayToDinhKem"][0]["HashTepTin"]
    submitted = AuditEvent.objects.get(dossier=dossier, action="submit")
    assert submitted.data["origin"]["national_code"] == body["MaHoSoQG"]


def test_the_same_dossier_pushed_twice_is_one_dossier(client, world, portal):
    body = submit_on_portal(portal, world)
    first, second = push(client, portal, body), push(client, portal, body)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert Dossier.objects.count() == 1 and DossierFile.objects.count() == 2
    assert InboundDossier.objects.get().deliveries == 2


def test_the_receipt_clock_starts_at_the_portal_submission_moment(client, world, portal):
    body = submit_on_portal(portal, world)
    submitted = (timezone.now() - timedelta(days=3)).astimezone(VIETNAM).replace(microsecond=0)
    body["NgayNop"] = submitted.strftime(NATIONAL_DATE)
    assert push(client, portal, body).status_code == 200
    dossier = Dossier.objects.get()
    assert dossier.submitted_at == submitted
    assert dossier.receipt_due_at == deadlines.receipt_due(get_calendar(), submitted)
    assert InboundDossier.objects.get().submitted_at == submitted
    # Three days on the portal's side: the dossier is already late for reception.
    assert Dossier.objects.late_receipt(timezone.now()).filter(pk=dossier.pk).exists()


def test_an_organisation_submitted_by_its_employee(client, world, portal):
    body = submit_on_portal(portal, world)
    body.update(LoaiDoiTuong=2, ChuHoSo="Công ty TNHH Xây dựng Hoàn Kiếm", MaDoiTuong="0101234567")
    assert push(client, portal, body).status_code == 200
    dossier = Dossier.objects.get()
    assert dossier.applicant_kind == "organisation"
    assert dossier.applicant_name == "Công ty TNHH Xây dựng Hoàn Kiếm"
    assert dossier.applicant_tax_code == "0101234567" and dossier.applicant_personal_id == ""
    assert dossier.submitter_name == "Nguyễn Thị Mai"
    assert dossier.submitter_personal_id == "001190012345"


def test_copy_kinds_and_quantities_are_kept(client, world, portal):
    body = submit_on_portal(portal, world)
    kinds = {"DON": (0, DocumentForm.ORIGINAL), "GCN": (1, DocumentForm.COPY)}
    for line in body["ThanhPhanHoSo"]:
        line["LoaiBan"] = kinds[line["MaThanhPhanHoSo"]][0]
        line["SoLuong"] = 2
    assert push(client, portal, body).status_code == 200
    for document in Dossier.objects.get().documents.all():
        assert document.form == kinds[document.code][1]
        assert document.quantity == 2


def test_a_file_whose_content_is_not_accepted_is_refused_and_nothing_is_created(
    client, world, portal
):
    body = submit_on_portal(
        portal,
        world,
        files=[
            portal_file("DON", "don.pdf", b"MZ\x90\x00 an executable, not a PDF"),
            portal_file("GCN", "gcn.pdf"),
        ],
    )
    answer = push(client, portal, body)
    assert answer.status_code == 422
    refused = answer.json()
    assert refused["error_code"] == 3 and refused["TrangThaiHoSo"] == 3
    assert refused["field"] == "ThanhPhanHoSo.DON"
    assert refused["message"]
    assert not Dossier.objects.exists()
    assert not DossierFile.objects.exists() and not InboundDossier.objects.exists()


def test_a_file_whose_hash_differs_is_refused(client, world, portal):
    portal.set_fault("wrong_hash")
    body = submit_on_portal(portal, world)
    answer = push(client, portal, body)
    assert answer.status_code == 422
    assert answer.json()["field"].endswith("HashTepTin")
    assert "mã băm" in answer.json()["message"]
    assert not Dossier.objects.exists() and not InboundDossier.objects.exists()


def test_a_missing_file_is_refused(client, world, portal):
    body = submit_on_portal(portal, world)
    attached = body["ThanhPhanHoSo"][0]["GiayToDinhKem"][0]
    attached["DuongDan"] = attached["DuongDan"] + "-khong-co"
    answer = push(client, portal, body)
    assert answer.status_code == 422
    assert answer.json()["field"].endswith("DuongDan")
    assert not Dossier.objects.exists()


def test_e_form_data_are_checked_against_the_procedure_form(client, world, portal):
    body = submit_on_portal(portal, world, form={"dien_tich": 0})
    answer = push(client, portal, body)
    assert answer.status_code == 422
    assert answer.json()["field"] == "DuLieuBieuMau.dien_tich"
    assert not Dossier.objects.exists()


def test_an_unknown_procedure_is_refused(client, world, portal):
    body = submit_on_portal(portal, world, procedure="9.999999")
    answer = push(client, portal, body)
    assert answer.status_code == 422
    assert answer.json()["field"] == "MaTTHC"
    assert not Dossier.objects.exists()


def test_a_file_link_that_does_not_answer_is_our_transient_failure(client, world, portal):
    body = submit_on_portal(portal, world)
    portal.stop()
    try:
        answer = push(client, portal, body)
    finally:
        portal.start()
    assert answer.status_code == 503
    assert not Dossier.objects.exists()


def test_a_component_with_several_files_is_refused_with_a_reason_to_act_on(client, world, portal):
    # Both sides of an ID card as two files of one component: our checklist line holds one
    # file, so the dossier is refused, saying which component and what to do.
    body = submit_on_portal(
        portal,
        world,
        files=[
            portal_file("DON", "don.pdf", title="Đơn đề nghị"),
            portal_file("GCN", "mat-truoc.pdf", title="Giấy chứng nhận"),
            portal_file("GCN", "mat-sau.pdf", title="Giấy chứng nhận"),
        ],
    )
    answer = push(client, portal, body)
    assert answer.status_code == 422
    refusal = answer.json()
    index = [c["MaThanhPhanHoSo"] for c in body["ThanhPhanHoSo"]].index("GCN")
    assert refusal["field"] == f"ThanhPhanHoSo[{index}].GiayToDinhKem"
    assert "GCN có 2 tệp" in refusal["message"] and "gộp" in refusal["message"]
    assert not Dossier.objects.exists() and not InboundDossier.objects.exists()
