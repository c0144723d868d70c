"""The portal's side of the ratings and the complaints/petitions the province syncs: calls the
known protocol does not document, which Motcua and this simulator assume in the style of the
dossier calls (docs/integration.md, "Ratings, complaints and petitions")."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from simulators.kit import faults

from .models import Dossier, FeedbackRecord, PortalComplaint
from .store import Refusal, _code

# TrangThaiPAKN: 1 received, 2 being handled, 3 more asked, 4 refused, 5 answered, 6 published.
COMPLAINT_STATUSES = {
    1: "Đã tiếp nhận",
    2: "Đang xử lý",
    3: "Đề nghị bổ sung thông tin",
    4: "Từ chối tiếp nhận",
    5: "Đã trả lời",
    6: "Đã công khai",
}
OVERALL = {1: "Rất hài lòng", 2: "Hài lòng", 3: "Không hài lòng"}


def complaint_may_move(previous: int | None, new: int) -> bool:
    """Refused and published are final; an answer may only be published."""
    if previous is None or previous == new:
        return True
    if previous in (4, 6):
        return False
    if previous == 5:
        return new == 6
    return True


def _int(data: dict, key: str, allowed) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
        raise Refusal(1, f"{key} không hợp lệ: {value!r}.")
    return value


def _keep(kind: str, key: str, *, data: dict, madonvi: str, status, ma_ho_so: str) -> dict:
    now = timezone.now()
    with transaction.atomic():
        record = FeedbackRecord.objects.select_for_update().filter(kind=kind, key=key).first()
        if record is None:
            FeedbackRecord.objects.create(
                kind=kind,
                key=key,
                ma_ho_so=ma_ho_so,
                madonvi=madonvi,
                status=status,
                data=data,
                first_received_at=now,
                last_received_at=now,
            )
            return {"error_code": 0}
        if kind == FeedbackRecord.COMPLAINT and not complaint_may_move(record.status, status):
            raise Refusal(
                2,
                f"Trạng thái không hợp lệ: phản ánh đang ở trạng thái {record.status} "
                f"({COMPLAINT_STATUSES.get(record.status, '')}), không thể chuyển sang {status}.",
            )
        record.data, record.status, record.ma_ho_so = data, status, ma_ho_so
        record.madonvi = madonvi or record.madonvi
        record.last_received_at = now
        record.times_received += 1
        record.save()
    return {"error_code": 0, "_note": "repeat"}


def sync_rating(data: dict, madonvi: str) -> dict:
    key = _code(data, "MaDanhGia")
    ma_ho_so = _code(data, "MaHoSo")
    overall = _int(data, "MucDoHaiLong", OVERALL)
    scores = data.get("DiemTieuChi")
    if not isinstance(scores, list) or not scores:
        raise Refusal(1, "Thiếu DiemTieuChi.")
    for item in scores:
        if not isinstance(item, dict) or not isinstance(item.get("MaTieuChi"), str):
            raise Refusal(1, "Mỗi tiêu chí cần MaTieuChi và Diem.")
        _int(item, "Diem", range(1, 6))
    if not Dossier.objects.filter(ma_ho_so=ma_ho_so).exists():
        raise Refusal(4, f"Hồ sơ {ma_ho_so} chưa được đồng bộ (DongBoHoSoMC).")
    if faults.board().hits("drop"):
        return {"error_code": 0, "_note": "dropped"}
    return _keep(
        FeedbackRecord.RATING, key, data=data, madonvi=madonvi, status=overall, ma_ho_so=ma_ho_so
    )


def sync_complaint(data: dict, madonvi: str) -> dict:
    key = _code(data, "MaPAKN")
    status = _int(data, "TrangThaiPAKN", COMPLAINT_STATUSES)
    _int(data, "LoaiPAKN", (1, 2))
    _code(data, "TieuDe")
    _code(data, "NgayTiepNhan")
    if not isinstance(data.get("NoiDung"), str) or not data["NoiDung"].strip():
        raise Refusal(1, "Thiếu NoiDung.")
    ma_ho_so = data.get("MaHoSo") if isinstance(data.get("MaHoSo"), str) else ""
    if faults.board().hits("drop"):
        return {"error_code": 0, "_note": "dropped"}
    return _keep(
        FeedbackRecord.COMPLAINT, key, data=data, madonvi=madonvi, status=status, ma_ho_so=ma_ho_so
    )


def _look_up(kind: str, data: dict, key_name: str) -> dict:
    key = _code(data, key_name)
    record = FeedbackRecord.objects.filter(kind=kind, key=key).first()
    if record is None:
        raise Refusal(1, f"Không tìm thấy {key_name} {key}.")
    return {"error_code": 0, "data": record.data}


def lookup_rating(data: dict) -> dict:
    return _look_up(FeedbackRecord.RATING, data, "MaDanhGia")


def lookup_complaint(data: dict) -> dict:
    return _look_up(FeedbackRecord.COMPLAINT, data, "MaPAKN")


def summary(record: FeedbackRecord) -> dict:
    names = COMPLAINT_STATUSES if record.kind == FeedbackRecord.COMPLAINT else OVERALL
    return {
        "kind": record.kind,
        "key": record.key,
        "MaHoSo": record.ma_ho_so,
        "madonvi": record.madonvi,
        "status": record.status,
        "status_name": names.get(record.status, ""),
        "times_received": record.times_received,
        "first_received_at": record.first_received_at.isoformat(),
        "last_received_at": record.last_received_at.isoformat(),
        "data": record.data,
    }


# --- complaints sent on the portal, for the province to fetch --------------------------------

PAGE = 100
KINDS = (1, 2)


def add_complaint(body: dict) -> PortalComplaint:
    """A citizen's complaint or petition on the portal (the control API): MaPAKN given or made."""
    if not isinstance(body, dict):
        raise ValueError("body", "Nội dung phải là một đối tượng JSON.")
    for key in ("TieuDe", "NoiDung", "HoTen"):
        if not isinstance(body.get(key), str) or not body[key].strip():
            raise ValueError(key, f"Thiếu {key}.")
    if body.get("LoaiPAKN", 1) not in KINDS:
        raise ValueError("LoaiPAKN", "LoaiPAKN là 1 (phản ánh) hoặc 2 (kiến nghị).")
    if not body.get("MaHoSo") and not body.get("MaTTHC"):
        raise ValueError("MaTTHC", "Cần MaHoSo hoặc MaTTHC.")
    now = timezone.now()
    code = body.get("MaPAKN") or f"PAKN-{timezone.localtime(now):%y%m%d}-{secrets.token_hex(4)}"
    data = {
        "LoaiPAKN": 1,
        "SoDienThoai": "",
        "Email": "",
        "MaHoSo": "",
        "MaTTHC": "",
        **body,
        "MaPAKN": code,
        "NgayGui": body.get("NgayGui") or timezone.localtime(now).strftime("%Y%m%d%H%M%S"),
    }
    existing = PortalComplaint.objects.filter(ma_pakn=code).first()
    if existing is not None:
        return existing
    return PortalComplaint.objects.create(ma_pakn=code, body=data, created_at=now)


