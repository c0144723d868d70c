"""The public verification page and API, and the applicant's download of the signed result."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.dossiers.choices import ReturnChannel
from motcua.integrations.signing.sources import Pkcs12Source
from motcua.integrations.signing.sync import sign_dossier_results
from motcua.results.tests.conftest import decided

pytestmark = pytest.mark.django_db
PAGE = "/xac-thuc-ket-qua/"
API = "/api/v1/results/verify"


@pytest.fixture
def signed(world, keys):
    dossier = decided(world, return_channel=ReturnChannel.ONLINE)
    (result,) = sign_dossier_results(dossier, Pkcs12Source())
    result.data = result.file.file.open("rb").read()
    result.secret = dossier.secret
    return result


def _altered(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[changed.index(b"stream") + 20] ^= 0x01
    return bytes(changed)


def test_the_page_verifies_by_code_and_tells_what_the_result_shows(client, signed):
    page = client.get(PAGE, {"ma": signed.code.lower()}).content.decode()
    assert "Văn bản hợp lệ" in page and "không bị sửa đổi" in page
    assert "15/GPXD" in page and "Hà Nội" in page
    assert signed.dossier.applicant_name not in page  # nothing personal beyond the document


def test_the_page_tells_an_unknown_code(client, keys):
    page = client.get(PAGE, {"ma": "KQ-AAAA-BBBB-CCCC"}).content.decode()
    assert "Không tìm thấy kết quả nào có mã xác thực này" in page


def test_an_uploaded_pdf_altered_by_one_byte_fails(client, signed):
    good = client.post(PAGE, {"file": SimpleUploadedFile("kq.pdf", signed.data)})
    assert "Văn bản hợp lệ" in good.content.decode()
    bad = client.post(PAGE, {"file": SimpleUploadedFile("kq.pdf", _altered(signed.data))})
    text = bad.content.decode()
    assert bad.status_code == 200 and "Văn bản đã bị sửa đổi sau khi ký" in text
    assert "Văn bản hợp lệ" not in text


def test_uploads_that_are_not_pdfs_or_too_large_are_refused_by_field(client, signed, settings):
    not_pdf = client.post(PAGE, {"file": SimpleUploadedFile("kq.pdf", b"GIF89a" + b"x" * 100)})
    assert not_pdf.status_code == 400 and "chỉ nhận tệp PDF" in not_pdf.content.decode()
    settings.RESULT_VERIFY_MAX_BYTES = 1024
    big = client.post(PAGE, {"file": SimpleUploadedFile("kq.pdf", signed.data)})
    assert big.status_code == 400 and "Tệp quá lớn" in big.content.decode()
    api = client.post(API, {"file": SimpleUploadedFile("kq.pdf", signed.data)})
    assert api.status_code == 400 and api.json()["errors"][0]["field"] == "file"


def test_the_api_by_code_and_by_file(client, signed):
    answer = client.get(API, {"code": signed.code}).json()
    assert answer["valid"] is True and answer["status"] == "valid"
    assert answer["result"]["number"] == "15/GPXD" and answer["result"]["code"] == signed.code
    assert signed.dossier.applicant_name not in str(answer)
    unknown = client.get(API, {"code": "KQ-AAAA-BBBB-CCCC"}).json()
    assert unknown["status"] == "unknown_code" and unknown["result"] is None
    altered = client.post(API, {"file": SimpleUploadedFile("kq.pdf", _altered(signed.data))})
    assert altered.status_code == 200 and altered.json()["status"] == "altered"
    assert client.get(API, {"code": ""}).status_code == 400


def test_the_applicant_downloads_the_signed_pdf_and_nobody_else(signed, world):
    dossier = signed.dossier
    url = reverse("portal:track_result_file", args=[dossier.code, signed.document_id])
    owner = Client()
    owner.post(reverse("portal:track"), {"code": dossier.code, "secret": signed.secret})
    page = owner.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    assert url in page
    response = owner.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == signed.data
    # Another citizen, with their own dossier looked up, asks for this one's file by URL.
    other = decided(world, number="16/GPXD", return_channel=ReturnChannel.ONLINE)
    stranger = Client()
    stranger.post(reverse("portal:track"), {"code": other.code, "secret": other.secret})
    refused = stranger.get(url)
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("portal:track"))
    # Their own dossier's address with this document's id: not theirs, not found.
    crossed = reverse("portal:track_result_file", args=[other.code, signed.document_id])
    assert stranger.get(crossed).status_code == 404


def test_a_signed_in_citizen_gets_their_own_result_and_not_anothers(signed, world):
    from motcua.accounts.tests.factories import UserFactory
    from motcua.dossiers.models import Dossier
    from motcua.portal.tests.test_signin import sign_in

    owner = UserFactory(username="chu-ho-so")
    UserFactory(username="nguoi-khac")
    Dossier.objects.filter(pk=signed.dossier_id).update(owner=owner)
    url = reverse("portal:track_result_file", args=[signed.dossier.code, signed.document_id])
    mine = Client()
    sign_in(mine, "chu-ho-so")
    listing = mine.get(reverse("portal:my_dossiers")).content.decode()
    assert reverse("portal:track_detail", args=[signed.dossier.code]) in listing
    assert b"".join(mine.get(url).streaming_content) == signed.data
    other = Client()
    sign_in(other, "nguoi-khac")
    refused = other.get(url)
    assert refused.status_code == 302 and refused["Location"].startswith(reverse("portal:track"))
    answer = other.get("/api/v1/dossiers/" + signed.dossier.code)
    assert answer.status_code in (401, 403, 404)
