"""The control page and API (docs/simulators.md): what tests and the demo drive."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from simulators.kit import faults
from simulators.kit.control import bad_request, faults_context, json_answer, read_json

from . import catalog, config, datastore, feedback, front, inbound, store
from .models import (
    CallLog,
    CatalogProcedure,
    Dossier,
    FeedbackRecord,
    PersonalDocument,
    PortalComplaint,
    Session,
    StoredFile,
    Submission,
)


def _method(request: HttpRequest, *allowed: str):
    if request.method not in allowed:
        return bad_request("method", "Phương thức không được hỗ trợ.", status=405)
    return None


def reset_all() -> None:
    with transaction.atomic():
        for model in (
            PortalComplaint,
            FeedbackRecord,
            PersonalDocument,
            StoredFile,
            Submission,
            Dossier,
            Session,
            CallLog,
            CatalogProcedure,
        ):
            model.objects.all().delete()
    faults.board().clear()
    front.FILES_DOWN.clear()
    config.restore()


@csrf_exempt
def personal_documents_api(request: HttpRequest):
    """GET: every citizen's personal-store documents; POST {"SoDinhDanh", "TenGiayTo", "name",
    "content_base64", "NgayCap"?}: add one (201 with its share record)."""
    if refused := _method(request, "GET", "POST"):
        return refused
    if request.method == "GET":
        return json_answer(
            {
                "documents": [
                    {"SoDinhDanh": d.personal_id, **datastore.as_dict(d)}
                    for d in PersonalDocument.objects.select_related("file")
                ]
            }
        )
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    if not isinstance(data, dict):
        return bad_request("body", "Nội dung phải là một đối tượng JSON.")
    personal_id = str(data.get("SoDinhDanh") or "")
    if len(personal_id) != 12 or not personal_id.isdigit():
        return bad_request("SoDinhDanh", "SoDinhDanh phải gồm 12 chữ số.")
    try:
        (item,) = inbound.decode_files([data])
    except inbound.SubmissionError as exc:
        return bad_request(exc.field, exc.message)
    document = datastore.add(
        personal_id,
        item["TenGiayTo"],
        item["name"],
        item["content"],
        str(data.get("NgayCap") or ""),
    )
    return json_answer({"SoDinhDanh": personal_id, **datastore.as_dict(document)}, status=201)


@csrf_exempt
def reset_api(request: HttpRequest):
    """POST: empty the storage (the catalog too), clear the faults, restore the start config."""
    if refused := _method(request, "POST"):
        return refused
    reset_all()
    return json_answer({"ok": True})


@csrf_exempt
def config_api(request: HttpRequest):
    if refused := _method(request, "GET", "POST"):
        return refused
    if request.method == "POST":
        try:
            return json_answer(config.update(read_json(request)))
        except ValueError as exc:
            if len(exc.args) == 2:
                return bad_request(*exc.args)
            return bad_request("body", str(exc))
    return json_answer(config.get())


def dossiers_api(request: HttpRequest):
    return json_answer(
        {"dossiers": [store.dossier_summary(d) for d in Dossier.objects.order_by("id")]}
    )


def feedback_api(request: HttpRequest):
    """The ratings and complaints/petitions the province synced (`?kind=rating|complaint`)."""
    records = FeedbackRecord.objects.order_by("id")
    if request.GET.get("kind"):
        records = records.filter(kind=request.GET["kind"])
    return json_answer({"records": [feedback.summary(record) for record in records]})


@csrf_exempt
def complaints_api(request: HttpRequest):
    """GET: the complaints citizens sent on the portal, with what the province synced of each;
    POST {"HoTen", "TieuDe", "NoiDung", "MaTTHC" or "MaHoSo", "LoaiPAKN"?, "SoDienThoai"?,
    "Email"?, "MaPAKN"?}: a citizen sends one (201), for the province's poll."""
    if refused := _method(request, "GET", "POST"):
        return refused
    if request.method == "GET":
        return json_answer(
            {
                "complaints": [
                    feedback.complaint_summary(c) for c in PortalComplaint.objects.order_by("id")
                ]
            }
        )
    try:
        complaint = feedback.add_complaint(read_json(request))
    except ValueError as exc:
        field, message = exc.args
        return bad_request(field, message)
    return json_answer(feedback.complaint_summary(complaint), status=201)


