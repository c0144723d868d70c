"""The citizen front (find a procedure, fill its form, attach files, submit), the files the
portal serves, and the page per dossier with the portal's figures."""

from __future__ import annotations

import json
import unicodedata

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import catalog, codes, config, feedback, inbound, store
from .models import (
    CatalogProcedure,
    Dossier,
    FeedbackRecord,
    PortalComplaint,
    StoredFile,
    Submission,
)


def _ctx(**extra) -> dict:
    return {"sim_name": settings.SIM_NAME, **extra}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def home(request: HttpRequest):
    if not CatalogProcedure.objects.exists() and config.get()["motcua_url"]:
        try:
            catalog.refresh()
        except catalog.FetchError as exc:
            messages.error(request, f"Chưa lấy được danh mục thủ tục từ Motcua: {exc}")
    query = request.GET.get("q", "").strip()[:200]
    procedures = list(CatalogProcedure.objects.all())
    if query:
        words = _fold(query).split()
        procedures = [
            p
            for p in procedures
            if all(w in _fold(p.detail.get("name", "") + " " + p.code) for w in words)
        ]
    return render(
        request,
        "national_portal/home.html",
        _ctx(
            procedures=[catalog.record(p) for p in procedures[:200]],
            query=query,
            total=len(procedures),
        ),
    )


@require_POST
def catalog_refresh(request: HttpRequest):
    try:
        count = catalog.refresh()
    except catalog.FetchError as exc:
        messages.error(request, f"Không lấy được danh mục: {exc}")
    else:
        messages.success(request, f"Đã cập nhật danh mục: {count} thủ tục.")
    return redirect(request.POST.get("next") or "home")


def _fields(schema: dict) -> list[dict]:
    properties = (schema or {}).get("properties") or {}
    order = [n for n in (schema.get("x-order") or []) if n in properties]
    order += [n for n in properties if n not in order]
    required = set(schema.get("required") or [])
    fields = []
    for name in order:
        spec = properties[name] or {}
        kind = spec.get("type", "string")
        options = []
        if spec.get("enum"):
            labels = spec.get("x-enumNames") or spec["enum"]
            options = list(zip(spec["enum"], labels, strict=False))
        fields.append(
            {
                "name": name,
                "title": spec.get("title", name),
                "description": spec.get("description", ""),
                "type": kind,
                "input": "date"
                if spec.get("format") == "date"
                else ("number" if kind in ("number", "integer") else "text"),
                "options": options,
                "required": name in required,
            }
        )
    return fields


def _form_values(fields: list[dict], post) -> tuple[dict, list[str]]:
    values, errors = {}, []
    for field in fields:
        key = "f_" + field["name"]
        if field["type"] == "boolean":
            values[field["name"]] = key in post
            if field["required"] and key not in post:
                errors.append(f"{field['title']}: cần đánh dấu.")
            continue
        raw = post.get(key, "").strip()
        if not raw:
            if field["required"]:
                errors.append(f"{field['title']}: không được để trống.")
            continue
        if field["type"] in ("number", "integer"):
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                errors.append(f"{field['title']}: phải là một số.")
                continue
            values[field["name"]] = (
                int(number) if field["type"] == "integer" and number.is_integer() else number
            )
        else:
            values[field["name"]] = raw
    return values, errors


