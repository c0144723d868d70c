"""The national portal's sync page (/can-bo/dong-bo-cong-quoc-gia/) for system administrators:
what waits, fails, is held or dead, what was delivered, the lag per agency; retry or skip."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from motcua.dossiers.errors import DossierError
from motcua.integrations.national_portal import deliveries
from motcua.integrations.national_portal.mapping import refuse_mapping_change
from motcua.office.access import forbidden, official_required


@require_safe
@official_required
def sync_page(request):
    refusal = refuse_mapping_change(request.user)
    if refusal:
        return forbidden(request, _("Trang đồng bộ dành cho quản trị hệ thống của toàn tỉnh."))
    data = deliveries.overview(request.user, now=timezone.now())
    return render(request, "office/national_portal_sync.html", {"data": data})


@require_POST
@official_required
def sync_action(request, delivery_id: int, action: str):
    refusal = refuse_mapping_change(request.user)
    if refusal:
        return forbidden(request, refusal)
    try:
        if action == "gui-lai":
            deliveries.retry_delivery(delivery_id, actor=request.user)
            messages.success(request, _("Đã đưa lượt gửi vào hàng đợi để gửi lại ngay."))
        elif action == "bo-qua":
            deliveries.skip_delivery(
                delivery_id, actor=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Đã bỏ qua lượt gửi; lý do đã được ghi nhật ký."))
        else:
            return forbidden(request, _("Thao tác không hợp lệ."))
    except DossierError as exc:
        messages.error(request, exc.message)
        return render(
            request,
            "office/national_portal_sync.html",
            {"data": deliveries.overview(request.user), "error": exc, "failed_id": delivery_id},
            status=exc.status,
        )
    return redirect("office:national_portal_sync")
