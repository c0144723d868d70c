"""A guest's uploads: what an archive would unpack to, a replaced file, the bytes a dossier
and an address may send, how many files a request may carry, and drafts left to expire."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import DossierFile
from motcua.portal.tests.submission_fixtures import start_draft, upload_documents

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
