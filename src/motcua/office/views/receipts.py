"""Electronic receipts in the office (/can-bo/bien-lai/): the list of the receipts of the
agencies the official reads receipts for, with search (number, payer, dossier code, with or
without diacritics), filters and exports (CSV, XLSX); one receipt with its PDF, and its
cancellation or replacement. The daily payment reconciliation (/can-bo/doi-soat-thanh-toan/)
with its exports.

Every list or export that shows payers is recorded as a personal-data read, one per dossier.
"""

from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from motcua.dossiers.errors import DossierError, NotFound
from motcua.dossiers.printouts.formatting import local, short_moment
from motcua.lib.spreadsheets import csv_bytes, xlsx_bytes
from motcua.office.access import forbidden, official_required
from motcua.payments import receipt_policies, receipt_selectors, receipt_services, reconciliation
from motcua.payments.choices import PaymentMethod
from motcua.payments.receipt_printout import pdf_filename, receipt_pdf
from motcua.payments.receipts import ReceiptStatus

PAGE_SIZE = 25
EXPORT_LIMIT = 20_000
FORMATS = ("csv", "xlsx")
FORM_FIELDS = ("reason", "payer_name", "payer_id_number", "payer_address")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(raw: str | None) -> date | None:
    """A day typed as dd/mm/yyyy or given by a date field (yyyy-mm-dd); None if neither."""
    raw = (raw or "").strip()
    day, month, year = (raw.split("/") + ["", "", ""])[:3] if "/" in raw else ("", "", "")
    try:
        if day:
            return date(int(year), int(month), int(day))
        return date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None


