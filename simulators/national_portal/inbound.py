"""Dossiers citizens submit on the portal, and their delivery to the province: the signed
push (as the coordination component delivers), the poll and the province's answer."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import mimetypes
import time
import urllib.error
import urllib.request
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from simulators.kit import faults

from . import codes, config
from .models import CatalogProcedure, PushAttempt, StoredFile, Submission
from .store import Refusal

PUSH_PATH = "/api/v1/national-portal/dossiers"
POLL_PAGE = 100
MAX_FILE_BYTES = 20 * 1024 * 1024
CITIZEN_KEYS = (
    "HoVaTen",
    "SoDinhDanh",
    "NgaySinh",
    "SoDienThoai",
    "Email",
    "MaTinh",
    "MaXa",
    "DiaChi",
)


class SubmissionError(ValueError):
    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


def submit(
    *,
    ma_tthc: str,
    ma_don_vi: str,
    citizen: dict,
    vneid: bool,
    form_data: dict,
    files: list[dict],
    summary: str = "",
) -> Submission:
    """Keep a citizen's submission and its files. `files`: dicts with MaThanhPhanHoSo,
    TenGiayTo, name and content (bytes). Checks what the portal itself would check."""
    if not isinstance(ma_tthc, str) or not ma_tthc.strip():
        raise SubmissionError("MaTTHC", "Thiếu mã thủ tục (MaTTHC).")
    if not isinstance(ma_don_vi, str) or not ma_don_vi.strip():
        raise SubmissionError("MaDonViTiepNhan", "Thiếu mã đơn vị tiếp nhận (MaDonViTiepNhan).")
    if not isinstance(citizen, dict):
        raise SubmissionError("ThongTinNguoiNop", "ThongTinNguoiNop phải là một đối tượng.")
    name = citizen.get("HoVaTen")
    if not isinstance(name, str) or not name.strip():
        raise SubmissionError("ThongTinNguoiNop.HoVaTen", "Thiếu họ và tên người nộp.")
    if not isinstance(form_data, dict):
        raise SubmissionError("DuLieuBieuMau", "DuLieuBieuMau phải là một đối tượng.")
    for item in files:
        if len(item["content"]) > MAX_FILE_BYTES:
            raise SubmissionError("files", f"Tệp {item['name']} lớn hơn 20 MB.")
        if not item["content"]:
            raise SubmissionError("files", f"Tệp {item['name']} rỗng.")
    now = timezone.now()
    base_url = settings.SIM_PUBLIC_URL.rstrip("/")
    wrong_hash = faults.board().hits("wrong_hash") is not None
    with transaction.atomic():
        submission = Submission.objects.create(
            ma_ho_so_qg=f"pending-{uuid.uuid4().hex}",
            ma_tthc=ma_tthc.strip(),
            ma_don_vi=ma_don_vi.strip(),
            created_at=now,
        )
        submission.ma_ho_so_qg = (
            f"G22.99-{timezone.localtime(now).strftime('%y%m%d')}-{submission.pk:07d}"
        )
        parts: dict[str, dict] = {}
        for index, item in enumerate(files):
            digest = hashlib.sha256(item["content"]).hexdigest()
            stored = StoredFile.objects.create(
                id=uuid.uuid4().hex,
                submission=submission,
                document_code=item.get("MaThanhPhanHoSo") or "",
                title=item.get("TenGiayTo") or item["name"],
                name=item["name"],
                content_type=mimetypes.guess_type(item["name"])[0] or "application/octet-stream",
                size=len(item["content"]),
                sha256=digest,
                content=item["content"],
            )
            if wrong_hash and index == 0:
                digest = hashlib.sha256(item["content"] + b"!").hexdigest()
            part = parts.setdefault(
                stored.document_code,
                {
                    "MaThanhPhanHoSo": stored.document_code,
                    "SoLuong": 0,
                    "LoaiBan": 2,
                    "GiayToDinhKem": [],
                },
            )
            part["SoLuong"] += 1
            part["GiayToDinhKem"].append(
                {
                    "IdGiayTo": stored.id,
                    "TenGiayTo": stored.title,
                    "TenTepTin": stored.name,
                    "DuongDan": f"{base_url}/files/{stored.id}",
                    "HashTepTin": f"sha256:{digest}",
                }
            )
        person = {key: str(citizen.get(key) or "") for key in CITIZEN_KEYS}
        submission.body = {
            "MaHoSoQG": submission.ma_ho_so_qg,
            "MaTTHC": submission.ma_tthc,
            "MaDichVuCong": submission.ma_tthc,
            "MaDonViTiepNhan": submission.ma_don_vi,
            "NgayNop": codes.to_np(now),
            "KenhThucHien": 2,
            "ThongTinNguoiNop": person,
            "TaiKhoanDuocXacThucVoiVNeID": 1 if vneid else 0,
            "ChuHoSo": person["HoVaTen"],
            "LoaiDoiTuong": 1,
            "TrichYeuHoSo": summary,
            "DuLieuBieuMau": form_data,
            "ThanhPhanHoSo": list(parts.values()),
        }
        submission.save()
    return submission


def deliver(submission: Submission) -> Submission:
    """Push the dossier to Motcua as the coordination component would, unless a fault says
    otherwise (no_push: not at all; push_twice: two identical deliveries)."""
    board = faults.board()
    if board.hits("no_push"):
        return submission
    times = 2 if board.hits("push_twice") else 1
    for _ in range(times):
        push(submission)
    return submission


def push(submission: Submission) -> tuple[int | None, dict]:
    cfg = config.get()
    if not cfg["motcua_url"].startswith(("http://", "https://")):
        status, answer = None, {"message": "Chưa cấu hình địa chỉ Motcua (--motcua-url)."}
    else:
        raw = json.dumps(submission.body, ensure_ascii=False).encode("utf-8")
        stamp = str(int(time.time()))
        signature = sign(cfg["inbound_secret"], stamp, raw)
        request = urllib.request.Request(  # noqa: S310 - the configured URL
            cfg["motcua_url"] + PUSH_PATH,
            data=raw,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Accept": "application/json",
                "X-NP-Timestamp": stamp,
                "X-NP-Signature": f"sha256={signature}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - configured URL
                status, answer = response.status, _json(response.read())
        except urllib.error.HTTPError as exc:
            status, answer = exc.code, _json(exc.read())
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            status, answer = None, {"message": f"Không kết nối được Motcua: {exc}"}
    now = timezone.now()
    with transaction.atomic():
        PushAttempt.objects.create(submission=submission, at=now, status=status, answer=answer)
        submission.push_status = status
        submission.push_answer = answer
        submission.push_count += 1
        if status == 200 and answer.get("error_code") == 0:
            submission.accepted = True
            submission.ma_ho_so = str(answer.get("MaHoSo") or "")[:100]
        elif status == 422 and answer.get("error_code") == 3:
            submission.accepted = False
        submission.save()
    return status, answer


def sign(secret: str, stamp: str, raw: bytes) -> str:
    return hmac.new(
        secret.encode("utf-8"), stamp.encode("ascii") + b"." + raw, hashlib.sha256
    ).hexdigest()


def _json(raw: bytes) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {"raw": raw[:500].decode("utf-8", "replace")}
    return data if isinstance(data, dict) else {"raw": data}


def decode_files(items) -> list[dict]:
    """The control API's files (content_base64) as submit() takes them."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise SubmissionError("files", "files phải là một danh sách.")
    result = []
    for index, item in enumerate(items):
        where = f"files[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            raise SubmissionError(where, "Mỗi tệp cần name và content_base64.")
        try:
            content = base64.b64decode(item.get("content_base64") or "", validate=True)
        except (binascii.Error, TypeError):
            raise SubmissionError(
                f"{where}.content_base64", "Nội dung base64 không hợp lệ."
            ) from None
        result.append(
            {
                "MaThanhPhanHoSo": str(item.get("MaThanhPhanHoSo") or ""),
                "TenGiayTo": str(item.get("TenGiayTo") or item["name"]),
                "name": item["name"],
                "content": content,
            }
        )
    return result


