"""The national portal simulator's citizen front in a browser: a citizen submits a dossier with
a file; the push reaches a local receiver standing for Motcua; every page passes axe."""

import json
import sys
from pathlib import Path

import pytest
from browser_helpers import check_a11y, pdf_file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "simulators"))
from np_client import Receiver, detail  # noqa: E402

pytestmark = pytest.mark.browser


def test_a_citizen_submits_on_the_simulator(page, national_portal_sim):
    receiver = Receiver(answer={"error_code": 0, "MaHoSo": "000.01.40.H26-261203-0005"})
    try:
        national_portal_sim.configure(motcua_url=receiver.url)
        national_portal_sim.load_catalog([detail()])
        page.goto(national_portal_sim.url + "/")
        check_a11y(page, "home")
        page.get_by_label("Tìm thủ tục hành chính").fill("khai sinh")
        page.get_by_role("button", name="Tìm kiếm").click()
        page.get_by_role("link", name="Đăng ký khai sinh").click()
        check_a11y(page, "procedure")
        page.get_by_label("Chưa xác thực với VNeID").check()
        page.get_by_label("Trích yếu hồ sơ").fill("Đăng ký khai sinh cho con")
        page.get_by_label("Tờ khai (bắt buộc)").set_input_files(pdf_file("to-khai.pdf"))
        page.get_by_role("button", name="Nộp hồ sơ").click()
        page.wait_for_url("**/ho-so/G22.99-*/")
        assert "000.01.40.H26-261203-0005" in page.locator("#ket-qua-chuyen").inner_text()
        check_a11y(page, "dossier")
        (request,) = receiver.requests
        body = json.loads(request["body"])
        assert body["TaiKhoanDuocXacThucVoiVNeID"] == 0
        assert body["TrichYeuHoSo"] == "Đăng ký khai sinh cho con"
        assert body["ThanhPhanHoSo"][0]["GiayToDinhKem"][0]["TenTepTin"] == "to-khai.pdf"
        page.goto(national_portal_sim.url + "/control/")
        check_a11y(page, "control")
    finally:
        receiver.close()
