"""A decided dossier's result is made, signed and kept; anyone can verify it; a changed byte,
an unknown code or a key we do not trust are each told apart."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from motcua.events.models import AuditEvent, OutboxEvent
from motcua.integrations.signing import demo_ca
from motcua.integrations.signing.sources import Pkcs12Source
from motcua.integrations.signing.sync import sign_dossier_results
from motcua.results import selectors, verification
from motcua.results.models import SignedResult
from motcua.results.tests.conftest import PASSPHRASE, decided

pytestmark = pytest.mark.django_db


def test_a_decided_result_is_signed_once_kept_audited_and_linked(world, keys):
    dossier = decided(world)
    (result,) = sign_dossier_results(dossier, Pkcs12Source())
    document = dossier.result_documents.get()
    assert document.file_id == result.file_id
    data = result.file.file.open("rb").read()
    assert data.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    assert result.code in text and "15/GPXD" in text and "GIẤY PHÉP XÂY DỰNG" in text.upper()
    verdict = verification.verify_pdf(data)
    assert verdict.status == verification.VALID, verdict
    assert "Hà Nội" in verdict.signer
    event = AuditEvent.objects.filter(dossier=dossier, action="result_sign").get()
    assert event.data["code"] == result.code and event.data["sha256"] == result.file.sha256
    assert OutboxEvent.objects.filter(dossier=dossier, type="dossier.result_sign").count() == 1
    # Again (a retried delivery): nothing new.
    assert sign_dossier_results(dossier, Pkcs12Source()) == []
    assert SignedResult.objects.count() == 1
    assert AuditEvent.objects.filter(dossier=dossier, action="result_sign").count() == 1


def test_one_byte_changed_is_told_as_altered(world, keys):
    dossier = decided(world)
    (result,) = sign_dossier_results(dossier, Pkcs12Source())
    data = bytearray(result.file.file.open("rb").read())
    # A byte of the page content (inside the signed range, outside the signature).
    position = data.index(b"stream") + 20
    data[position] ^= 0x01
    verdict = verification.verify_pdf(bytes(data))
    assert verdict.status == verification.ALTERED
    assert "bị sửa đổi sau khi ký" in verdict.message
    # A byte appended after the signature: not covered, altered too.
    original = result.file.file.open("rb").read()
    assert verification.verify_pdf(original + b"\n").status == verification.ALTERED


def test_a_key_outside_our_trust_roots_is_untrusted(world, keys, tmp_path, settings):
    other = tmp_path / "other"
    demo_ca.issue_pkcs12(
        other, "default.p12", common_name="Kẻ giả mạo", organisation="X", passphrase=PASSPHRASE
    )
    dossier = decided(world)
    from motcua.results.pdf import result_pdf

    pdf = result_pdf(dossier.result_documents.get(), code="KQ-AAAA-BBBB-CCCC")
    signed = Pkcs12Source(directory=other).sign_pdf(pdf, agency=dossier.receiving_agency)
    verdict = verification.verify_pdf(signed)
    assert verdict.status == verification.UNTRUSTED
    assert "không thuộc cơ quan được tin cậy" in verdict.message
    # The service keeps nothing signed by a key it would not trust itself.
    settings.RESULT_SIGNING_DIR = other
    with pytest.raises(RuntimeError):
        sign_dossier_results(dossier, Pkcs12Source(directory=other))
    assert not SignedResult.objects.exists()


def test_unsigned_and_unreadable_files(keys):
    assert verification.verify_pdf(b"not a pdf at all").status == verification.UNREADABLE
    from motcua.dossiers.printouts.pdf import render_pdf

    plain = render_pdf("<p>Không ký</p>", size="A4")
    assert verification.verify_pdf(plain).status == verification.UNSIGNED


def test_unknown_and_malformed_codes_find_nothing(world, keys):
    assert selectors.by_code("KQ-AAAA-BBBB-CCCC") is None
    assert selectors.by_code("'; drop table") is None
    dossier = decided(world)
    (result,) = sign_dossier_results(dossier, Pkcs12Source())
    assert selectors.by_code(result.code.lower()) == result


def test_the_national_portal_sync_links_the_signed_file_publicly(world, keys, client):
    """What DongBoHoSoMC sends after signing (the `dossier.result_sign` event's moment): the
    result's MaKetQua and the public link to the signed file, which opens without signing in."""
    from django.conf import settings

    from motcua.integrations.national_portal import payloads
    from motcua.integrations.national_portal.sync import EVENT_TYPES

    assert "dossier.result_sign" in EVENT_TYPES
    dossier = decided(world)
    (result,) = sign_dossier_results(dossier, Pkcs12Source())
    event = OutboxEvent.objects.get(dossier=dossier, type="dossier.result_sign")
    header = payloads.dossier_sync(dossier, status=9, at=event.created_at, codes=("1.1", "1.1"))
    (sent,) = header["DanhSachGiayToKetQua"]
    assert sent["MaKetQua"] == "15/GPXD"
    link = sent["DuongDanTepTinKetQua"]
    assert link.startswith(settings.SITE_URL.rstrip("/") + f"/ket-qua/{result.code}/")
    assert "/can-bo/" not in link  # not the office's file view, closed to outsiders
    response = client.get(link.removeprefix(settings.SITE_URL.rstrip("/")))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == result.file.file.open("rb").read()
