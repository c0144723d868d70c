"""A dossier's files and forms, served only after the dossier's permission check, and each
read of personal data logged."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.dossiers.models import IssuedForm
from motcua.dossiers.printouts import PAGE_SIZES, issued_pdf, render_form_html, render_pdf
from motcua.events.services import log_personal_data_access
from motcua.lib.security_headers import document_policy
from motcua.office.access import official_required
from motcua.office.presenting import INLINE_TYPES
from motcua.office.views.common import dossier_or_404

# Forms drawn live from the dossier as it is now (01–05 are served as issued).
LIVE_FORMS = ("06",)


def _private(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@official_required
def dossier_file(request, code: str, file_id: int):
    """PDF and images open in the browser; any other kind is downloaded."""
    dossier = dossier_or_404(request, code)
    stored = dossier.files.filter(pk=file_id).first()
    if stored is None:
        raise Http404(_("Hồ sơ không có tệp này."))
    try:
        handle = stored.file.open("rb")
    except OSError:
        raise Http404(_("Tệp không còn trên máy chủ.")) from None
    log_personal_data_access(request.user, dossier, context=f"office:file:{stored.pk}")
    inline = stored.content_type in INLINE_TYPES
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=stored.original_name,
        content_type=stored.content_type if inline else "application/octet-stream",
    )
    return _private(response)


def _live_form(request, code: str, form: str):
    if form not in LIVE_FORMS:
        raise Http404(_("Mẫu này được phát hành khi thực hiện thao tác; hãy xem bản đã phát hành."))
    dossier = dossier_or_404(request, code)
    log_personal_data_access(request.user, dossier, context=f"office:form:{form}")
    return dossier, render_form_html(dossier, form, now=timezone.now())


@require_safe
@official_required
def live_form_html(request, code: str, form: str):
    _dossier, html = _live_form(request, code, form)
    return _private(document_policy(HttpResponse(html, content_type="text/html; charset=utf-8")))


@require_safe
@official_required
def live_form_pdf(request, code: str, form: str):
    dossier, html = _live_form(request, code, form)
    response = HttpResponse(render_pdf(html, size=PAGE_SIZES[form]), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mau-{form}-{dossier.code}.pdf"'
    return _private(response)


def _issued(request, code: str, issued_id: int) -> IssuedForm:
    dossier = dossier_or_404(request, code)
    issued = IssuedForm.objects.filter(dossier=dossier, pk=issued_id).first()
    if issued is None:
        raise Http404(_("Không có phiếu này."))
    issued.dossier = dossier
    log_personal_data_access(request.user, dossier, context=f"office:form:{issued.form}")
    return issued


@require_safe
@official_required
def issued_form_html(request, code: str, issued_id: int):
    issued = _issued(request, code, issued_id)
    response = HttpResponse(issued.html, content_type="text/html; charset=utf-8")
    return _private(document_policy(response))


@require_safe
@official_required
def issued_form_pdf(request, code: str, issued_id: int):
    issued = _issued(request, code, issued_id)
    response = HttpResponse(issued_pdf(issued), content_type="application/pdf")
    filename = f"mau-{issued.form}-{issued.dossier.code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)
