"""Tracking a dossier (tra cứu hồ sơ): by code and lookup secret, or as its signed-in owner.

A successful lookup is remembered in the session (applicant_session.track), so supplying a
requested supplement or withdrawing the dossier from the same browser needs no secret again.
A wrong code and a wrong secret get the same answer, and lookups share the API's count per IP.
Nothing about officials (who handled a step) is shown, only the units and the moments.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.delivery import selectors as postal_selectors
from motcua.dossiers import selectors, services
from motcua.dossiers.choices import Action, DossierStatus, PauseReason, ReturnChannel
from motcua.dossiers.errors import DossierError, NotFound
from motcua.dossiers.policies import ApplicantProof
from motcua.lib import upload_limits, uploads
from motcua.lib.security_headers import allow_forms_to
from motcua.lib.upload_limits import capped_uploads
from motcua.payments import providers, receipt_selectors
from motcua.payments import services as payment_services
from motcua.payments.choices import PaymentStatus
from motcua.portal import applicant_session as visitor
from motcua.portal import limits, tracking_history

S = DossierStatus
STATUS_WORDS = {
    S.DRAFT: gettext_lazy("Hồ sơ đang được soạn, chưa nộp."),
    S.SUBMITTED: gettext_lazy(
        "Hồ sơ đã được nộp trực tuyến và đang chờ bộ phận một cửa kiểm tra, tiếp nhận."
    ),
    S.RETURNED_FOR_COMPLETION: gettext_lazy(
        "Hồ sơ chưa đủ, được trả lại để bổ sung, hoàn thiện trước khi tiếp nhận."
    ),
    S.REFUSED: gettext_lazy("Hồ sơ không được tiếp nhận, với lý do nêu dưới đây."),
    S.PROCESSING: gettext_lazy("Hồ sơ đã được tiếp nhận và đang được giải quyết."),
    S.PAUSED: gettext_lazy("Việc giải quyết đang tạm dừng; thời hạn ngừng tính trong lúc này."),
    S.DECIDED: gettext_lazy("Đã có kết quả giải quyết, đang chờ trả cho bạn."),
    S.RETURNED: gettext_lazy("Đã trả kết quả."),
    S.WITHDRAWN: gettext_lazy("Hồ sơ đã được rút theo đề nghị của người nộp."),
    S.STOPPED: gettext_lazy(
        "Cơ quan đã dừng giải quyết hồ sơ, với lý do nêu dưới đây; thời hạn không còn được tính."
    ),
}


class LookupForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã hồ sơ"),
        max_length=60,  # room for stray spaces: selectors.lookup reads them away
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": gettext_lazy("Hãy nhập mã hồ sơ.")},
    )
    secret = forms.CharField(
        label=gettext_lazy("Mã tra cứu"),
        max_length=20,
        help_text=gettext_lazy("10 ký tự, được cấp khi nộp hồ sơ."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": gettext_lazy("Hãy nhập mã tra cứu.")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = LookupForm(request.POST)
        if form.is_valid():
            if refused := limits.lookup_refused(request):
                return refused
            try:
                dossier = selectors.lookup(form.cleaned_data["code"], form.cleaned_data["secret"])
            except NotFound as exc:
                form.add_error(None, exc.message)
            else:
                visitor.track(request, dossier)
                return redirect("portal:track_detail", code=dossier.code)
    else:
        form = LookupForm(initial={"code": request.GET.get("ma", "")[:40]})
    return render(request, "portal/tracking/lookup.html", {"form": form})


def _tracked(request: HttpRequest, code: str):
    try:
        return selectors.applicant_dossier(
            code=code,
            user=visitor.citizen(request),
            secret_hash=visitor.tracked_secret(request, code=code),
        )
    except NotFound:
        return None


def _render_detail(request, dossier, errors: dict | None = None, *, status=200) -> HttpResponse:
    pause = None
    if dossier.status == S.PAUSED:
        pause = dossier.pauses.filter(ended_at__isnull=True).order_by("-started_at").first()
    context = {
        "dossier": dossier,
        "case_name": dossier.procedure_snapshot["case"]["name"] or dossier.case.name,
        "status_words": STATUS_WORDS.get(dossier.status, ""),
        "history": tracking_history.history(dossier),
        "pause": pause,
        "supplement": pause if pause and pause.reason == PauseReason.SUPPLEMENT else None,
        "financial": pause if pause and pause.reason == PauseReason.FINANCIAL else None,
        "apology": getattr(dossier, "apology", None) if dossier.applicant_due_at else None,
        "completion": dossier.completion_requests.order_by("-requested_at", "-pk").first()
        if dossier.status == S.RETURNED_FOR_COMPLETION
        else None,
        "result_documents": list(
            dossier.result_documents.select_related("file", "signed").order_by("pk")
        )
        if dossier.decided_at
        else [],
        "result_online": _result_online(dossier),
        "receipts": receipt_selectors.receipts_of_dossier(dossier),
        "postal_orders": postal_selectors.orders_of_dossier(dossier),
        "may_withdraw": dossier.status != S.DRAFT
        and services.action_allowed(dossier, Action.WITHDRAW),
        "errors": errors or {},
        "other_errors": [
            message
            for key, problems in (errors or {}).items()
            if key not in ("files", "reason")
            for message in problems
        ],
        "values": request.POST if errors else {},
        "kinds": uploads.kinds_label(uploads.DOCUMENT_KINDS),
        "max_size": uploads.format_size(uploads.upload_max_bytes()),
    }
    response = render(request, "portal/tracking/detail.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return allow_forms_to(response, providers.origins())


def _result_online(dossier) -> bool:
    """Whether the result's files are given through the portal: the applicant asked for the
    result online (or it was returned online) and it is decided."""
    online = ReturnChannel.ONLINE
    return bool(dossier.decided_at) and online in (
        dossier.requested_return_channel,
        dossier.return_channel,
    )


@require_safe
def track_result_file(request: HttpRequest, code: str, document_id: int) -> HttpResponse:
    """A file of the result, for the applicant who looked the dossier up (or owns it), when the
    result is given online. Anyone else is sent to the lookup form, as for the dossier's page."""
    dossier = _tracked(request, code)
    if dossier is None:
        return redirect(reverse("portal:track") + "?" + _query(code))
    document = (
        dossier.result_documents.select_related("file").filter(pk=document_id).first()
        if _result_online(dossier)
        else None
    )
    if document is None or document.file is None:
        raise Http404(_("Kết quả này không có tệp để tải về."))
    try:
        handle = document.file.file.open("rb")
    except OSError:
        raise Http404(_("Tệp không còn trên máy chủ.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.file.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def track_detail(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _tracked(request, code)
    if dossier is None:
        return redirect(reverse("portal:track") + "?" + _query(code))
    return _render_detail(request, dossier)


def _query(code: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"ma": code})


@capped_uploads
@require_POST
def track_supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _tracked(request, code)
    if dossier is None:
        return redirect(reverse("portal:track") + "?" + _query(code))
    files = request.FILES.getlist("files")  # parsed first: the cap notes oversized files
    if upload_limits.oversized_fields(request):
        limit = uploads.format_size(uploads.upload_max_bytes())
        message = _("Tệp quá lớn: dung lượng tối đa là %(limit)s.") % {"limit": limit}
        return _render_detail(request, dossier, {"files": [message]})
    try:
        services.provide_supplement(
            dossier,
            files=files,
            note=request.POST.get("note", "").strip()[:2000],
            actor=visitor.citizen(request),
            proof=ApplicantProof(secret_hash=visitor.tracked_secret(request, code=code)),
        )
    except DossierError as exc:
        return _render_detail(request, dossier, exc.errors or {"files": [exc.message]})
    messages.success(request, _("Đã nộp hồ sơ bổ sung. Hồ sơ được tiếp tục giải quyết từ bây giờ."))
    return redirect("portal:track_detail", code=dossier.code)


@require_POST
def track_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _tracked(request, code)
    if dossier is None:
        return redirect(reverse("portal:track") + "?" + _query(code))
    try:
        services.withdraw_dossier(
            dossier,
            reason=request.POST.get("reason", "")[:2000],
            actor=visitor.citizen(request),
            proof=ApplicantProof(secret_hash=visitor.tracked_secret(request, code=code)),
        )
    except DossierError as exc:
        return _render_detail(request, dossier, exc.errors or {"reason": [exc.message]})
    messages.success(request, _("Đã rút hồ sơ. Hồ sơ sẽ không được giải quyết tiếp."))
    return redirect("portal:track_detail", code=dossier.code)


@require_safe
def my_dossiers(request: HttpRequest) -> HttpResponse:
    """The dossiers the signed-in account owns. Not those filed elsewhere under the same
    personal ID number: an account's number is typed, not verified, so matching on it would
    show one person's dossiers to whoever typed their number."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("portal:login"))
    user = visitor.citizen(request)
    dossiers = (
        selectors.dossiers_of_owner(user).order_by("-created_at", "-pk")[:200] if user else []
    )
    return render(request, "portal/tracking/mine.html", {"citizen": user, "dossiers": dossiers})


@require_POST
def track_pay(request: HttpRequest, code: str) -> HttpResponse:
    """Start paying online what the dossier still owes: off to the provider's page with a
    signed bill. Paying is confirmed only by the provider's own notification (or our query)."""
    dossier = _tracked(request, code)
    if dossier is None:
        return redirect(reverse("portal:track") + "?" + _query(code))
    try:
        started = payment_services.start_online_payment(
            dossier,
            provider_name=request.POST.get("provider", "")[:40],
            actor=visitor.citizen(request),
            proof=ApplicantProof(secret_hash=visitor.tracked_secret(request, code=code)),
        )
    except DossierError as exc:
        return _render_detail(
            request, dossier, exc.errors or {"provider": [exc.message]}, status=exc.status
        )
    return redirect(started.redirect_url)


@require_safe
def payment_return(request: HttpRequest, provider: str) -> HttpResponse:
    """The browser back from the provider. Its signature is checked and it brings the payer
    to the dossier; it confirms nothing by itself (a forged return pays nothing)."""
    payment = payment_services.record_return(provider, request.GET.dict())
    if payment is None:
        return render(request, "portal/tracking/payment_return.html", status=400)
    payment.refresh_from_db()
    if payment.status == PaymentStatus.CONFIRMED:
        messages.success(request, _("Đã nhận được tiền thanh toán. Cảm ơn bạn."))
    elif payment.status == PaymentStatus.PENDING:
        messages.info(
            request,
            _(
                "Đang chờ đơn vị thanh toán xác nhận. Trang hồ sơ sẽ cập nhật khi có xác nhận; "
                "bạn không cần thanh toán lại."
            ),
        )
    else:
        messages.warning(
            request,
            _("Thanh toán chưa thành công (%(status)s).")
            % {"status": payment.get_status_display()},
        )
    return redirect("portal:track_detail", code=payment.dossier_code)
