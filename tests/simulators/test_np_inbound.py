"""The inbound side: a citizen's submission pushed, signed, to a local receiver standing for
Motcua; the poll and its cursor; the files and their hash; the push faults."""

import base64
import hashlib
import hmac
import json
import re
import time

import httpx
import pytest
from np_client import Receiver

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def receiver(national_portal_sim):
    receiver = Receiver(
        answer={"error_code": 0, "MaHoSoQG": "", "MaHoSo": "000.01.40.H26-261203-0007"}
    )
    national_portal_sim.configure(motcua_url=receiver.url)
    yield receiver
    receiver.close()


def submission(**extra):
    return {
        "MaTTHC": "1.001193",
        "MaDonViTiepNhan": "000.01.40.H26",
        "ThongTinNguoiNop": {"HoVaTen": "Nguyễn Thị Mai", "SoDinhDanh": "001190012345"},
        "VNeID": True,
        "DuLieuBieuMau": {"ho_ten": "Nguyễn Văn An"},
        "files": [
            {
                "MaThanhPhanHoSo": "TK01",
                "TenGiayTo": "Tờ khai",
                "name": "to-khai.pdf",
                "content_base64": base64.b64encode(PDF).decode(),
            },
        ],
        **extra,
    }


def test_a_submission_is_pushed_signed_and_the_answer_kept(national_portal_sim, receiver):
    answer = national_portal_sim.submit(**submission())
    assert re.fullmatch(r"G22\.99-\d{6}-\d{7}", answer["MaHoSoQG"])
    assert answer["push"] == {"status": 200, "answer": receiver.answer}
    (request,) = receiver.requests
    assert request["path"] == "/api/v1/national-portal/dossiers"
    stamp = request["headers"]["X-NP-Timestamp"]
    assert abs(int(stamp) - time.time()) < 60
    expected = hmac.new(
        national_portal_sim.inbound_secret.encode(),
        stamp.encode() + b"." + request["body"],
        hashlib.sha256,
    ).hexdigest()
    assert request["headers"]["X-NP-Signature"] == f"sha256={expected}"
    body = json.loads(request["body"])
    assert body["MaHoSoQG"] == answer["MaHoSoQG"]
    assert body["TaiKhoanDuocXacThucVoiVNeID"] == 1 and body["KenhThucHien"] == 2
    assert body["ThongTinNguoiNop"]["HoVaTen"] == "Nguyễn Thị Mai"
    assert body["DuLieuBieuMau"] == {"ho_ten": "Nguyễn Văn An"}
    assert re.fullmatch(r"\d{14}", body["NgayNop"])
    held = national_portal_sim.control("GET", f"submissions/{answer['MaHoSoQG']}").json()
    assert held["MaHoSo"] == "000.01.40.H26-261203-0007" and held["accepted"] is True


def test_the_signature_changes_with_the_secret(national_portal_sim, receiver):
    national_portal_sim.configure(inbound_secret="mot-bi-mat-khac")
    national_portal_sim.submit(**submission())
    request = receiver.requests[0]
    stamp = request["headers"]["X-NP-Timestamp"]
    good = hmac.new(b"mot-bi-mat-khac", stamp.encode() + b"." + request["body"], hashlib.sha256)
    assert request["headers"]["X-NP-Signature"] == "sha256=" + good.hexdigest()


def test_files_are_served_with_the_hash_the_dossier_gives(national_portal_sim, receiver):
    national_portal_sim.submit(**submission())
    body = json.loads(receiver.requests[0]["body"])
    (part,) = body["ThanhPhanHoSo"]
    assert part["MaThanhPhanHoSo"] == "TK01" and part["LoaiBan"] == 2
    (attached,) = part["GiayToDinhKem"]
    response = httpx.get(attached["DuongDan"])
    assert response.status_code == 200 and response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert attached["HashTepTin"] == "sha256:" + hashlib.sha256(response.content).hexdigest()
    assert httpx.get(national_portal_sim.url + "/files/khong-co").status_code == 404


