"""Rules with one home, seen through the portal and the API alike: which procedures accept an
online submission, who is the responsible agency, how long an applicant's field may be, and
what the tracking page shows of reception's and the decision's answers (read from the
dossier's own columns and rows, not from its audit trail)."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.accounts.apiclients import create_api_client
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.choices import OnlineClass
from motcua.catalog.tests.factories import ProcedureAgencyFactory
from motcua.dossiers import services
from motcua.dossiers.applicants import max_length
from motcua.dossiers.choices import Outcome
from motcua.dossiers.models import CompletionRequest, Dossier
from motcua.dossiers.tests.fixtures import PDF_BYTES, submit_online, vn
from motcua.portal.tests.submission_fixtures import apply_online_through_portal, start_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def api_submission(world, **overrides) -> dict:
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
        },
        "form_data": {"dien_tich": 95, "so_tang": 3},
    }
    body.update(overrides)
    data = {"data": json.dumps(body)}
    for code in ("DON", "GCN"):
        data[f"documents.{code}"] = SimpleUploadedFile(f"{code}.pdf", PDF_BYTES, "application/pdf")
    return data


@pytest.fixture
def kiosk(world):
    _client, key = create_api_client(
        "Ki-ốt trung tâm", agency=world.centre, scopes=["dossiers:submit", "dossiers:read"]
    )
    return Client(HTTP_X_API_KEY=key)


@pytest.fixture
def national_portal(world):
    """The national portal's own connection: the only client that files on its channel."""
    _client, key = create_api_client(
        "Cổng Dịch vụ công quốc gia",
        agency=world.centre,
        scopes=["dossiers:submit", "dossiers:read", "dossiers:national_portal"],
    )
    return Client(HTTP_X_API_KEY=key)


def post_api(kiosk, data, key):
    return kiosk.post("/api/v1/dossiers", data, HTTP_IDEMPOTENCY_KEY=key)


