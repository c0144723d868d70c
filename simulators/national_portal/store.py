"""The portal's side of the outbound calls: dossier sync, progress, lookup, the figures."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from simulators.kit import faults

from . import codes, config
from .models import CallLog, Dossier, HeaderSync, ProgressLine, Session, Submission


class Refusal(Exception):
    def __init__(self, error_code: int, message: str):
        super().__init__(message)
        self.answer = {"error_code": error_code, "message": message}


# --- Sessions ---------------------------------------------------------------------------


def sign_in(data: dict, dstcode: str) -> dict:
    cfg = config.get()
    if faults.board().hits("refuse_auth"):
        return {"error_code": 1, "message": "Hệ thống từ chối cấp phiên làm việc (giả lập sự cố)."}
    if data.get("username") != cfg["username"] or data.get("password") != cfg["password"]:
        return {"error_code": 1, "message": "Sai tên đăng nhập hoặc mật khẩu."}
    if dstcode != cfg["province"]:
        return {"error_code": 1, "message": f"Mã đơn vị (dstcode) không hợp lệ: {dstcode!r}."}
    now = timezone.now()
    token = secrets.token_urlsafe(32)
    Session.objects.create(
        token=token,
        username=cfg["username"],
        dstcode=dstcode,
        created_at=now,
        expires_at=now + timedelta(seconds=cfg["session_ttl"]),
    )
    return {"error_code": 0, "session": token}


def session_valid(token) -> bool:
    if not isinstance(token, str) or not token:
        return False
    session = Session.objects.filter(token=token).first()
    if session is None or session.expires_at <= timezone.now():
        return False
    if faults.board().hits("expire_sessions"):
        session.delete()
        return False
    return True


def expire_all_sessions() -> int:
    return Session.objects.all().delete()[0]


# --- Dossier sync -----------------------------------------------------------------------


def _status(value, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
        raise Refusal(1, f"{key} phải là mã trạng thái từ 1 đến 10.")
    return value


def _code(data: dict, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise Refusal(1, f"Thiếu {key}.")
    if len(value) > 100:
        raise Refusal(1, f"{key} dài quá 100 ký tự.")
    return value.strip()


def _national_code_for(ma_ho_so: str, pk_hint: int, given=None) -> str:
    """The portal's code of a dossier: the one it was submitted under when it came from the
    portal (named in the sync, or known from the province's answer to the push or poll)."""
    if isinstance(given, str) and given:
        submission = Submission.objects.filter(ma_ho_so_qg=given).first()
        if submission:
            if not submission.ma_ho_so:
                submission.ma_ho_so = ma_ho_so
                submission.save(update_fields=["ma_ho_so"])
            return submission.ma_ho_so_qg
    submission = Submission.objects.filter(ma_ho_so=ma_ho_so).first()
    if submission:
        return submission.ma_ho_so_qg
    return f"G22.98-{timezone.localtime().strftime('%y%m%d')}-{pk_hint:07d}"


def sync_dossier(data: dict, madonvi: str) -> dict:
    ma_ho_so = _code(data, "MaHoSo")
    status = _status(data.get("TrangThaiHoSo"), "TrangThaiHoSo")
    if faults.board().hits("drop"):
        held = Dossier.objects.filter(ma_ho_so=ma_ho_so).first()
        code = held.ma_ho_so_qg if held else _national_code_for(ma_ho_so, 9_000_000)
        return {"error_code": 0, "MaHoSoQG": code, "_note": "dropped"}
    now = timezone.now()
    with transaction.atomic():
        dossier = Dossier.objects.filter(ma_ho_so=ma_ho_so).first()
        if dossier is not None and not codes.may_move(dossier.status, status):
            raise Refusal(
                2,
                f"Trạng thái không hợp lệ: hồ sơ đang ở trạng thái {dossier.status} "
                f"({codes.status_name(dossier.status)}), không thể chuyển sang {status}.",
            )
        if dossier is None:
            dossier = Dossier.objects.create(
                ma_ho_so=ma_ho_so,
                madonvi=madonvi,
                data=data,
                status=status,
                first_synced_at=now,
                last_synced_at=now,
                times_synced=1,
            )
            dossier.ma_ho_so_qg = _national_code_for(ma_ho_so, dossier.pk, data.get("MaHoSoQG"))
            dossier.save(update_fields=["ma_ho_so_qg"])
        else:
            dossier.data = data
            dossier.status = status
            dossier.madonvi = madonvi or dossier.madonvi
            dossier.last_synced_at = now
            dossier.times_synced += 1
            dossier.save()
        HeaderSync.objects.create(
            dossier=dossier,
            data=data,
            status=status,
            is_updating=bool(data.get("isUpdating")),
            received_at=now,
        )
    return {"error_code": 0, "MaHoSoQG": dossier.ma_ho_so_qg}


def add_progress(data: dict) -> dict:
    ma_ho_so = _code(data, "MaHoSo")
    ma_tien_do = data.get("MaTienDo")
    if isinstance(ma_tien_do, int) and not isinstance(ma_tien_do, bool):
        ma_tien_do = str(ma_tien_do)
    if not isinstance(ma_tien_do, str) or not ma_tien_do.strip() or len(ma_tien_do) > 200:
        raise Refusal(1, "Thiếu MaTienDo (mã định danh của lần cập nhật).")
    status = _status(data.get("TrangThai"), "TrangThai")
    if faults.board().hits("drop"):
        return {"error_code": 0, "_note": "dropped"}
    now = timezone.now()
    with transaction.atomic():
        dossier = Dossier.objects.filter(ma_ho_so=ma_ho_so).first()
        if dossier is None:
            raise Refusal(4, f"Hồ sơ {ma_ho_so} chưa được đồng bộ (DongBoHoSoMC).")
        line = ProgressLine.objects.filter(dossier=dossier, ma_tien_do=ma_tien_do).first()
        if line is not None:
            line.times_received += 1
            line.last_received_at = now
            line.save(update_fields=["times_received", "last_received_at"])
            return {"error_code": 0, "_note": "repeat"}
        if not codes.may_move(dossier.status, status):
            raise Refusal(
                2,
                f"Trạng thái không hợp lệ: hồ sơ đang ở trạng thái {dossier.status} "
                f"({codes.status_name(dossier.status)}), không thể chuyển sang {status}.",
            )
        ProgressLine.objects.create(
            dossier=dossier,
            ma_tien_do=ma_tien_do,
            data=data,
            status=status,
            received_at=now,
            last_received_at=now,
        )
        dossier.status = status
        dossier.save(update_fields=["status"])
    return {"error_code": 0}


def lookup(data: dict) -> dict:
    ma_ho_so = _code(data, "MaHoSo")
    dossier = Dossier.objects.filter(ma_ho_so=ma_ho_so).first()
    if dossier is None:
        raise Refusal(1, f"Không tìm thấy hồ sơ {ma_ho_so}.")
    held = dict(dossier.data)
    held.setdefault("MaHoSoQG", dossier.ma_ho_so_qg)
    held["TienDo"] = [line.data for line in dossier.lines.all()]
    return {"error_code": 0, "data": held}


def log(endpoint: str, service: str, error_code, note: str = "", ma_ho_so: str = "") -> None:
    CallLog.objects.create(
        at=timezone.now(),
        endpoint=endpoint,
        service=service[:100],
        error_code=error_code,
        note=note[:100],
        ma_ho_so=str(ma_ho_so)[:100],
    )


# --- What the control API shows ---------------------------------------------------------


def dossier_summary(dossier: Dossier) -> dict:
    return {
        "MaHoSo": dossier.ma_ho_so,
        "MaHoSoQG": dossier.ma_ho_so_qg,
        "madonvi": dossier.madonvi,
        "TrangThai": dossier.status,
        "TenTrangThai": codes.status_name(dossier.status),
        "NgayHenTra": dossier.data.get("NgayHenTra", ""),
        "NgayKetThucXuLy": dossier.data.get("NgayKetThucXuLy", ""),
        "times_synced": dossier.times_synced,
        "first_synced_at": dossier.first_synced_at.isoformat(),
        "last_synced_at": dossier.last_synced_at.isoformat(),
        "progress_count": dossier.lines.count(),
        "on_time": on_time(dossier),
    }


def dossier_detail(dossier: Dossier) -> dict:
    return {
        **dossier_summary(dossier),
        "data": dossier.data,
        "syncs": [
            {
                "received_at": s.received_at.isoformat(),
                "TrangThaiHoSo": s.status,
                "isUpdating": s.is_updating,
                "data": s.data,
            }
            for s in dossier.syncs.all()
        ],
        "TienDo": [
            {
                "MaTienDo": line.ma_tien_do,
                "TrangThai": line.status,
                "TenTrangThai": codes.status_name(line.status),
                "received_at": line.received_at.isoformat(),
                "last_received_at": line.last_received_at.isoformat(),
                "times_received": line.times_received,
                "data": line.data,
            }
            for line in dossier.lines.all()
        ],
    }


def on_time(dossier: Dossier) -> bool | None:
    """On time as the portal judges it: NgayKetThucXuLy <= NgayHenTra; None while unfinished
    (or when either date is missing)."""
    end = codes.parse_np(dossier.data.get("NgayKetThucXuLy"))
    due = codes.parse_np(dossier.data.get("NgayHenTra"))
    if end is None or due is None:
        return None
    return end <= due


def figures() -> dict:
    dossiers = list(Dossier.objects.all())
    submissions = list(Submission.objects.all())
    held_codes = {d.ma_ho_so for d in dossiers}
    received = [s for s in submissions if s.ma_ho_so]
    synced_back = [s for s in received if s.ma_ho_so in held_codes]
    judged = [x for x in (on_time(d) for d in dossiers) if x is not None]
    on = sum(1 for x in judged if x)
    return {
        "dossiers_held": len(dossiers),
        "submissions": len(submissions),
        "submissions_received_by_province": len(received),
        "submissions_synced": len(synced_back),
        "synced_share": _share(len(synced_back), len(received)),
        "finished": len(judged),
        "on_time": on,
        "late": len(judged) - on,
        "on_time_share": _share(on, len(judged)),
        "progress_lines": ProgressLine.objects.count(),
        "progress_repeats": sum(
            line.times_received - 1 for line in ProgressLine.objects.filter(times_received__gt=1)
        ),
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