def test_one_dossiers_file_links_can_be_taken_down_and_back(national_portal_sim, receiver):
    first = national_portal_sim.submit(**submission())["MaHoSoQG"]
    national_portal_sim.submit(**submission())
    links = [
        json.loads(request["body"])["ThanhPhanHoSo"][0]["GiayToDinhKem"][0]["DuongDan"]
        for request in receiver.requests
    ]
    path = f"submissions/{first}/files-down"
    assert national_portal_sim.control("POST", path, {"down": True}).status_code == 200
    assert [httpx.get(link).status_code for link in links] == [503, 200]
    assert national_portal_sim.control("POST", path, {"down": "yes"}).status_code == 400
    assert national_portal_sim.control("POST", "submissions/G0/files-down", {}).status_code == 404
    national_portal_sim.control("POST", path, {"down": False})
    assert [httpx.get(link).status_code for link in links] == [200, 200]


def test_wrong_hash_fault(national_portal_sim, receiver):
    national_portal_sim.set_fault("wrong_hash")
    national_portal_sim.submit(**submission())
    attached = json.loads(receiver.requests[0]["body"])["ThanhPhanHoSo"][0]["GiayToDinhKem"][0]
    content = httpx.get(attached["DuongDan"]).content
    assert attached["HashTepTin"] != "sha256:" + hashlib.sha256(content).hexdigest()


def test_push_twice_fault_delivers_the_same_dossier_twice(national_portal_sim, receiver):
    national_portal_sim.set_fault("push_twice")
    answer = national_portal_sim.submit(**submission())
    assert answer["push_count"] == 2
    first, second = (json.loads(r["body"]) for r in receiver.requests)
    assert first == second and first["MaHoSoQG"] == answer["MaHoSoQG"]


def test_no_push_fault_leaves_it_to_the_poll(national_portal_sim, receiver):
    national_portal_sim.set_fault("no_push")
    answer = national_portal_sim.submit(**submission())
    assert answer["push"] == {"status": None, "answer": None}
    assert receiver.requests == []


def test_a_refusal_and_an_outage_are_kept_as_answered(national_portal_sim, receiver):
    receiver.status = 422
    receiver.answer = {
        "error_code": 3,
        "TrangThaiHoSo": 3,
        "message": "Sai mã băm tệp.",
        "field": "x",
    }
    refused = national_portal_sim.submit(**submission())
    assert refused["push"]["status"] == 422
    assert (
        national_portal_sim.control("GET", f"submissions/{refused['MaHoSoQG']}").json()["accepted"]
        is False
    )
    page = httpx.get(f"{national_portal_sim.url}/ho-so/{refused['MaHoSoQG']}/").text
    assert "Không được tiếp nhận: Sai mã băm tệp." in page
    national_portal_sim.configure(motcua_url="http://127.0.0.1:9")
    unreachable = national_portal_sim.submit(**submission())
    assert unreachable["push"]["status"] is None
    # Pushed again by hand once Motcua is back.
    national_portal_sim.configure(motcua_url=receiver.url)
    receiver.status, receiver.answer = 200, {"error_code": 0, "MaHoSo": "Y-2"}
    again = national_portal_sim.control(
        "POST", f"submissions/{unreachable['MaHoSoQG']}/push"
    ).json()
    assert again["push"]["status"] == 200


def test_the_poll_gives_every_submission_once_with_its_cursor(
    national_portal_sim, receiver, portal
):
    national_portal_sim.set_fault("no_push", share=0.5)
    codes = [national_portal_sim.submit(**submission())["MaHoSoQG"] for _ in range(5)]
    first = portal.share("LayDanhSachHoSoMoi", {"Cursor": ""})
    assert first["error_code"] == 0
    assert [d["MaHoSoQG"] for d in first["data"]] == codes
    assert first["data"][0]["ThanhPhanHoSo"][0]["GiayToDinhKem"][0]["HashTepTin"].startswith(
        "sha256:"
    )
    empty = portal.share("LayDanhSachHoSoMoi", {"Cursor": first["Cursor"]})
    assert empty["data"] == [] and empty["Cursor"] == first["Cursor"]
    later = national_portal_sim.submit(**submission())["MaHoSoQG"]
    after = portal.share("LayDanhSachHoSoMoi", {"Cursor": first["Cursor"]})
    assert [d["MaHoSoQG"] for d in after["data"]] == [later]
    assert portal.share("LayDanhSachHoSoMoi", {"Cursor": "abc"})["error_code"] == 1


