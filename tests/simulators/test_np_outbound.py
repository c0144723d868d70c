"""The outbound side of the national portal simulator, driven over HTTP as the adapter would."""

import httpx
from np_client import PortalClient, dossier, line


def test_sign_in_gives_a_session_and_refuses_bad_credentials_or_province(national_portal_sim):
    client = PortalClient(national_portal_sim)
    assert client.sign_in(password="sai")["error_code"] == 1
    assert client.session is None
    other = PortalClient(national_portal_sim, dstcode="H01")
    refused = other.sign_in()
    assert refused["error_code"] == 1 and "dstcode" in refused["message"]
    answer = client.sign_in()
    assert answer["error_code"] == 0 and len(answer["session"]) > 20


def test_a_call_without_a_live_session_answers_minus_one(national_portal_sim):
    client = PortalClient(national_portal_sim)
    client.session = "khong-co"
    assert client.sync(dossier()) == {"error_code": -1, "message": "phiên hết hạn"}
    assert client.sign_in()["error_code"] == 0
    assert client.sync(dossier())["error_code"] == 0
    # Sessions expire: all of them at once from the control API, or by their lifetime.
    national_portal_sim.control("POST", "sessions/expire")
    assert client.sync(dossier())["error_code"] == -1


def test_sessions_expire_after_their_lifetime(national_portal_sim):
    national_portal_sim.configure(session_ttl=1)
    client = PortalClient(national_portal_sim)
    client.sign_in()
    assert client.sync(dossier())["error_code"] == 0
    import time

    time.sleep(1.2)
    assert client.sync(dossier())["error_code"] == -1


def test_dossier_sync_is_kept_and_repeatable(portal, national_portal_sim):
    first = portal.sync(dossier())
    assert first["error_code"] == 0 and first["MaHoSoQG"].startswith("G22.98-")
    again = portal.sync(dossier(isUpdating=True, TrangThaiHoSo=4))
    assert again == first
    held = national_portal_sim.dossier("000.01.40.H26-261203-0001")
    assert held["times_synced"] == 2
    assert held["TrangThai"] == 4
    assert [s["TrangThaiHoSo"] for s in held["syncs"]] == [2, 4]
    assert [s["isUpdating"] for s in held["syncs"]] == [False, True]


def test_progress_lines_are_kept_once_per_ma_tien_do_in_arrival_order(portal, national_portal_sim):
    code = "000.01.40.H26-261203-0001"
    portal.sync(dossier(code))
    assert portal.progress(line(code, 4, "11")) == {"error_code": 0}
    assert portal.progress(line(code, 5, "12")) == {"error_code": 0}
    assert portal.progress(line(code, 4, "11")) == {"error_code": 0}  # a repeat
    held = national_portal_sim.dossier(code)
    assert [(t["MaTienDo"], t["TrangThai"], t["times_received"]) for t in held["TienDo"]] == [
        ("11", 4, 2),
        ("12", 5, 1),
    ]
    assert held["TrangThai"] == 5
    assert national_portal_sim.figures()["progress_repeats"] == 1


def test_a_progress_line_for_an_unsynced_dossier_is_refused_with_4(portal, national_portal_sim):
    answer = portal.progress(line("000.01.40.H26-261203-0099", 4, "1"))
    assert answer["error_code"] == 4
    assert national_portal_sim.dossiers() == []


def test_nothing_leaves_a_final_state_and_9_only_goes_to_10(portal, national_portal_sim):
    code = "000.01.40.H26-261203-0002"
    portal.sync(dossier(code))
    assert portal.progress(line(code, 9, "a"))["error_code"] == 0
    refused = portal.progress(line(code, 4, "b"))
    assert refused["error_code"] == 2 and refused["message"].startswith("Trạng thái không hợp lệ")
    assert portal.progress(line(code, 10, "c"))["error_code"] == 0
    for status in (4, 9, 7):
        assert portal.progress(line(code, status, f"d{status}"))["error_code"] == 2
    # A header sync may not move it either; the same final state again is harmless.
    assert portal.sync(dossier(code, status=4, isUpdating=True))["error_code"] == 2
    assert portal.sync(dossier(code, status=10, isUpdating=True))["error_code"] == 0
    # A repeat of an accepted line is still answered 0.
    assert portal.progress(line(code, 9, "a"))["error_code"] == 0
    held = national_portal_sim.dossier(code)
    assert [t["MaTienDo"] for t in held["TienDo"]] == ["a", "c"]
    for final in (3, 7, 8):
        other = f"000.01.40.H26-261203-01{final:02d}"
        portal.sync(dossier(other))
        assert portal.progress(line(other, final, "x"))["error_code"] == 0
        assert portal.progress(line(other, 4, "y"))["error_code"] == 2


def test_tra_cuu_ho_so_answers_what_is_held(portal):
    code = "000.01.40.H26-261203-0003"
    assert portal.share("TraCuuHoSo", {"MaHoSo": code})["error_code"] == 1
    portal.sync(dossier(code, TrichYeuHoSo="Khai sinh cho con"))
    portal.progress(line(code, 4, "1"))
    portal.progress(line(code, 9, "2", NgayKetThucTheoQuyDinh="20261204093000"))
    answer = portal.share("TraCuuHoSo", {"MaHoSo": code})
    assert answer["error_code"] == 0
    assert answer["data"]["TrichYeuHoSo"] == "Khai sinh cho con"
    assert [t["TrangThai"] for t in answer["data"]["TienDo"]] == [4, 9]
    assert answer["data"]["TienDo"][1]["NgayKetThucTheoQuyDinh"] == "20261204093000"


def test_bad_calls_get_an_answer_not_a_crash(portal, national_portal_sim):
    assert portal.sync({"TrangThaiHoSo": 2})["error_code"] == 1
    assert portal.sync(dossier(status=11))["error_code"] == 1
    assert portal.progress(line(ma_tien_do=""))["error_code"] == 1
    assert portal.call("integration", "TraCuuHoSo", {"MaHoSo": "x"})["error_code"] == 1
    assert portal.call("share", "KhongCo", {})["error_code"] == 1
    response = httpx.post(national_portal_sim.api_url + "/integration", content=b"{not json")
    assert response.status_code == 400 and response.json()["error_code"] == 1


def test_figures_share_synced_and_on_time(portal, national_portal_sim):
    portal.sync(
        dossier("A-1", status=10, NgayHenTra="20261204093000", NgayKetThucXuLy="20261204080000")
    )
    portal.sync(
        dossier("A-2", status=10, NgayHenTra="20261204093000", NgayKetThucXuLy="20261204093000")
    )
    portal.sync(
        dossier("A-3", status=9, NgayHenTra="20261204093000", NgayKetThucXuLy="20261205080000")
    )
    portal.sync(dossier("A-4", status=4))
    figures = national_portal_sim.figures()
    assert figures["dossiers_held"] == 4
    assert (figures["finished"], figures["on_time"], figures["late"]) == (3, 2, 1)
    assert figures["on_time_share"] == round(2 / 3, 4)
    assert national_portal_sim.dossier("A-3")["on_time"] is False
    assert national_portal_sim.dossier("A-4")["on_time"] is None
    page = httpx.get(national_portal_sim.url + "/ho-so/A-1/").text
    assert "Đã trả kết quả" in page and "04/12/2026 09:30" in page and "đúng hạn" in page
