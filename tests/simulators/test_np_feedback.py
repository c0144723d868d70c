"""The national portal simulator's "-like" calls of ratings and complaints, driven over HTTP as
the adapter would: kept once per id, never back a step, a rating only of a dossier it holds,
dropped on command; the complaints citizens send on it, listed after a cursor."""

from np_client import dossier

CODE = "000.01.40.H26-261203-0001"


def rating(**extra):
    return {
        "MaDanhGia": "17",
        "MaHoSo": CODE,
        "MaTTHC": "1.001193",
        "MucDoHaiLong": 2,
        "DiemTieuChi": [{"MaTieuChi": "TC1", "Diem": 5}, {"MaTieuChi": "TC4", "Diem": 2}],
        "YKien": "Hơi chậm.",
        **extra,
    }


def complaint(status, **extra):
    return {
        "MaPAKN": "PA261203ABCDEF",
        "LoaiPAKN": 1,
        "TieuDe": "Hướng dẫn không rõ",
        "NoiDung": "Thiếu mẫu đơn.",
        "NgayTiepNhan": "20261203090000",
        "TrangThaiPAKN": status,
        **extra,
    }


def test_a_rating_of_a_synced_dossier_is_kept_once(portal, national_portal_sim):
    unknown = portal.call("integration", "DongBoDanhGiaHaiLongMC", rating())
    assert unknown["error_code"] == 4
    portal.sync(dossier(CODE))
    assert portal.call("integration", "DongBoDanhGiaHaiLongMC", rating())["error_code"] == 0
    assert portal.call("integration", "DongBoDanhGiaHaiLongMC", rating())["error_code"] == 0
    bad = portal.call("integration", "DongBoDanhGiaHaiLongMC", rating(MucDoHaiLong=7))
    assert bad["error_code"] == 1 and "MucDoHaiLong" in bad["message"]
    [held] = national_portal_sim.feedback("rating")
    assert held["times_received"] == 2 and held["status_name"] == "Hài lòng"
    found = portal.share("TraCuuDanhGiaHaiLong", {"MaDanhGia": "17"})
    assert found["data"]["YKien"] == "Hơi chậm."
    assert portal.share("TraCuuDanhGiaHaiLong", {"MaDanhGia": "99"})["error_code"] == 1


def test_a_complaint_never_goes_back_a_step_and_a_drop_keeps_nothing(portal, national_portal_sim):
    national_portal_sim.set_fault("drop")
    assert portal.call("integration", "DongBoPhanAnhKienNghiMC", complaint(1))["error_code"] == 0
    assert national_portal_sim.feedback("complaint") == []
    national_portal_sim.clear_faults()
    for status in (1, 2, 5):
        answer = portal.call("integration", "DongBoPhanAnhKienNghiMC", complaint(status))
        assert answer["error_code"] == 0
    back = portal.call("integration", "DongBoPhanAnhKienNghiMC", complaint(2))
    assert back["error_code"] == 2
    assert portal.call("integration", "DongBoPhanAnhKienNghiMC", complaint(6))["error_code"] == 0
    [held] = national_portal_sim.feedback("complaint")
    assert held["status"] == 6 and held["times_received"] == 4
    page = national_portal_sim.http.get(national_portal_sim.url + "/phan-anh-danh-gia/")
    assert "PA261203ABCDEF" in page.text and "Đã công khai" in page.text


def test_complaints_sent_on_the_portal_are_listed_after_a_cursor(portal, national_portal_sim):
    first = national_portal_sim.send_complaint(
        HoTen="Lê Thị Hoa", TieuDe="Một", NoiDung="…", MaTTHC="1.001193"
    )
    national_portal_sim.send_complaint(HoTen="Lê Thị Hoa", TieuDe="Hai", NoiDung="…", MaHoSo=CODE)
    missing = national_portal_sim.control("POST", "complaints", {"HoTen": "X", "NoiDung": "…"})
    assert missing.status_code == 400 and missing.json()["field"] == "TieuDe"
    page = portal.share("LayDanhSachPAKNMoi", {"Cursor": ""})
    assert [c["TieuDe"] for c in page["data"]] == ["Một", "Hai"]
    assert page["data"][0]["MaPAKN"] == first["MaPAKN"]
    after = portal.share("LayDanhSachPAKNMoi", {"Cursor": page["Cursor"]})
    assert after["data"] == [] and after["Cursor"] == page["Cursor"]


def test_a_citizen_sends_a_complaint_from_the_front(national_portal_sim):
    http = national_portal_sim.http
    url = national_portal_sim.url + "/phan-anh-danh-gia/"
    form = http.get(url)
    token = form.cookies.get("csrftoken") or http.cookies.get("csrftoken")
    sent = http.post(
        url,
        data={
            "csrfmiddlewaretoken": token,
            "LoaiPAKN": "2",
            "HoTen": "Lê Thị Hoa",
            "TieuDe": "Nên nhận bản vẽ PDF",
            "NoiDung": "Đề nghị nhận bản vẽ dạng PDF.",
            "MaTTHC": "1.001193",
        },
        headers={"Referer": url},
        follow_redirects=True,
    )
    assert sent.status_code == 200 and "Đã gửi phản ánh, kiến nghị PAKN-" in sent.text
    [held] = national_portal_sim.complaints()
    assert held["LoaiPAKN"] == 2 and held["TieuDe"] == "Nên nhận bản vẽ PDF"
