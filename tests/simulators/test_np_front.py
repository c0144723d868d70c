"""The citizen front, used as a citizen would: find a procedure, fill its e-form, attach a
file, submit; the dossier is pushed and its page shows the answer."""

import json
import re

import httpx
import pytest
from np_client import Receiver, detail

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def receiver(national_portal_sim):
    receiver = Receiver(answer={"error_code": 0, "MaHoSo": "000.01.40.H26-261203-0042"})
    national_portal_sim.configure(motcua_url=receiver.url)
    yield receiver
    receiver.close()


def with_eform():
    record = detail()
    record["eform_schema"] = {
        "type": "object",
        "title": "Tờ khai đăng ký khai sinh",
        "properties": {
            "ho_ten": {"type": "string", "title": "Họ, chữ đệm và tên"},
            "so_ban": {"type": "integer", "title": "Số bản sao"},
            "cam_doan": {"type": "boolean", "title": "Tôi cam đoan"},
        },
        "required": ["ho_ten", "cam_doan"],
    }
    return record


def test_a_citizen_finds_fills_attaches_and_submits(national_portal_sim, receiver):
    national_portal_sim.load_catalog([with_eform(), detail("2.000001", "Cấp giấy phép xây dựng")])
    with httpx.Client(base_url=national_portal_sim.url, follow_redirects=True) as browser:
        found = browser.get("/", params={"q": "khai sinh"}).text
        assert "Đăng ký khai sinh" in found and "Cấp giấy phép xây dựng" not in found
        page = browser.get("/thu-tuc/1.001193/")
        assert "Tờ khai đăng ký khai sinh" in page.text and "Tôi cam đoan" in page.text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        form = {
            "csrfmiddlewaretoken": token,
            "case": "TH1",
            "HoVaTen": "Trần Văn Bình",
            "SoDinhDanh": "001090000001",
            "vneid": "0",
            "agency": "000.01.40.H26",
            "f_ho_ten": "Trần Minh Châu",
            "f_so_ban": "2",
        }
        missing = browser.post(
            "/thu-tuc/1.001193/",
            data=form,
            files={"doc_0": ("to-khai.pdf", PDF, "application/pdf")},
        )
        assert missing.status_code == 400 and "Tôi cam đoan: cần đánh dấu." in missing.text
        assert receiver.requests == []
        done = browser.post(
            "/thu-tuc/1.001193/",
            data={**form, "f_cam_doan": "on"},
            files={"doc_0": ("to-khai.pdf", PDF, "application/pdf")},
        )
    assert done.status_code == 200
    (request,) = receiver.requests
    body = json.loads(request["body"])
    assert body["DuLieuBieuMau"] == {"ho_ten": "Trần Minh Châu", "so_ban": 2, "cam_doan": True}
    assert body["TaiKhoanDuocXacThucVoiVNeID"] == 0
    assert body["ThongTinNguoiNop"]["HoVaTen"] == "Trần Văn Bình"
    assert body["ThanhPhanHoSo"][0]["MaThanhPhanHoSo"] == "TK01"
    assert f"/ho-so/{body['MaHoSoQG']}/" in str(done.url)
    assert (
        "Hệ thống của tỉnh đã nhận hồ sơ, mã hồ sơ: <strong>000.01.40.H26-261203-0042" in done.text
    )
    assert "chưa xác thực VNeID" in done.text


def test_the_pages_answer_in_vietnamese(national_portal_sim):
    national_portal_sim.load_catalog([detail()])
    for path in ("/", "/ho-so/", "/control/", "/thu-tuc/1.001193/"):
        response = httpx.get(national_portal_sim.url + path)
        assert response.status_code == 200 and '<html lang="vi">' in response.text
    assert httpx.get(national_portal_sim.url + "/thu-tuc/9.9/").status_code == 404
    assert httpx.get(national_portal_sim.url + "/ho-so/khong-co/").status_code == 404


def test_the_control_page_switches_faults_and_changes_the_catalog(national_portal_sim, portal):
    national_portal_sim.load_catalog([detail()])
    with httpx.Client(base_url=national_portal_sim.url, follow_redirects=True) as browser:
        page = browser.get("/control/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        shown = browser.post(
            "/control/faults/", data={"csrfmiddlewaretoken": token, "fault": "drop", "share": "0,5"}
        )
        assert "Báo thành công nhưng không lưu gì" in shown.text
        assert [(f["fault"], f["share"]) for f in national_portal_sim.faults()] == [("drop", 0.5)]
        browser.post("/control/faults/", data={"csrfmiddlewaretoken": token, "action": "clear"})
        assert national_portal_sim.faults() == []
        browser.post(
            "/control/catalog/",
            data={"csrfmiddlewaretoken": token, "code": "1.001193", "time_limit": "7"},
        )
    record = portal.share("LayThuTuc", {"maTTHC": "1.001193"})["data"]
    assert record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] == 7
