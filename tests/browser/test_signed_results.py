"""An applicant receives a signed result and verifies it on the public page; the same PDF with
one byte changed fails verification with a clear message (issue 12)."""

import threading

import pytest
from browser_helpers import check_a11y
from django.urls import reverse

from motcua.dossiers.choices import ReturnChannel
from motcua.events.services import run_deliveries
from motcua.integrations.signing import demo_ca, sync
from motcua.results.models import SignedResult

pytestmark = pytest.mark.browser


@pytest.fixture
def signing(settings, tmp_path):
    settings.RESULT_SIGNING_SOURCE = "pkcs12"
    settings.RESULT_SIGNING_DIR = tmp_path / "signing"
    settings.RESULT_SIGNING_DEMO_CA = True
    settings.RESULT_SIGNING_PKCS12_PASSPHRASE = "mat-khau-thu"
    settings.RESULT_TRUST_ROOTS = [str(tmp_path / "signing" / "demo-ca.pem")]
    demo_ca.ensure_ca(settings.RESULT_SIGNING_DIR)
    sync.register_all()
    yield
    sync.unregister_all()


def test_an_applicant_downloads_a_signed_result_and_verifies_it(
    live_server, page, world, signing, tmp_path
):
    from motcua.results.tests.conftest import decided

    dossier = decided(world, return_channel=ReturnChannel.ONLINE)
    # The worker signs the decided result; in its own thread, as the worker runs outside
    # Playwright's event loop (pyHanko runs one of its own).
    worker = threading.Thread(target=run_deliveries)
    worker.start()
    worker.join()
    result = SignedResult.objects.get(dossier=dossier)

    page.goto(live_server.url + reverse("portal:track"))
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_label("Mã tra cứu").fill(dossier.secret)
    page.get_by_role("button", name="Tra cứu").click()
    check_a11y(page, "tracking with a signed result")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"Tải về {result.file.original_name}").click()
    signed = tmp_path / "ket-qua.pdf"
    info.value.save_as(signed)
    data = signed.read_bytes()
    assert data.startswith(b"%PDF") and data == result.file.file.open("rb").read()

    page.goto(live_server.url + reverse("portal:verify_result"))
    check_a11y(page, "verification page")
    page.get_by_label("Tệp PDF của văn bản kết quả").set_input_files(str(signed))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    assert page.get_by_role("heading", name="Văn bản hợp lệ").is_visible()
    assert page.get_by_text("15/GPXD").is_visible()
    check_a11y(page, "verification: valid")

    altered = bytearray(data)
    altered[altered.index(b"stream") + 20] ^= 0x01
    changed = tmp_path / "ket-qua-da-sua.pdf"
    changed.write_bytes(bytes(altered))
    page.get_by_label("Tệp PDF của văn bản kết quả").set_input_files(str(changed))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    assert page.get_by_role("heading", name="Văn bản không xác thực được").is_visible()
    assert page.get_by_text("Văn bản đã bị sửa đổi sau khi ký").is_visible()
    check_a11y(page, "verification: altered")

    # The QR code's address: the code printed on the result.
    page.goto(live_server.url + reverse("portal:verify_result") + f"?ma={result.code}")
    assert page.get_by_role("heading", name="Văn bản hợp lệ").is_visible()
    page.get_by_label("Mã xác thực (ví dụ KQ-ABCD-EFGH-JKLM)").fill("KQ-AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Kiểm tra mã").click()
    assert page.get_by_text("Không tìm thấy kết quả nào có mã xác thực này").is_visible()