def procedure(request: HttpRequest, code: str):
    held = CatalogProcedure.objects.filter(code=code).first()
    if held is None:
        raise Http404("Không có thủ tục này.")
    detail = held.detail
    cases = detail.get("cases") or []
    case_code = (
        request.GET.get("truong-hop")
        or request.POST.get("case")
        or (cases[0]["code"] if cases else "")
    )
    case = next((c for c in cases if c.get("code") == case_code), cases[0] if cases else {})
    documents = case.get("documents") or []
    fields = _fields(detail.get("eform_schema") or {})
    agencies = detail.get("agencies") or []
    errors: list[str] = []
    if request.method == "POST":
        form_data, errors = _form_values(fields, request.POST)
        agency = request.POST.get("agency", "")
        if agency not in {a["code"] for a in agencies}:
            errors.append("Chọn cơ quan tiếp nhận.")
        citizen = {key: request.POST.get(key, "").strip() for key in inbound.CITIZEN_KEYS}
        if not citizen["HoVaTen"]:
            errors.append("Họ và tên: không được để trống.")
        summary = request.POST.get("summary", "").strip()
        if not fields and not summary:
            errors.append("Nội dung yêu cầu: không được để trống.")
        files = []
        for index, doc in enumerate(documents):
            for upload in request.FILES.getlist(f"doc_{index}"):
                files.append(
                    {
                        "MaThanhPhanHoSo": doc.get("code") or f"TP{index + 1}",
                        "TenGiayTo": doc.get("name", ""),
                        "name": upload.name,
                        "content": upload.read(),
                    }
                )
            if doc.get("is_required") and not request.FILES.getlist(f"doc_{index}"):
                errors.append(f"{doc.get('name')}: cần đính kèm tệp.")
        if not errors:
            try:
                submission = inbound.submit(
                    ma_tthc=code,
                    ma_don_vi=agency,
                    citizen=citizen,
                    vneid=request.POST.get("vneid") == "1",
                    form_data=form_data,
                    files=files,
                    summary=summary,
                )
            except inbound.SubmissionError as exc:
                errors.append(exc.message)
            else:
                inbound.deliver(submission)
                return redirect("dossier", code=submission.ma_ho_so_qg)
    return render(
        request,
        "national_portal/procedure.html",
        _ctx(
            record=catalog.record(held),
            detail=detail,
            cases=cases,
            case=case,
            documents=list(enumerate(documents)),
            fields=fields,
            agencies=agencies,
            errors=errors,
            post=request.POST if request.method == "POST" else {},
        ),
        status=400 if errors else 200,
    )


# The dossiers (MaHoSoQG) whose file links answer 503 for now, set by the control API: a file
# store down for one dossier and not the others. Kept in memory: a restart clears it.
FILES_DOWN: set[str] = set()


def file_download(request: HttpRequest, file_id: str):
    stored = StoredFile.objects.filter(id=file_id).select_related("submission").first()
    if stored is None:
        raise Http404("Không có tệp này.")
    if stored.submission is not None and stored.submission.ma_ho_so_qg in FILES_DOWN:
        return HttpResponse("Kho tệp tạm thời không phục vụ (giả lập sự cố).", status=503)
    response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
    response["Content-Length"] = str(stored.size)
    response["X-Content-SHA256"] = stored.sha256
    ascii_name = stored.name.encode("ascii", "replace").decode().replace('"', "")
    response["Content-Disposition"] = f'inline; filename="{ascii_name}"'
    return response


def dossier_list(request: HttpRequest):
    return render(
        request,
        "national_portal/dossier_list.html",
        _ctx(
            submissions=Submission.objects.order_by("-id")[:200],
            dossiers=[store.dossier_summary(d) for d in Dossier.objects.order_by("-id")[:200]],
        ),
    )


def feedback_list(request: HttpRequest):
    """A citizen's complaint form (kept for the province's poll), and what the province synced
    of its ratings and complaints/petitions."""
    if request.method == "POST":
        body = {
            key: request.POST.get(key, "").strip()
            for key in ("HoTen", "SoDienThoai", "Email", "TieuDe", "NoiDung", "MaTTHC", "MaHoSo")
        }
        body["LoaiPAKN"] = 2 if request.POST.get("LoaiPAKN") == "2" else 1
        try:
            sent = feedback.add_complaint(body)
        except ValueError as exc:
            messages.error(request, exc.args[1])
        else:
            messages.success(request, f"Đã gửi phản ánh, kiến nghị {sent.ma_pakn}.")
        return redirect("feedback_list")
    records = FeedbackRecord.objects.order_by("-id")
    return render(
        request,
        "national_portal/feedback_list.html",
        _ctx(
            complaints=[feedback.summary(r) for r in records.filter(kind="complaint")[:200]],
            ratings=[feedback.summary(r) for r in records.filter(kind="rating")[:200]],
            sent=[
                feedback.complaint_summary(c) for c in PortalComplaint.objects.order_by("-id")[:200]
            ],
        ),
    )


