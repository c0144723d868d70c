"""The inbound endpoint's door: the portal's signature and its timestamp window, and the
refusals decided before any file is fetched (unknown procedure or agency, a malformed body)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from django.core.management import call_command

from motcua.dossiers.models import Dossier
from motcua.integrations.national_portal.inbound_models import InboundDossier

URL = "/api/v1/national-portal/dossiers"
SECRET = "test-inbound-secret"


@pytest.fixture(autouse=True)
def _secret(settings):
    settings.NATIONAL_PORTAL_INBOUND_SECRET = SECRET


def signed_post(client, body, *, secret=SECRET, stamp=None):
    raw = json.dumps(body, ensure_ascii=False).encode()
    stamp = str(int(time.time()) if stamp is None else stamp)
    signature = hmac.new(secret.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    return client.post(
        URL,
        raw,
        content_type="application/json",
        headers={"X-NP-Timestamp": stamp, "X-NP-Signature": f"sha256={signature}"},
    )


def pushed(world, **overrides):
    body = {
        "MaHoSoQG": "G22.99-260302-0000001",
        "MaTTHC": world.procedure.code,
        "MaDonViTiepNhan": world.centre.code,
        "NgayNop": "20260302081500",
        "KenhThucHien": 2,
        "ThongTinNguoiNop": {"HoVaTen": "Nguyễn Thị Mai", "SoDinhDanh": "001190012345"},
        "TaiKhoanDuocXacThucVoiVNeID": 1,
        "ChuHoSo": "Nguyễn Thị Mai",
        "LoaiDoiTuong": 1,
        "DuLieuBieuMau": {"dien_tich": 120},
        "ThanhPhanHoSo": [],
    }
    body.update(overrides)
    return body


@pytest.fixture
def portal_client(world):
    call_command("setup_national_portal_client", agency=world.centre.parent.code)


def test_a_wrong_signature_is_a_401_and_creates_nothing(client, world, portal_client):
    answer = signed_post(client, pushed(world), secret="not-the-secret")
    assert answer.status_code == 401
    assert answer.json()["error_code"] == 401
    assert not Dossier.objects.exists()


def test_an_old_or_future_timestamp_is_a_401(client, world, portal_client):
    assert signed_post(client, pushed(world), stamp=int(time.time()) - 301).status_code == 401
    assert signed_post(client, pushed(world), stamp=int(time.time()) + 301).status_code == 401
    assert not Dossier.objects.exists()


def test_a_missing_signature_is_a_401(client, world):
    answer = client.post(URL, b"{}", content_type="application/json")
    assert answer.status_code == 401


def test_without_a_configured_secret_every_push_is_a_401(client, world, settings):
    settings.NATIONAL_PORTAL_INBOUND_SECRET = ""
    assert signed_post(client, pushed(world), secret="").status_code == 401


def test_an_unknown_procedure_is_refused_with_its_reason(client, world, portal_client):
    answer = signed_post(client, pushed(world, MaTTHC="9.999999"))
    assert answer.status_code == 422
    body = answer.json()
    assert body["error_code"] == 3 and body["TrangThaiHoSo"] == 3
    assert body["field"] == "MaTTHC"
    assert "9.999999" in body["message"]
    assert not Dossier.objects.exists() and not InboundDossier.objects.exists()


def test_an_unknown_agency_is_refused(client, world, portal_client):
    answer = signed_post(client, pushed(world, MaDonViTiepNhan="000.99.99.H26"))
    assert answer.status_code == 422
    assert answer.json()["field"] == "MaDonViTiepNhan"
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("moment", ["", "2026-03-02", "20261341000000"])
def test_a_bad_submission_moment_is_refused(client, world, portal_client, moment):
    answer = signed_post(client, pushed(world, NgayNop=moment))
    assert answer.status_code == 422
    assert answer.json()["field"] == "NgayNop"


def test_a_body_that_is_not_json_is_refused_not_a_500(client, world, portal_client):
    raw = b"\xff not json"
    stamp = str(int(time.time()))
    signature = hmac.new(SECRET.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    answer = client.post(
        URL,
        raw,
        content_type="application/json",
        headers={"X-NP-Timestamp": stamp, "X-NP-Signature": f"sha256={signature}"},
    )
    assert answer.status_code == 422


def test_without_the_integration_client_a_push_is_a_503_kept_for_the_poll(client, world):
    answer = signed_post(client, pushed(world))
    assert answer.status_code == 503
    assert not Dossier.objects.exists()


def test_an_agency_outside_the_integration_client_is_our_fault_not_the_dossier(client, world):
    call_command("setup_national_portal_client", agency=world.other.code)
    answer = signed_post(client, pushed(world))
    assert answer.status_code == 503
    assert not Dossier.objects.exists() and not InboundDossier.objects.exists()


def test_the_endpoint_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/national-portal/dossiers"]["post"]
    assert {"200", "401", "422", "503"} <= set(operation["responses"])
