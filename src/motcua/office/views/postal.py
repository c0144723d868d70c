"""Postal orders (/can-bo/buu-chinh/): the list of the agency's orders with their status and
zone, the report by status and zone (HTML, CSV, XLSX), and cancelling an order the postman has
not taken yet (reception). What an official sees is delivery.selectors'; what they may do is
delivery.policies'."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from motcua.delivery import policies, selectors, tracking
from motcua.delivery import services as postal_services
from motcua.delivery.choices import OrderStatus, PostalService, Zone
from motcua.dossiers.errors import DossierError
from motcua.integrations.postal.client import CancelRefused, PostalClient, PostalError
from motcua.office.access import forbidden, official_required

PAGE_SIZE = 50


def _may_see(request) -> bool:
    return selectors.order_agencies_exist(request.user)


@require_safe
@official_required
def order_list(request):
    if not _may_see(request):
        return forbidden(request, _("Danh sách đơn hàng bưu chính dành cho cán bộ xử lý hồ sơ."))
    status = request.GET.get("trang_thai", "")
    zone = request.GET.get("vung", "")
    service = request.GET.get("dich_vu", "")
    orders = selectors.orders_for(
        request.user,
        status=status,
        zone=zone,
        service=service if service in PostalService.values else "",
    )
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "statuses": OrderStatus.choices,
        "zones": Zone.choices,
        "services": PostalService.choices,
        "status": status,
        "zone": zone,
        "service": service,
        "cancellable": {OrderStatus.PENDING, OrderStatus.REGISTERED},
    }
    return render(request, "office/postal_orders.html", context)


@require_POST
@official_required
def order_cancel(request, pk: int):
    order = selectors.orders_for(request.user).filter(pk=pk).first()
    if order is None:
        raise Http404(_("Không có đơn hàng bưu chính này."))
    reason = request.POST.get("reason", "")
    try:
        # Our rules refuse first (who, which status, the reason)...
        refusal = policies.can_cancel(request.user, order)
        if refusal is not None:
            raise refusal
        if not reason.strip():
            raise DossierError(_("Hãy nêu lý do hủy (tối đa 500 ký tự)."), field="reason")
        if not tracking.may_cancel(order.status):
            raise DossierError(_("Đơn hàng này không hủy được nữa."), field="status")
        # ...then the operator, then our row.
        if order.operator_order_id:
            PostalClient().cancel_order(order.operator_order_id, reason)
        postal_services.cancel_order(order, actor=request.user, reason=reason)
    except CancelRefused:
        messages.error(request, _("Bưu điện đã nhận bưu gửi, không hủy được nữa."))
    except PostalError:
        messages.error(request, _("Chưa liên lạc được với bưu điện; hãy thử lại sau."))
    except DossierError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã hủy đơn hàng %(ref)s.") % {"ref": order.reference})
    return redirect("office:postal_orders")


def _report_table(report) -> tuple[list[str], list[list]]:
    header = [_("Trạng thái"), *[str(zone.label) for zone in report["zones"]], _("Tổng")]
    rows = [[str(row["status"].label), *row["counts"], row["total"]] for row in report["rows"]]
    rows.append([_("Tổng"), *report["totals"], report["total"]])
    return header, rows


@require_safe
@official_required
def order_report(request):
    if not _may_see(request):
        return forbidden(
            request, _("Báo cáo đơn hàng bưu chính dành cho cán bộ và người xem báo cáo.")
        )
    report = selectors.report_by_status_and_zone(request.user)
    fmt = request.GET.get("dinh_dang", "")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    header, rows = _report_table(report)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="don-buu-chinh-{stamp}.csv"'
        return response
    if fmt == "xlsx":
        import xlsxwriter

        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet(_("Đơn bưu chính")[:31])
        bold = book.add_format({"bold": True})
        sheet.write(0, 0, _("Đơn hàng bưu chính theo trạng thái và vùng"), bold)
        sheet.write_row(2, 0, header, bold)
        for index, row in enumerate(rows, start=3):
            sheet.write_row(index, 0, row, bold if index == len(rows) + 2 else None)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, len(header), 14)
        book.close()
        response = HttpResponse(
            output.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="don-buu-chinh-{stamp}.xlsx"'
        return response
    return render(
        request, "office/postal_report.html", {"report": report, "header": header, "rows": rows}
    )