def list_new_complaints(data: dict) -> dict:
    """LayDanhSachPAKNMoi-like: the complaints after `Cursor` (oldest first, a page at most),
    with the cursor to ask from next."""
    raw = data.get("Cursor") or "0"
    try:
        after = int(raw)
    except (TypeError, ValueError):
        raise Refusal(1, f"Cursor không hợp lệ: {raw!r}.") from None
    page = list(PortalComplaint.objects.filter(id__gt=after).order_by("id")[:PAGE])
    for complaint in page:
        complaint.times_listed += 1
        complaint.save(update_fields=["times_listed"])
    cursor = str(page[-1].id) if page else str(after)
    return {"error_code": 0, "data": [c.body for c in page], "Cursor": cursor}


def complaint_summary(complaint: PortalComplaint) -> dict:
    synced = FeedbackRecord.objects.filter(
        kind=FeedbackRecord.COMPLAINT, data__MaPAKNQG=complaint.ma_pakn
    ).first()
    return {
        **complaint.body,
        "times_listed": complaint.times_listed,
        "created_at": complaint.created_at.isoformat(),
        "province_code": synced.key if synced else "",
        "province_status": COMPLAINT_STATUSES.get(synced.status, "") if synced else "",
        "province_answer": synced.data.get("NoiDungTraLoi", "") if synced else "",
    }