# --- The province's calls ---------------------------------------------------------------


def poll(data: dict) -> dict:
    cursor = data.get("Cursor") or ""
    if not isinstance(cursor, str) or (cursor and not cursor.isdigit()):
        raise Refusal(1, "Cursor không hợp lệ.")
    after = int(cursor) if cursor else 0
    found = list(Submission.objects.filter(pk__gt=after).order_by("pk")[:POLL_PAGE])
    next_cursor = str(found[-1].pk) if found else cursor
    return {"error_code": 0, "data": [s.body for s in found], "Cursor": next_cursor}


def reply(data: dict) -> dict:
    code = data.get("MaHoSoQG")
    submission = (
        Submission.objects.filter(ma_ho_so_qg=code).first() if isinstance(code, str) else None
    )
    if submission is None:
        raise Refusal(1, f"Không tìm thấy hồ sơ {code!r}.")
    result = data.get("KetQua")
    if result not in (0, 1):
        raise Refusal(1, "KetQua phải là 1 (tiếp nhận) hoặc 0 (không tiếp nhận).")
    submission.reply = data
    submission.replied_at = timezone.now()
    submission.accepted = result == 1
    if result == 1 and isinstance(data.get("MaHoSo"), str) and data["MaHoSo"]:
        submission.ma_ho_so = data["MaHoSo"][:100]
    submission.save()
    return {"error_code": 0}


def submission_json(submission: Submission) -> dict:
    return {
        "MaHoSoQG": submission.ma_ho_so_qg,
        "MaTTHC": submission.ma_tthc,
        "MaDonViTiepNhan": submission.ma_don_vi,
        "created_at": submission.created_at.isoformat(),
        "body": submission.body,
        "push": {"status": submission.push_status, "answer": submission.push_answer},
        "push_count": submission.push_count,
        "pushes": [
            {"at": p.at.isoformat(), "status": p.status, "answer": p.answer}
            for p in submission.pushes.all()
        ],
        "MaHoSo": submission.ma_ho_so,
        "accepted": submission.accepted,
        "reply": submission.reply,
    }


def catalog_procedure(code: str) -> CatalogProcedure | None:
    return CatalogProcedure.objects.filter(code=code).first()
