"""The dossier sync and the progress lines, field by field, from a dossier's real life."""

from datetime import date

import pytest

from motcua.dossiers import services
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.tests.fixtures import approve_with_permit, pdf, received, tracking, vn
from motcua.events.models import OutboxEvent
from motcua.integrations.national_portal import mapping, payloads, sync


@pytest.fixture
def mapped(world):
    mapping.load_defaults()
    return world


def test_default_mappings_cover_every_status_and_channel_and_the_procedure(mapped):
    national, service = mapping.procedure_codes(mapped.procedure.pk)
    assert national == mapped.procedure.code[:8] and service == mapped.procedure.code
    assert mapping.status_code("processing") == 4
    assert mapping.status_code("paused", "financial") == 6
    assert mapping.status_code("paused", "supplement") == 5
    assert mapping.event_status_code("receive", "processing", None) == 2
    assert mapping.channel_code("post") == 3 and mapping.channel_code("national_portal") == 2


def test_an_administrator_overrides_a_status_and_it_is_audited(mapped):
    from motcua.events.models import ReferenceAuditEvent

    mapped.leader.is_superuser = True
    mapping.set_status_mapping("paused:applicant_request", actor=mapped.leader, national_code=4)
    assert mapping.status_code("paused", "applicant_request") == 4
    audit = ReferenceAuditEvent.objects.order_by("-seq").first()
    assert audit.subject_key == "status:paused:applicant_request"
    assert audit.data == {"before": 5, "after": 4}


def test_only_a_system_administrator_edits_the_mappings(mapped):
    from motcua.dossiers.errors import NotAllowed

    with pytest.raises(NotAllowed):
        mapping.set_channel_mapping("post", actor=mapped.leader, national_code=1)


def test_the_whole_dossier_sync_field_by_field(mapped):
    dossier = received(mapped)
    services.pause_dossier(
        dossier,
        actor=mapped.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ"],
        now=vn(2026, 3, 4, 10),
    )
    dossier.refresh_from_db()
    services.provide_supplement(
        dossier, files=[pdf("ban-ve.pdf")], proof=tracking(dossier), now=vn(2026, 3, 6, 10)
    )
    dossier.refresh_from_db()
    services.forward_dossier(dossier, actor=mapped.specialist, now=vn(2026, 3, 10, 15))
    dossier = approve_with_permit(
        mapped, dossier, number="12/GPXD", signed_on=date(2026, 3, 11), now=vn(2026, 3, 11, 9)
    )
    services.return_result(
        dossier,
        actor=mapped.returner,
        channel="counter",
        collected_by_name="Trần Thị Bích Ngọc",
        collected_by_id_number="001190012345",
        now=vn(2026, 3, 12, 9),
    )
    dossier = sync._dossier(dossier.pk)
    codes = mapping.procedure_codes(dossier.procedure_id)
    data = payloads.dossier_sync(dossier, status=10, at=vn(2026, 3, 12, 9), codes=codes)
    assert data["MaHoSo"] == dossier.code
    assert data["MaTTHC"] == codes[0] and data["MaDichVuCong"] == codes[1]
    assert data["TenTTHC"] == "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    assert data["KenhThucHien"] == 2
    assert data["ChuHoSo"] == "Trần Thị Bích Ngọc" and data["LoaiDoiTuong"] == 1
    assert data["NgayNop"] == "20260302090000"
    assert data["NgayTiepNhan"] == "20260302100000"
    assert data["NgayHenTra"] == payloads.portal_time(dossier.due_at)
    assert data["NgayKetThucXuLy"] == "20260311090000"
    assert data["NgayTra"] == "20260312090000"
    assert data["TrangThaiHoSo"] == 10
    assert data["ThoiGianGiaiQuyet"] == 15 and data["DonViTinh"] == "Ngày làm việc"
    assert [doc["TenTepDinhKem"] for doc in data["TaiLieuNop"]] == [
        "Đơn đề nghị cấp giấy phép xây dựng",
        "Giấy chứng nhận quyền sử dụng đất",
    ]
    assert all(doc["DuocLayTuKhoDMQG"] == 0 for doc in data["TaiLieuNop"])
    assert data["TaiLieuNop"][0]["DuongDanTaiTepTin"].endswith(
        f"/ho-so/{dossier.code}/tep/{data['TaiLieuNop'][0]['TepDinhKemId']}/"
    )
    assert [r["MaKetQua"] for r in data["DanhSachGiayToKetQua"]] == ["12/GPXD"]
    assert data["DanhSachHoSoBoSung"] == [
        {
            "NgayYeuCau": "20260304100000",
            "NoiDungYeuCau": "Thiếu bản vẽ",
            "HanBoSung": payloads.portal_time(dossier.pauses.get().period_end_at),
            "NgayBoSung": "20260306100000",
        }
    ]
    assert data["TaiKhoanDuocXacThucVoiVNeID"] == 0
    assert data["DanhSachLePhi"] == [
        {"TenPhiLePhi": fee["name"], "MaPhiLePhi": fee["code"], "Gia": fee["amount"]}
        for fee in dossier.procedure_snapshot["fees"]
    ]

    # As it stood at the supplement request: nothing of what came later.
    earlier = payloads.dossier_sync(dossier, status=5, at=vn(2026, 3, 4, 10), codes=codes)
    assert earlier["NgayKetThucXuLy"] == earlier["NgayTra"] == ""
    assert earlier["DanhSachHoSoBoSung"][0]["NgayBoSung"] == ""


def test_progress_lines_say_who_did_what_in_which_step(mapped):
    from motcua.agencies.models import RoleGrant

    RoleGrant.objects.filter(user=mapped.specialist).update(title="Chuyên viên chính")
    dossier = received(mapped)
    services.forward_dossier(dossier, actor=mapped.specialist, now=vn(2026, 3, 3, 15))
    dossier = sync._dossier(dossier.pk)
    lines = {}
    for event in OutboxEvent.objects.filter(dossier=dossier).order_by("pk"):
        action = event.type.split(".", 1)[1]
        status = sync._event_status(dossier, event, action)
        lines[action] = payloads.progress_line(
            dossier, sync._act(dossier, event, action), status=status
        )
    receive = lines["receive"]
    assert receive["NguoiXuLy"] == "Lê Văn Tiếp"
    assert receive["ChucDanh"] == "Tiếp nhận hồ sơ"
    assert receive["TrangThai"] == 2
    assert receive["NoiDungXuLy"] == "Tiếp nhận"
    assert receive["ThoiDiemXuLy"] == "20260302100000"
    forward = lines["forward"]
    assert forward["NguoiXuLy"] == "Phạm Thu Hà" and forward["ChucDanh"] == "Chuyên viên chính"
    assert forward["TrangThai"] == 4
    assert forward["NoiDungXuLy"].startswith("Chuyển bước: Phê duyệt")
    step = dossier.steps.get(name="Phê duyệt")
    assert forward["PhongBanXuLy"] == step.unit.name
    assert forward["NgayBatDau"] == "20260303150000"
    assert forward["NgayKetThucTheoQuyDinh"] == payloads.portal_time(step.due_at)


def test_no_status_goes_backwards():
    assert sync.may_follow(None, 2) and sync.may_follow(4, 5) and sync.may_follow(5, 4)
    assert sync.may_follow(9, 10) and not sync.may_follow(9, 4)
    for final in (3, 7, 8, 10):
        assert not sync.may_follow(final, 4) and sync.may_follow(final, final)
