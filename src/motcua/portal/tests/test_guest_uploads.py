"""A guest's uploads: what an archive would unpack to, a replaced file, the bytes a dossier
and an address may send, how many files a request may carry, and drafts left to expire."""

from __future__ import annotations

import io
import stat
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers import services
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import TransitionRefused
from motcua.dossiers.models import DossierFile
from motcua.dossiers.policies import ApplicantProof
from motcua.dossiers.storage import private_storage
from motcua.dossiers.tests.fixtures import PDF_BYTES, pdf, vn
from motcua.events.models import AuditEvent
from motcua.portal.tests.submission_fixtures import fill_form, start_draft, upload_documents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

GIGABYTE = 1024**3


def docx(member_bytes: int = 0) -> bytes:
    """A .docx a word processor would open; with `member_bytes`, also a media member of that
    many zeros, which deflate packs about a thousand times smaller."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
        if member_bytes:
            chunk = bytes(4 * 1024 * 1024)
            with archive.open("word/media/image1.bin", "w", force_zip64=True) as member:
                for _ in range(member_bytes // len(chunk)):
                    member.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    return docx(GIGABYTE)


def test_a_docx_that_unpacks_to_a_gigabyte_is_refused(client, online, docx_bomb, settings):
    assert len(docx_bomb) < settings.UPLOAD_MAX_BYTES  # small enough to pass the size cap
    draft = start_draft(client, online)
    response = upload_documents(
        client, draft, {"giay_to.DON": SimpleUploadedFile("don.docx", docx_bomb)}, action="save"
    )
    assert response.status_code == 200
    assert "vượt mức tối đa" in response.content.decode()
    assert not DossierFile.objects.filter(dossier=draft).exists()
    # A plain .docx is still welcome.
    response = upload_documents(
        client, draft, {"giay_to.DON": SimpleUploadedFile("don.docx", docx())}, action="save"
    )
    assert response.status_code == 302
    assert DossierFile.objects.filter(dossier=draft).count() == 1


def test_a_docx_with_a_member_packed_too_tightly_is_refused(client, online, settings):
    settings.UPLOAD_ARCHIVE_MAX_BYTES = 10 * GIGABYTE  # only the ratio is left to catch it
    draft = start_draft(client, online)
    response = upload_documents(
        client,
        draft,
        {"giay_to.DON": SimpleUploadedFile("don.docx", docx(64 * 1024 * 1024))},
        action="save",
    )
    assert response.status_code == 200
    assert "nén bất thường" in response.content.decode()


def _stored_paths(draft) -> list[Path]:
    storage = private_storage()
    return [Path(storage.path(f.file.name)) for f in DossierFile.objects.filter(dossier=draft)]


def test_a_replaced_upload_deletes_the_file_it_replaces(
    client, online, django_capture_on_commit_callbacks
):
    draft = start_draft(client, online)
    with django_capture_on_commit_callbacks(execute=True):
        upload_documents(client, draft, {"giay_to.DON": pdf("ban-1.pdf")}, action="save")
    (first,) = _stored_paths(draft)
    assert first.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_documents(client, draft, {"giay_to.DON": pdf("ban-2.pdf")}, action="save")
    assert response.status_code == 302
    (second,) = _stored_paths(draft)
    assert second != first and second.exists() and not first.exists()
    assert draft.documents.get(code="DON").file.original_name == "ban-2.pdf"
    event = AuditEvent.objects.filter(dossier=draft).order_by("-seq").first()
    assert [f["name"] for f in event.data["replaced"]] == ["ban-1.pdf"]


def test_uploaded_files_are_0640_in_folders_0750(client, online):
    draft = start_draft(client, online)
    upload_documents(client, draft, {"giay_to.DON": pdf("don.pdf")}, action="save")
    (path,) = _stored_paths(draft)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    root = Path(private_storage().location)
    folder = path.parent
    while folder != root:  # dossiers/<year>/<month>, each made by the upload
        assert stat.S_IMODE(folder.stat().st_mode) == 0o750, folder
        folder = folder.parent


def test_a_dossiers_files_are_capped_in_bytes(client, online, settings):
    size = len(PDF_BYTES)
    settings.DOSSIER_UPLOAD_MAX_BYTES = size * 2 + size // 2  # two files, not three
    draft = start_draft(client, online)
    upload_documents(client, draft, {"giay_to.DON": pdf("don.pdf")}, action="save")
    # Replacing a file frees its bytes: still one file's worth kept.
    response = upload_documents(client, draft, {"giay_to.DON": pdf("don-2.pdf")}, action="save")
    assert response.status_code == 302
    response = upload_documents(client, draft, {"giay_to.GCN": pdf("gcn.pdf")}, action="save")
    assert response.status_code == 302
    assert DossierFile.objects.filter(dossier=draft).count() == 2
    # A third document would pass the cap.
    other = online.case.documents.create(code="BV", name="Bản vẽ thiết kế", order=9)
    draft = start_draft(client, online)
    for code in ("DON", "GCN"):
        upload_documents(client, draft, {f"giay_to.{code}": pdf(f"{code}.pdf")}, action="save")
    response = upload_documents(client, draft, {f"giay_to.{other.code}": pdf()}, action="save")
    assert response.status_code == 200
    assert "Tổng dung lượng các tệp của hồ sơ sẽ vượt mức tối đa" in response.content.decode()
    assert DossierFile.objects.filter(dossier=draft).count() == 2


def test_the_bytes_one_address_uploads_are_capped_per_hour(online, settings):
    settings.UPLOAD_BYTES_PER_IP_HOUR = len(PDF_BYTES) * 3
    client = Client(REMOTE_ADDR="10.0.0.7")
    first, second = start_draft(client, online), start_draft(client, online)
    upload_documents(client, first, action="save")  # two files
    assert (
        upload_documents(client, second, {"giay_to.DON": pdf()}, action="save").status_code == 302
    )
    refused = upload_documents(client, second, {"giay_to.GCN": pdf()}, action="save")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "tải lên quá" in refused.content.decode()
    assert DossierFile.objects.filter(dossier=second).count() == 1
    # Another address is not held back.
    elsewhere = Client(REMOTE_ADDR="10.0.0.8")
    third = start_draft(elsewhere, online)
    assert (
        upload_documents(elsewhere, third, {"giay_to.DON": pdf()}, action="save").status_code == 302
    )


def test_a_request_carrying_too_many_files_is_refused(client, online, settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 30  # Django's own default is 100
    draft = start_draft(client, online)
    files = {
        f"giay_to.X{n}": pdf(f"{n}.pdf") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    response = upload_documents(client, draft, files, action="save")
    assert response.status_code == 400
    assert not DossierFile.objects.filter(dossier=draft).exists()


def test_an_abandoned_guest_draft_expires_with_its_files(
    client, online, settings, django_capture_on_commit_callbacks
):
    settings.GUEST_DRAFT_EXPIRY_DAYS = 14
    draft = start_draft(client, online)
    fill_form(client, draft)
    with django_capture_on_commit_callbacks(execute=True):
        upload_documents(client, draft)
    paths = _stored_paths(draft)
    assert len(paths) == 2 and all(path.exists() for path in paths)
    saved_at = AuditEvent.objects.filter(dossier=draft).latest("seq").at
    later = saved_at + timedelta(days=14, minutes=1)
    recent = services.create_dossier(  # another guest's, saved a day before `later`
        procedure=online.procedure,
        case=online.case,
        channel="online",
        applicant=online.applicant(),
        receiving_agency=online.centre,
        submit=False,
        now=later - timedelta(days=1),
    ).dossier

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sweep_dossiers", stdout=out)  # now: nothing is old enough
    draft.refresh_from_db()
    assert draft.closed_at is None and "hủy 0 bản nháp" in out.getvalue()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.expire_abandoned_drafts(now=later) == 1
    draft.refresh_from_db()
    assert draft.closed_at == later and draft.status == DossierStatus.DRAFT
    assert not any(path.exists() for path in paths)
    assert not DossierFile.objects.filter(dossier=draft).exists()
    assert (
        draft.applicant_name == "" and draft.applicant_personal_id == "" and draft.form_data == {}
    )
    assert draft.applicant_email == "" and draft.applicant_phone == ""
    event = AuditEvent.objects.filter(dossier=draft).latest("seq")
    assert event.action == "expire_draft" and len(event.data["files"]) == 2
    # The guest's session no longer reaches it, and the services refuse it.
    response = client.get(reverse("portal:draft_form", args=[draft.pk]))
    assert response.status_code == 404
    with pytest.raises(TransitionRefused):
        services.update_draft(
            draft, actor=None, proof=ApplicantProof(drafts=frozenset({draft.pk})), form_data={}
        )
    # Run again: nothing more to do.
    assert services.expire_abandoned_drafts(now=later) == 0
    recent.refresh_from_db()
    assert recent.closed_at is None and recent.applicant_name


def test_a_signed_in_citizens_draft_does_not_expire(online, settings):
    citizen = UserFactory()
    draft = services.create_dossier(
        procedure=online.procedure,
        case=online.case,
        channel="online",
        applicant=online.applicant(),
        receiving_agency=online.centre,
        owner=citizen,
        actor=citizen,
        submit=False,
        now=vn(2026, 1, 5, 9),
    ).dossier
    assert services.expire_abandoned_drafts(now=vn(2027, 1, 5, 9)) == 0
    draft.refresh_from_db()
    assert draft.closed_at is None and draft.applicant_name
