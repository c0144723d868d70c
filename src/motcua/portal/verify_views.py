"""The public page that verifies a signed result (/xac-thuc-ket-qua/): by the code printed on
it (the QR code leads here with `?ma=`), or by uploading the PDF. No sign-in: what it tells is
printed on the result."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.dossiers.errors import DossierError
from motcua.lib import uploads
from motcua.lib.upload_limits import capped_uploads
from motcua.results import public


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