def errors_of(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


# --- which procedures accept an online submission ------------------------------------------


def test_a_level_2_procedure_with_the_online_flag_is_refused_by_the_portal_and_the_api(
    client, world, kiosk, national_portal
):
    world.procedure.via_online = True
    world.procedure.service_level = 2
    world.procedure.online_class = OnlineClass.NONE
    world.procedure.save()
    assert not world.procedure.accepts_online_submission()

    page = client.get(reverse("portal:procedure_detail", args=[world.procedure.code]))
    assert reverse("portal:submission_start", args=[world.procedure.code]) not in (
        page.content.decode()
    )
    start = client.post(
        reverse("portal:submission_start", args=[world.procedure.code]),
        {"case": world.case.pk, "receiving_agency": world.centre.pk},
    )
    assert start.status_code == 404

    response = post_api(kiosk, api_submission(world), "level-2")
    assert response.status_code == 422, response.content
    assert "channel" in errors_of(response)
    national = post_api(
        national_portal, api_submission(world, channel="national_portal"), "level-2-dvcqg"
    )
    assert national.status_code == 422 and "channel" in errors_of(national)
    assert not Dossier.objects.exists()


def test_the_same_procedure_at_level_3_is_accepted_by_both(client, world, kiosk):
    world.procedure.service_level = 3
    world.procedure.online_class = OnlineClass.NONE
    world.procedure.save()
    assert post_api(kiosk, api_submission(world), "level-3").status_code == 201
    start_draft(client, world)
    assert Dossier.objects.filter(channel="online").count() == 2


# --- the responsible agency ------------------------------------------------------------------


@pytest.fixture
def two_implementing(world):
    """The procedure carried out by two departments, received at the service centre (which
    carries out neither): someone must choose the responsible one."""
    world.other.receives_dossiers = False  # so the portal offers the service centres
    world.other.save()
    ProcedureAgencyFactory(procedure=world.procedure, agency=world.other)
    world.procedure.save()  # moves updated_at: the cached parts are read again
    return world


def test_the_portal_and_the_api_ask_for_the_responsible_agency_by_the_same_rule(
    client, two_implementing, kiosk
):
    world = two_implementing
    page = client.get(reverse("portal:submission_start", args=[world.procedure.code]))
    choices = re.findall(
        r'<option value="(\d+)"',
        re.search(r'name="responsible_agency".*?</select>', page.content.decode(), re.S)[0],
    )
    assert sorted(map(int, choices)) == sorted([world.department.pk, world.other.pk])

    refused = post_api(kiosk, api_submission(world), "no-choice")
    assert refused.status_code == 422 and "responsible_agency" in errors_of(refused)
    chosen = post_api(kiosk, api_submission(world, responsible_agency=world.other.code), "chosen")
    assert chosen.status_code == 201, chosen.content
    assert Dossier.objects.get().responsible_agency == world.other


def test_an_agency_out_of_service_is_not_offered_and_the_other_is_taken(client, world, kiosk):
    closed = AgencyFactory(name="Sở đã giải thể", parent=world.department.parent, is_active=False)
    ProcedureAgencyFactory(procedure=world.procedure, agency=closed)
    world.procedure.save()
    page = client.get(reverse("portal:submission_start", args=[world.procedure.code]))
    assert 'name="responsible_agency"' not in page.content.decode()
    response = post_api(kiosk, api_submission(world), "one-active")
    assert response.status_code == 201, response.content
    assert Dossier.objects.get().responsible_agency == world.department


# --- the applicant's fields, as long as the dossier keeps them ------------------------------


def test_the_portal_inputs_carry_the_columns_lengths(client, world):
    dossier = start_draft(client, world)
    page = client.get(reverse("portal:draft_form", args=[dossier.pk])).content.decode()
    for key in ("name", "address", "email", "submitter_relation"):
        tag = re.search(rf'<[^>]*name="nn\.{key}"[^>]*>', page)[0]
        assert f'maxlength="{max_length(key)}"' in tag, tag
    assert max_length("name") == Dossier._meta.get_field("applicant_name").max_length


def test_the_api_refuses_a_name_longer_than_the_column(world, kiosk):
    applicant = {
        "kind": "citizen",
        "name": "Nguyễn " * (max_length("name") // 7 + 1),
        "personal_id": "001200054321",
        "phone": "0987654321",
    }
    response = post_api(kiosk, api_submission(world, applicant=applicant), "long-name")
    assert response.status_code == 422
    assert "name" in errors_of(response)


def test_the_service_refuses_an_address_longer_than_the_column(world):
    applicant = world.applicant(address="x" * (max_length("address") + 1))
    assert "address" in applicant.errors()
    assert "address" not in world.applicant(address="x" * max_length("address")).errors()


# --- the tracking page reads the answers from the dossier's own columns and rows -----------


def _page(client, dossier) -> str:
    return client.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()


def test_the_refusals_reasons_are_a_column_and_the_page_shows_it(client, online):
    dossier, _secret = apply_online_through_portal(client, online)
    services.refuse_dossier(dossier, actor=online.receptionist, reasons="Không thuộc thẩm quyền")
    dossier.refresh_from_db()
    assert dossier.refusal_reasons == "Không thuộc thẩm quyền"
    assert "Không thuộc thẩm quyền" in _page(client, dossier)
    # The page reads the column: a corrected column shows; the audit event is never read.
    Dossier.objects.filter(pk=dossier.pk).update(refusal_reasons="Đã sửa lý do")
    page = _page(client, dossier)
    assert "Đã sửa lý do" in page and "Không thuộc thẩm quyền" not in page


def test_each_return_for_completion_is_a_row_and_the_page_shows_the_latest(client, online):
    dossier, _secret = apply_online_through_portal(client, online)
    services.return_for_completion(
        dossier, actor=online.receptionist, missing=["Bản sao có chứng thực"], note="Một lần"
    )
    request = CompletionRequest.objects.get(dossier=dossier)
    assert (request.items, request.note, request.requested_by) == (
        ["Bản sao có chứng thực"],
        "Một lần",
        online.receptionist,
    )
    CompletionRequest.objects.filter(pk=request.pk).update(items=["Sổ hộ khẩu (đã sửa)"])
    page = _page(client, dossier)
    assert "Sổ hộ khẩu (đã sửa)" in page and "Bản sao có chứng thực" not in page


def test_the_decisions_reason_is_a_column_and_the_page_shows_it(client, online):
    dossier, _secret = apply_online_through_portal(client, online)
    services.receive_dossier(dossier, actor=online.receptionist, now=vn(2026, 3, 2, 10))
    services.assign_step(dossier, actor=online.leader, assignee=online.specialist)
    services.forward_dossier(dossier, actor=online.specialist)
    services.decide_dossier(
        dossier, actor=online.leader, outcome=Outcome.REJECTED, reason="Không phù hợp quy hoạch"
    )
    dossier.refresh_from_db()
    assert dossier.decision_reason == "Không phù hợp quy hoạch"
    Dossier.objects.filter(pk=dossier.pk).update(decision_reason="Lý do đã sửa")
    page = _page(client, dossier)
    assert "Lý do đã sửa" in page and "Không phù hợp quy hoạch" not in page


def test_only_the_editable_statuses_let_the_applicant_back_into_the_draft(client, online):
    dossier, _secret = apply_online_through_portal(client, online)
    edit = reverse("portal:draft_form", args=[dossier.pk])
    assert client.get(edit).status_code != 200  # submitted: waiting for reception
    services.return_for_completion(dossier, actor=online.receptionist, missing=["Tờ khai"])
    assert client.get(edit).status_code == 200
    assert reverse("portal:draft_form", args=[dossier.pk]) in _page(client, dossier)


def test_a_counter_dossier_has_no_receipt_clock(world):
    dossier = submit_online(world).dossier
    assert dossier.receipt_due_at is not None
    counter = services.receive_at_counter(
        actor=world.receptionist,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(),
        receiving_agency=world.centre,
        checklist=[
            services.ChecklistLine("DON", "original", 1),
            services.ChecklistLine("GCN", "copy", 1),
        ],
        form_data={"dien_tich": "100"},
    ).dossier
    assert counter.receipt_due_at is None