def test_the_province_answers_a_polled_dossier(national_portal_sim, receiver, portal):
    national_portal_sim.set_fault("no_push")
    code = national_portal_sim.submit(**submission())["MaHoSoQG"]
    reply = {"MaHoSoQG": code, "KetQua": 1, "MaHoSo": "000.01.40.H26-261203-0009", "LyDo": ""}
    assert portal.call("integration", "PhanHoiTiepNhanHoSo", reply)["error_code"] == 0
    assert (
        portal.call("integration", "PhanHoiTiepNhanHoSo", {**reply, "MaHoSoQG": "x"})["error_code"]
        == 1
    )
    held = national_portal_sim.control("GET", f"submissions/{code}").json()
    assert held["MaHoSo"] == "000.01.40.H26-261203-0009" and held["reply"]["KetQua"] == 1
    # Synced back by the province: the figures count it, the page shows its status and date.
    portal.sync(
        {
            "MaHoSo": "000.01.40.H26-261203-0009",
            "TrangThaiHoSo": 2,
            "NgayHenTra": "20261210163000",
            "isUpdating": False,
        }
    )
    figures = national_portal_sim.figures()
    assert (figures["submissions_received_by_province"], figures["submissions_synced"]) == (1, 1)
    assert figures["synced_share"] == 1.0
    page = httpx.get(f"{national_portal_sim.url}/ho-so/{code}/").text
    assert "Được tiếp nhận" in page and "10/12/2026 16:30" in page
    assert national_portal_sim.dossier("000.01.40.H26-261203-0009")["MaHoSoQG"] == code


def test_bad_submissions_are_field_errors(national_portal_sim):
    for body, field in (
        (submission(MaTTHC=""), "MaTTHC"),
        (submission(ThongTinNguoiNop={}), "ThongTinNguoiNop.HoVaTen"),
        (submission(files=[{"name": "a.pdf", "content_base64": "!!"}]), "files[0].content_base64"),
        (submission(files="x"), "files"),
    ):
        response = national_portal_sim.control("POST", "submissions", body)
        assert response.status_code == 400 and response.json()["field"] == field
    assert national_portal_sim.submissions() == []


def test_a_sync_naming_the_portals_code_is_linked_to_the_submission(
    national_portal_sim, receiver, portal
):
    national_portal_sim.set_fault("no_push")
    code = national_portal_sim.submit(**submission())["MaHoSoQG"]
    answer = portal.sync(
        {"MaHoSo": "000.01.40.H26-261203-0011", "MaHoSoQG": code, "TrangThaiHoSo": 1}
    )
    assert answer == {"error_code": 0, "MaHoSoQG": code}
    held = national_portal_sim.control("GET", f"submissions/{code}").json()
    assert held["MaHoSo"] == "000.01.40.H26-261203-0011"


def test_the_poll_gives_at_most_100_a_call(national_portal_sim, portal):
    codes = [national_portal_sim.submit(**submission(files=[]))["MaHoSoQG"] for _ in range(101)]
    first = portal.share("LayDanhSachHoSoMoi", {"Cursor": ""})
    assert [d["MaHoSoQG"] for d in first["data"]] == codes[:100]
    rest = portal.share("LayDanhSachHoSoMoi", {"Cursor": first["Cursor"]})
    assert [d["MaHoSoQG"] for d in rest["data"]] == codes[100:]


def test_a_refusal_by_poll_reply_is_shown_with_its_reason(national_portal_sim, portal):
    national_portal_sim.set_fault("no_push")
    code = national_portal_sim.submit(**submission())["MaHoSoQG"]
    reply = {"MaHoSoQG": code, "KetQua": 0, "MaHoSo": "", "LyDo": "Thủ tục không thuộc thẩm quyền."}
    assert portal.call("integration", "PhanHoiTiepNhanHoSo", reply)["error_code"] == 0
    page = httpx.get(f"{national_portal_sim.url}/ho-so/{code}/")
    assert page.status_code == 200
    assert "Không được tiếp nhận: Thủ tục không thuộc thẩm quyền." in page.text