def _int(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _file(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _status_label(receipt) -> str:
    return str(ReceiptStatus.LABELS[receipt.status])


def _export_rows(receipts) -> list[list]:
    return [
        [
            receipt.template_code,
            receipt.series_code,
            receipt.number_text,
            short_moment(receipt.issued_at),
            receipt.agency_name,
            receipt.dossier_code,
            receipt.payer_name,
            receipt.payer_id_number,
            PaymentMethod(receipt.method).label if receipt.method else "",
            receipt.total,
            receipt.total_words,
            _status_label(receipt),
            receipt.cancellation.reason if receipt.is_cancelled else "",
            (
                f"{receipt.replaces.series_code} {receipt.replaces.number_text}"
                if receipt.replaces_id
                else ""
            ),
        ]
        for receipt in receipts
    ]


def _export_headers() -> list[str]:
    return [
        _("Mẫu số"),
        _("Ký hiệu"),
        _("Số"),
        _("Lập lúc"),
        _("Cơ quan thu"),
        _("Mã hồ sơ"),
        _("Người nộp tiền"),
        _("Số giấy tờ"),
        _("Hình thức"),
        _("Số tiền (đồng)"),
        _("Số tiền bằng chữ"),
        _("Trạng thái"),
        _("Lý do huỷ"),
        _("Thay thế biên lai"),
    ]


@require_safe
@official_required
def receipt_list(request):
    agencies = list(receipt_policies.readable_agencies(request.user).order_by("name"))
    if not agencies:
        return forbidden(
            request,
            _("Danh sách biên lai dành cho cán bộ tiếp nhận, trả kết quả và lãnh đạo đơn vị."),
        )
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    status = request.GET.get("trang-thai", "")
    if status not in receipt_selectors.STATUSES:
        status = ""
    agency_id = _int(request.GET.get("co-quan"))
    if agency_id not in {agency.pk for agency in agencies}:
        agency_id = None
    day_from, day_to = _day(request.GET.get("tu-ngay")), _day(request.GET.get("den-ngay"))
    receipts = receipt_selectors.receipts_for_official(
        request.user,
        query=query,
        agency_id=agency_id,
        status=status,
        day_from=day_from,
        day_to=day_to,
    )
    export = request.GET.get("xuat", "")
    if export in FORMATS:
        rows = list(receipts[:EXPORT_LIMIT])
        receipt_selectors.log_reads(
            request.user, rows, context=f"office:receipts-export-{export}", query=query
        )
        stamp = local(timezone.now()).strftime("%Y%m%d-%H%M")
        if export == "csv":
            data = csv_bytes(_export_headers(), _export_rows(rows))
            return _file(data, f"bien-lai-{stamp}.csv", "text/csv; charset=utf-8")
        data = xlsx_bytes(
            _export_headers(), _export_rows(rows), sheet=_("Biên lai"), title=_("Biên lai điện tử")
        )
        return _file(data, f"bien-lai-{stamp}.xlsx", XLSX_TYPE)
    paginator = Paginator(receipts, PAGE_SIZE)
    number = min(max(_int(request.GET.get("page")) or 1, 1), max(paginator.num_pages, 1))
    page = paginator.page(number)
    receipt_selectors.log_reads(
        request.user, page.object_list, context="office:receipts", query=query
    )
    filters = request.GET.copy()
    filters.pop("page", None)
    filters.pop("xuat", None)
    context = {
        "page": page,
        "receipts": page.object_list,
        "query": query,
        "status": status,
        "statuses": [(key, ReceiptStatus.LABELS[key]) for key in receipt_selectors.STATUSES],
        "agencies": agencies,
        "agency_id": agency_id,
        "day_from": day_from,
        "day_to": day_to,
        "filters": filters.urlencode(),
    }
    return render(request, "office/receipts/list.html", context)


def _receipt_or_none(request, pk: int):
    try:
        return receipt_selectors.receipt_for_official(request.user, pk)
    except NotFound:
        return None


def _not_found(request):
    return render(
        request,
        "office/forbidden.html",
        {"message": _("Không tìm thấy biên lai, hoặc bạn không xem được biên lai này.")},
        status=404,
    )


def _detail(request, receipt, *, errors=None, values=None, status=200):
    receipt_selectors.log_reads(request.user, [receipt], context="office:receipt")
    may_correct = (
        receipt.status != "replaced"
        and receipt_policies.refuse_receipt_correction(request.user, receipt) is None
    )
    context = {
        "receipt": receipt,
        "status_label": _status_label(receipt),
        "method": PaymentMethod(receipt.method).label if receipt.method else "",
        "may_correct": may_correct,
        "errors": errors or {},
        "values": values or {},
    }
    return render(request, "office/receipts/detail.html", context, status=status)


@require_safe
@official_required
def receipt_detail(request, pk: int):
    receipt = _receipt_or_none(request, pk)
    if receipt is None:
        return _not_found(request)
    return _detail(request, receipt)


@require_safe
@official_required
def receipt_pdf_view(request, pk: int):
    receipt = _receipt_or_none(request, pk)
    if receipt is None:
        return _not_found(request)
    receipt_selectors.log_reads(request.user, [receipt], context="office:receipt-pdf")
    return _file(receipt_pdf(receipt), pdf_filename(receipt), "application/pdf")


@require_POST
@official_required
def receipt_correct(request, pk: int, action: str):
    """Cancel (`huy`) or replace (`thay-the`) a receipt, from the forms of its page."""
    receipt = _receipt_or_none(request, pk) if action in ("huy", "thay-the") else None
    if receipt is None:
        return _not_found(request)
    values = {key: request.POST.get(key, "")[:1000] for key in request.POST}
    try:
        if action == "huy":
            receipt_services.cancel_receipt(
                receipt, reason=request.POST.get("reason", ""), actor=request.user
            )
            return redirect("office:receipt", pk=receipt.pk)
        new = receipt_services.replace_receipt(
            receipt,
            reason=request.POST.get("reason", ""),
            payer_name=request.POST.get("payer_name", ""),
            payer_id_number=request.POST.get("payer_id_number", ""),
            payer_address=request.POST.get("payer_address", ""),
            actor=request.user,
        )
        return redirect("office:receipt", pk=new.pk)
    except DossierError as exc:
        errors = dict(exc.errors) if exc.field in FORM_FIELDS else {"general": [exc.message]}
        return _detail(
            request,
            receipt_selectors.receipt_for_official(request.user, pk),
            errors={**errors, "action": action},
            values=values,
            status=exc.status if exc.status != 404 else 400,
        )


@require_safe
@official_required
def reconciliation_report(request):
    agencies = list(receipt_policies.report_agencies(request.user).order_by("name"))
    if not agencies:
        return forbidden(
            request,
            _(
                "Đối soát thanh toán dành cho người xem báo cáo, lãnh đạo đơn vị và cán bộ tiếp nhận."
            ),
        )
    today = local(timezone.now()).date()
    day_from = _day(request.GET.get("tu-ngay")) or today
    day_to = _day(request.GET.get("den-ngay")) or day_from
    agency_id = _int(request.GET.get("co-quan"))
    if agency_id not in {agency.pk for agency in agencies}:
        agency_id = None
    report = reconciliation.daily_reconciliation(
        request.user, day_from=day_from, day_to=day_to, agency_id=agency_id
    )
    export = request.GET.get("xuat", "")
    if export in FORMATS:
        name = f"doi-soat-thanh-toan-{report.day_from:%Y%m%d}-{report.day_to:%Y%m%d}"
        headers, rows = reconciliation.headers(), reconciliation.table(report)
        if export == "csv":
            return _file(csv_bytes(headers, rows), f"{name}.csv", "text/csv; charset=utf-8")
        title = _("Đối soát thanh toán từ %(start)s đến %(end)s") % {
            "start": f"{report.day_from:%d/%m/%Y}",
            "end": f"{report.day_to:%d/%m/%Y}",
        }
        data = xlsx_bytes(headers, rows, sheet=_("Đối soát"), title=title, bold_last_row=True)
        return _file(data, f"{name}.xlsx", XLSX_TYPE)
    filters = request.GET.copy()
    filters.pop("xuat", None)
    context = {
        "report": report,
        "agencies": agencies,
        "agency_id": agency_id,
        "filters": filters.urlencode(),
    }
    return render(request, "office/receipts/reconciliation.html", context)