def dossier_page(request: HttpRequest, code: str):
    submission = Submission.objects.filter(ma_ho_so_qg=code).first()
    dossier = (
        Dossier.objects.filter(ma_ho_so=code).first()
        or Dossier.objects.filter(ma_ho_so_qg=code).first()
    )
    if submission and dossier is None and submission.ma_ho_so:
        dossier = Dossier.objects.filter(ma_ho_so=submission.ma_ho_so).first()
    if submission is None and dossier is not None:
        submission = Submission.objects.filter(ma_ho_so_qg=dossier.ma_ho_so_qg).first()
    if submission is None and dossier is None:
        raise Http404("Không có hồ sơ này.")
    history = []
    if dossier:
        for sync in dossier.syncs.all():
            history.append(
                {
                    "at": sync.received_at,
                    "kind": "Đồng bộ hồ sơ" + (" (cập nhật)" if sync.is_updating else ""),
                    "status": sync.status,
                    "status_name": codes.status_name(sync.status),
                    "content": sync.data.get("TrichYeuHoSo", ""),
                    "who": "",
                    "when": "",
                    "times": 1,
                }
            )
        for line in dossier.lines.all():
            history.append(
                {
                    "at": line.received_at,
                    "kind": "Cập nhật tiến độ",
                    "status": line.status,
                    "status_name": codes.status_name(line.status),
                    "content": line.data.get("NoiDungXuLy", ""),
                    "who": " – ".join(
                        x
                        for x in (
                            line.data.get("NguoiXuLy", ""),
                            line.data.get("ChucDanh", ""),
                            line.data.get("PhongBanXuLy", ""),
                        )
                        if x
                    ),
                    "when": codes.show_np(line.data.get("ThoiDiemXuLy")),
                    "times": line.times_received,
                }
            )
        history.sort(key=lambda h: h["at"])
        for item in history:
            item["at"] = codes.show(item["at"])
    on_time = store.on_time(dossier) if dossier else None
    data = dossier.data if dossier else {}
    return render(
        request,
        "national_portal/dossier.html",
        _ctx(
            code=code,
            submission=submission,
            dossier=dossier,
            history=history,
            status_name=codes.status_name(dossier.status)
            if dossier
            else (
                "Mới đăng ký"
                if submission and submission.accepted is None
                else (
                    "Được gửi tới cơ quan tiếp nhận"
                    if submission and submission.accepted
                    else "Không được tiếp nhận"
                )
            ),
            due=codes.show_np(data.get("NgayHenTra")),
            finished=codes.show_np(data.get("NgayKetThucXuLy")),
            on_time=on_time,
            figures=store.figures(),
            files=submission.files.all() if submission else [],
            pushes=[
                {
                    "at": codes.show(p.at),
                    "status": p.status,
                    "answer": json.dumps(p.answer, ensure_ascii=False)[:600],
                }
                for p in (submission.pushes.all() if submission else [])
            ],
            body_person=(submission.body.get("ThongTinNguoiNop") or {}) if submission else {},
            refusal=_refusal(submission),
        ),
    )


def _refusal(submission: Submission | None) -> str:
    """The province's reason for refusing a dossier, from the push's answer or the poll's reply."""
    if submission is None or submission.accepted is not False:
        return ""
    reply = submission.reply or {}
    answer = submission.push_answer or {}
    return str(reply.get("LyDo") or answer.get("message") or "")
