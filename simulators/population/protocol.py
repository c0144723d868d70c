"""The population database's protocol (docs/population.md), under /api/v1/."""

from __future__ import annotations

import hmac
from datetime import date

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt

from simulators.kit import faults
from simulators.kit.control import bad_request, json_answer, read_json

from . import residents
from .models import Query, Resident


def _authorised(request) -> bool:
    expected = f"Bearer {settings.SIM_POPULATION['token']}"
    return hmac.compare_digest(request.headers.get("Authorization", ""), expected)


@csrf_exempt
def check(request):
    """{"personal_id", "name", "birth_date": "YYYY-MM-DD"} -> {"result": "match" | "mismatch" |
    "not_found", "fields": [...], "ma_csdl", "resident": {...}} (the record on a match only)."""
    if request.method != "POST":
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    if not _authorised(request) or faults.board().hits("refuse_auth"):
        return json_answer({"error": "Sai mã truy cập (token).", "field": "token"}, status=401)
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    if not isinstance(data, dict):
        return bad_request("body", "Nội dung phải là một đối tượng JSON.")
    personal_id = str(data.get("personal_id", ""))
    if len(personal_id) != 12 or not personal_id.isdigit():
        return bad_request("personal_id", "Số định danh cá nhân phải gồm 12 chữ số.")
    name = str(data.get("name", ""))
    if not name.strip():
        return bad_request("name", "Thiếu họ và tên.")
    birth_date = str(data.get("birth_date", ""))
    try:
        date.fromisoformat(birth_date)
    except ValueError:
        return bad_request("birth_date", "Ngày sinh phải theo dạng YYYY-MM-DD.")
    resident = Resident.objects.filter(personal_id=personal_id).first()
    if resident is None:
        answer = {"result": "not_found", "fields": [], "ma_csdl": "", "resident": None}
    else:
        differ = residents.compare(resident, name, birth_date)
        if differ:
            answer = {"result": "mismatch", "fields": differ, "ma_csdl": "", "resident": None}
        else:
            answer = {
                "result": "match",
                "fields": [],
                "ma_csdl": resident.ma_csdl,
                "resident": resident.as_dict(),
            }
    Query.objects.create(personal_id=personal_id, result=answer["result"], fields=answer["fields"])
    return json_answer(answer)


def healthz(request):
    return json_answer({"ok": True})
