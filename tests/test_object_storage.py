"""Stored files in an S3-compatible object store (S3_BUCKET): a dossier's documents submitted
through the API land in the bucket's private/ prefix, privately, nothing under MEDIA_ROOT, and
come back through the API's download endpoint (which checks the caller first) and the office's
file page; the orphan sweep works on the bucket as on the disk; the catalog's blank forms live there too. The store is moto's server,
run as a subprocess (tests/s3_server.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.apiclients import create_api_client
from motcua.catalog.tests.factories import (
    ProcedureCaseFactory,
    ProcedureFactory,
    RequiredDocumentFactory,
)
from motcua.dossiers.files import remove_orphan_files
from motcua.dossiers.models import Dossier
from motcua.dossiers.storage import private_storage
from motcua.dossiers.tests.fixtures import PDF_BYTES
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

GCN_BYTES = PDF_BYTES.replace(b"%%EOF", b"% giay chung nhan\n%%EOF")


def _submit(world, client: Client) -> dict:
    body = {
        "procedure": world.procedure.code,
        "case": "TH1",
        "channel": "online",
        "receiving_agency": world.centre.code,
        "applicant": {
            "kind": "citizen",
            "name": "Vũ Minh Châu",
            "personal_id": "001200054321",
            "phone": "0987654321",
            "commune_code": "00070",
        },
        "form_data": {"dien_tich": 95, "so_tang": 3},
    }
    data = {
        "data": json.dumps(body),
        "documents.DON": SimpleUploadedFile("don.pdf", PDF_BYTES, "application/pdf"),
        "documents.GCN": SimpleUploadedFile("gcn.pdf", GCN_BYTES, "application/pdf"),
    }
    response = client.post("/api/v1/dossiers", data, HTTP_IDEMPOTENCY_KEY="s3-1")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def kiosk(world):
    _client, key = create_api_client(
        "Ki-ốt trung tâm",
        agency=world.centre,
        scopes=["dossiers:submit", "dossiers:read", "dossiers:receive"],
    )
    return Client(HTTP_X_API_KEY=key)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def test_submitted_files_go_to_the_bucket_and_come_back_through_the_download(
    world, kiosk, object_storage, media_root
):
    code = _submit(world, kiosk)["code"]

    detail = kiosk.get(f"/api/v1/dossiers/{code}").json()
    files = {f["name"]: f for f in detail["files"]}
    assert set(files) == {"don.pdf", "gcn.pdf"}
    for name, content in (("don.pdf", PDF_BYTES), ("gcn.pdf", GCN_BYTES)):
        response = kiosk.get(f"/api/v1/dossiers/{code}/files/{files[name]['id']}")
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body == content
        assert hashlib.sha256(body).hexdigest() == files[name]["sha256"]

    keys = object_storage.keys("private/dossiers/")
    assert len(keys) == 2
    client = object_storage.server.client()
    stored = {client.get_object(Bucket=object_storage.bucket, Key=k)["Body"].read() for k in keys}
    assert stored == {PDF_BYTES, GCN_BYTES}
    for key in keys:  # private: only the owner has a grant, nobody reads by URL
        grants = client.get_object_acl(Bucket=object_storage.bucket, Key=key)["Grants"]
        assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]
        assert all(g["Grantee"]["Type"] == "CanonicalUser" for g in grants)
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_the_office_file_page_streams_from_the_bucket(world, kiosk, object_storage, media_root):
    code = _submit(world, kiosk)["code"]
    stored = Dossier.objects.get(code=code).files.get(original_name="gcn.pdf")
    office = sign_in_official(Client(), world.receptionist)

    response = office.get(reverse("office:file", args=[code, stored.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == GCN_BYTES
    assert response["Cache-Control"] == "private, no-store"
    assert not any(path.is_file() for path in media_root.rglob("*"))


def test_a_file_missing_from_the_bucket_is_a_404_not_a_500(world, kiosk, object_storage):
    code = _submit(world, kiosk)["code"]
    stored = Dossier.objects.get(code=code).files.get(original_name="don.pdf")
    object_storage.server.client().delete_object(
        Bucket=object_storage.bucket, Key=f"private/{stored.file.name}"
    )
    office = sign_in_official(Client(), world.receptionist)

    response = office.get(reverse("office:file", args=[code, stored.pk]))

    assert response.status_code == 404


def test_the_orphan_sweep_deletes_from_the_bucket_only_what_no_row_points_at(
    world, kiosk, object_storage
):
    code = _submit(world, kiosk)["code"]
    kept = [f.file.name for f in Dossier.objects.get(code=code).files.all()]
    orphan = private_storage().save("dossiers/2026/03/bo-lai.pdf", SimpleUploadedFile("x", b"x"))
    assert f"private/{orphan}" in object_storage.keys()

    # Not old enough yet: a transaction may still be about to insert its row.
    assert remove_orphan_files(now=timezone.now()) == []
    removed = remove_orphan_files(now=timezone.now() + timedelta(hours=7))

    assert removed == [orphan]
    assert set(object_storage.keys("private/dossiers/")) == {f"private/{n}" for n in kept}


def test_a_catalog_blank_form_is_kept_in_the_bucket_and_downloads_from_the_portal(
    client, object_storage, media_root
):
    procedure = ProcedureFactory()
    document = RequiredDocumentFactory(
        case=ProcedureCaseFactory(procedure=procedure), name="Đơn đề nghị", form_name="Mẫu 01"
    )
    document.form_file.save("mau-01.pdf", ContentFile(b"%PDF-1.4 mau don"))

    response = client.get(reverse("portal:form_download", args=[procedure.code, document.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 mau don"
    assert object_storage.keys() == [document.form_file.name]
    assert not object_storage.keys("private/")
    assert not any(path.is_file() for path in media_root.rglob("*"))
