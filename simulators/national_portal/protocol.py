"""The portal's protocol endpoints (shape A): /api/auth, /api/integration, /api/share."""

from __future__ import annotations

import json

from django.db import OperationalError
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from . import catalog, config, datastore, feedback, inbound, store


def _answer(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def healthz(request: HttpRequest):
    return _answer({"ok": True})


def _body(request: HttpRequest):
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


@csrf_exempt
def auth(request: HttpRequest):
    if request.method != "POST":
        return _answer({"error_code": 1, "message": "Chỉ nhận POST."}, status=405)
    data = _body(request)
    if data is None:
        return _answer({"error_code": 1, "message": "Nội dung không phải JSON hợp lệ."}, 400)
    answer = store.sign_in(data, request.headers.get("dstcode", ""))
    store.log("auth", "auth", answer["error_code"])
    return _answer(answer)


INTEGRATION = {
    "DongBoHoSoMC": lambda data, madonvi: store.sync_dossier(data, madonvi),
    "CapNhatTienDoHoSoMC": lambda data, madonvi: store.add_progress(data),
    "PhanHoiTiepNhanHoSo": lambda data, madonvi: inbound.reply(data),
    "DongBoDanhGiaHaiLongMC": feedback.sync_rating,
    "DongBoPhanAnhKienNghiMC": feedback.sync_complaint,
}
SHARE = {
    "TraCuuHoSo": lambda data, madonvi: store.lookup(data),
    "LayDanhSachTTHC": lambda data, madonvi: catalog.list_procedures(),
    "LayThuTuc": lambda data, madonvi: catalog.procedure(data),
    "LayDanhMucCoQuan": lambda data, madonvi: catalog.agencies(),
    "LayDanhMucLinhVuc": lambda data, madonvi: catalog.fields(),
    "LayDanhSachHoSoMoi": lambda data, madonvi: inbound.poll(data),
    "LayGiayToKhoDuLieu": lambda data, madonvi: datastore.share(data),
    "LayDanhSachPAKNMoi": lambda data, madonvi: feedback.list_new_complaints(data),
    "TraCuuDanhGiaHaiLong": lambda data, madonvi: feedback.lookup_rating(data),
    "TraCuuPhanAnhKienNghi": lambda data, madonvi: feedback.lookup_complaint(data),
}


def _call(request: HttpRequest, endpoint: str, services: dict):
    if request.method != "POST":
        return _answer({"error_code": 1, "message": "Chỉ nhận POST."}, status=405)
    body = _body(request)
    if body is None:
        return _answer({"error_code": 1, "message": "Nội dung không phải JSON hợp lệ."}, 400)
    service = body.get("service")
    service = service if isinstance(service, str) else ""
    data = body.get("data") if body.get("data") is not None else {}
    ma_ho_so = data.get("MaHoSo", "") if isinstance(data, dict) else ""
    if not store.session_valid(body.get("session")):
        store.log(endpoint, service, -1, "session", ma_ho_so)
        return _answer({"error_code": -1, "message": "phiên hết hạn"})
    if request.headers.get("dstcode", "") != config.get()["province"]:
        answer = {"error_code": 1, "message": "Mã đơn vị (dstcode) không hợp lệ."}
    elif service not in services:
        answer = {
            "error_code": 1,
            "message": f"Dịch vụ không được hỗ trợ ở /{endpoint}: {service!r}.",
        }
    elif not isinstance(data, dict):
        answer = {"error_code": 1, "message": "data phải là một đối tượng."}
    else:
        madonvi = body.get("madonvi") if isinstance(body.get("madonvi"), str) else ""
        try:
            answer = services[service](data, madonvi)
        except store.Refusal as refusal:
            answer = refusal.answer
        except OperationalError:
            # The simulator's own SQLite was busy: a transient failure, as the real one has.
            return _answer({"error_code": 500, "message": "Cơ sở dữ liệu bận, thử lại sau."}, 503)
    note = answer.pop("_note", "")
    store.log(endpoint, service, answer.get("error_code"), note, ma_ho_so)
    return _answer(answer)


@csrf_exempt
def integration(request: HttpRequest):
    return _call(request, "integration", INTEGRATION)


@csrf_exempt
def share(request: HttpRequest):
    return _call(request, "share", SHARE)
