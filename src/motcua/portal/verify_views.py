"""The public page that verifies a signed result (/xac-thuc-ket-qua/): by the code printed on
it (the QR code leads here with `?ma=`), or by uploading the PDF. No sign-in: what it tells is
printed on the result. And a signed result's public download link (/ket-qua/<code>/<token>/,
results/links.py), the one the national portal is given: the signed PDF to whoever holds the
link, counted per address (RESULT_LINK_RATE_LIMIT a minute); anything else is a 404."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from motcua.dossiers.errors import DossierError
from motcua.lib import ratelimit, uploads
from motcua.lib.upload_limits import capped_uploads
from motcua.portal import limits
from motcua.results import links, public


@capped_uploads
@require_http_methods(["GET", "HEAD", "POST"])
def verify_result(request: HttpRequest) -> HttpResponse:
    verdict = None
    errors: dict[str, str] = {}
    code = request.GET.get("ma", "").strip()[:40]
    try:
        if request.method == "POST":
            uploaded = request.FILES.get("file")
            if uploaded is None:
                errors["file"] = _no_file()
            else:
                verdict = public.verify_upload(uploaded)
        elif code:
            verdict = public.verify_code(code)
    except DossierError as exc:
        errors[exc.field or "code"] = exc.message
    response = render(
        request,
        "portal/verify_result.html",
        {
            "verdict": verdict,
            "code": code,
            "errors": errors,
            "max_size": uploads.format_size(settings.RESULT_VERIFY_MAX_BYTES),
        },
        status=400 if errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


def _no_file() -> str:
    return _("Hãy chọn tệp PDF của văn bản kết quả.")


@require_safe
def result_download(request: HttpRequest, code: str, token: str) -> HttpResponse:
    ip = ratelimit.client_ip(request)
    if not ratelimit.hit(
        "result-link", ip, limit=settings.RESULT_LINK_RATE_LIMIT, window=limits.MINUTE
    ):
        return limits.too_many(
            request,
            _("Có quá nhiều lượt tải kết quả từ địa chỉ mạng của bạn. Hãy thử lại sau ít phút."),
            window=limits.MINUTE,
        )
    result = links.resolve(code[:40], token)
    if result is None:
        raise Http404(_("Liên kết tải kết quả không đúng hoặc đã bị thu hồi."))
    try:
        handle = result.file.file.open("rb")
    except OSError:
        raise Http404(_("Tệp không còn trên máy chủ.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=result.file.original_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