def dossier_api(request: HttpRequest, code: str):
    dossier = Dossier.objects.filter(ma_ho_so=code).first()
    if dossier is None:
        return bad_request("MaHoSo", f"Không có hồ sơ {code}.", status=404)
    return json_answer(store.dossier_detail(dossier))


@csrf_exempt
def submissions_api(request: HttpRequest):
    if refused := _method(request, "GET", "POST"):
        return refused
    if request.method == "GET":
        return json_answer(
            {"submissions": [inbound.submission_json(s) for s in Submission.objects.all()]}
        )
    try:
        data = read_json(request)
        if not isinstance(data, dict):
            raise inbound.SubmissionError("body", "Nội dung phải là một đối tượng JSON.")
        submission = inbound.submit(
            ma_tthc=data.get("MaTTHC"),
            ma_don_vi=data.get("MaDonViTiepNhan"),
            citizen=data.get("ThongTinNguoiNop") or {},
            vneid=bool(data.get("VNeID")),
            form_data=data.get("DuLieuBieuMau") or {},
            files=inbound.decode_files(data.get("files")),
            summary=str(data.get("TrichYeuHoSo") or ""),
        )
    except inbound.SubmissionError as exc:
        return bad_request(exc.field, exc.message)
    except ValueError as exc:
        return bad_request("body", str(exc))
    inbound.deliver(submission)
    submission.refresh_from_db()
    return json_answer(
        {
            "MaHoSoQG": submission.ma_ho_so_qg,
            "push": {"status": submission.push_status, "answer": submission.push_answer},
            "push_count": submission.push_count,
            "body": submission.body,
        },
        status=201,
    )


def submission_api(request: HttpRequest, code: str):
    submission = Submission.objects.filter(ma_ho_so_qg=code).first()
    if submission is None:
        return bad_request("MaHoSoQG", f"Không có hồ sơ {code}.", status=404)
    return json_answer(inbound.submission_json(submission))


@csrf_exempt
def files_down_api(request: HttpRequest, code: str):
    """POST {"down": true|false}: this dossier's file links answer 503 (or again serve)."""
    if refused := _method(request, "POST"):
        return refused
    if not Submission.objects.filter(ma_ho_so_qg=code).exists():
        return bad_request("MaHoSoQG", f"Không có hồ sơ {code}.", status=404)
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    down = data.get("down", True) if isinstance(data, dict) else None
    if not isinstance(down, bool):
        return bad_request("down", "down phải là true hoặc false.")
    (front.FILES_DOWN.add if down else front.FILES_DOWN.discard)(code)
    return json_answer({"MaHoSoQG": code, "down": down})


@csrf_exempt
def push_api(request: HttpRequest, code: str):
    """POST: push this dossier to Motcua again (faults do not apply)."""
    if refused := _method(request, "POST"):
        return refused
    submission = Submission.objects.filter(ma_ho_so_qg=code).first()
    if submission is None:
        return bad_request("MaHoSoQG", f"Không có hồ sơ {code}.", status=404)
    status, answer = inbound.push(submission)
    return json_answer({"MaHoSoQG": code, "push": {"status": status, "answer": answer}})


@csrf_exempt
def expire_sessions_api(request: HttpRequest):
    if refused := _method(request, "POST"):
        return refused
    return json_answer({"expired": store.expire_all_sessions()})


def figures_api(request: HttpRequest):
    return json_answer(store.figures())


def calls_api(request: HttpRequest):
    """Counts of the calls received, by service and answer; ?service= narrows the list."""
    logs = CallLog.objects.all()
    if request.GET.get("service"):
        logs = logs.filter(service=request.GET["service"])
    counts: Counter = Counter()
    for service, error_code, note in logs.values_list("service", "error_code", "note"):
        counts[(service, error_code, note)] += 1
    return json_answer(
        {
            "calls": [
                {"service": s, "error_code": e, "note": n, "count": c}
                for (s, e, n), c in sorted(
                    counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]), kv[0][2])
                )
            ],
            "total": sum(counts.values()),
        }
    )


def catalog_api(request: HttpRequest):
    return json_answer({"procedures": [catalog.record(p) for p in CatalogProcedure.objects.all()]})


@csrf_exempt
def catalog_refresh_api(request: HttpRequest):
    """POST {"motcua_url"?}: fetch the province's catalog from Motcua's public API."""
    if refused := _method(request, "POST"):
        return refused
    try:
        data = read_json(request)
        count = catalog.refresh((data or {}).get("motcua_url"))
    except catalog.FetchError as exc:
        return bad_request("motcua_url", str(exc), status=502)
    except ValueError as exc:
        return bad_request("body", str(exc))
    return json_answer({"count": count})


@csrf_exempt
def catalog_load_api(request: HttpRequest):
    """POST {"procedures": [<Motcua procedure detail>…]}: a catalog given directly."""
    if refused := _method(request, "POST"):
        return refused
    try:
        data = read_json(request)
    except ValueError as exc:
        return bad_request("body", str(exc))
    items = data.get("procedures") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(
        isinstance(i, dict) and isinstance(i.get("code"), str) and i["code"] for i in items
    ):
        return bad_request(
            "procedures", "procedures phải là danh sách thủ tục, mỗi thủ tục có code."
        )
    return json_answer({"count": catalog.load(items)})


@csrf_exempt
def catalog_change_api(request: HttpRequest, code: str):
    """POST {"TENTTHC"?, "THOIGIANGIAIQUYET"?, …}: the national side changes a record."""
    if refused := _method(request, "POST", "GET"):
        return refused
    if request.method == "GET":
        held = CatalogProcedure.objects.filter(code=code).first()
        if held is None:
            return bad_request("MATTHC", f"Không có thủ tục {code}.", status=404)
        return json_answer(catalog.record(held))
    try:
        changes = read_json(request)
        if not isinstance(changes, dict):
            return bad_request("body", "Nội dung phải là một đối tượng JSON.")
        return json_answer(catalog.change(code, changes))
    except KeyError:
        return bad_request("MATTHC", f"Không có thủ tục {code}.", status=404)
    except ValueError as exc:
        return bad_request(*exc.args) if len(exc.args) == 2 else bad_request("body", str(exc))


# --- The page ---------------------------------------------------------------------------


def page(request: HttpRequest):
    dossiers = [store.dossier_summary(d) for d in Dossier.objects.order_by("-id")[:200]]
    return render(
        request,
        "national_portal/control.html",
        {
            "sim_name": settings.SIM_NAME,
            **faults_context(),
            "config": config.get(),
            "figures": store.figures(),
            "dossiers": dossiers,
            "submissions": Submission.objects.order_by("-id")[:50],
            "procedures": CatalogProcedure.objects.all(),
        },
    )


@require_POST
def catalog_form(request: HttpRequest):
    code = request.POST.get("code", "")
    changes = {}
    if request.POST.get("name", "").strip():
        changes["TENTTHC"] = request.POST["name"].strip()
    raw = request.POST.get("time_limit", "").strip().replace(",", ".")
    if raw:
        try:
            value = float(raw)
        except ValueError:
            messages.error(request, "Thời hạn giải quyết phải là một số.")
            return redirect("control")
        changes["THOIGIANGIAIQUYET"] = int(value) if value.is_integer() else value
    if not changes:
        messages.error(request, "Chưa nhập thay đổi nào.")
        return redirect("control")
    try:
        catalog.change(code, changes)
    except KeyError:
        messages.error(request, f"Không có thủ tục {code}.")
    except ValueError as exc:
        messages.error(request, exc.args[-1])
    else:
        messages.success(request, f"Đã thay đổi bản ghi quốc gia của thủ tục {code}.")
    return redirect("control")


@require_POST
def reset_form(request: HttpRequest):
    reset_all()
    messages.success(request, "Đã xóa toàn bộ dữ liệu của hệ thống giả lập.")
    return redirect("control")
