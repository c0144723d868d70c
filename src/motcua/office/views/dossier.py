"""The dossier page: everything about one dossier, and exactly the actions this official may
take now (dossiers.actions.available_actions), each a short form calling its service."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from motcua.delivery import selectors as postal_selectors
from motcua.dossiers import selectors, services
from motcua.dossiers.actions import available_actions
from motcua.dossiers.choices import Action, DossierStatus, FilePurpose
from motcua.dossiers.errors import DossierError, StaleVersion
from motcua.dossiers.models import Apology, Dossier
from motcua.dossiers.printouts import TITLES, form_title
from motcua.events.services import log_personal_data_access
from motcua.lib import upload_limits
from motcua.lib.upload_limits import capped_uploads
from motcua.office import lookup_secrets, payments, presenting, timing
from motcua.office.access import official_required
from motcua.office.forms import ACTION_FORMS
from motcua.office.views.common import dossier_or_404
from motcua.results import links as result_links
from motcua.workdays.services import get_calendar

# Forms that work on the current step and cannot be drawn without one.
STEP_FORMS = {Action.ASSIGN, Action.FORWARD, Action.RETURN_TO_STEP}


def _action_forms(dossier, user, step, bound):
    forms = []
    for action in available_actions(dossier, user):
        if bound is not None and bound.action == action:
            forms.append(bound)
        elif step is not None or action not in STEP_FORMS:
            forms.append(ACTION_FORMS[action](dossier=dossier, user=user, step=step))
    return forms


def _render(
    request, dossier, *, bound=None, notice: str = "", status: int = 200, extra: dict | None = None
):
    selectors.detail_related(dossier)
    now = timezone.now()
    calendar = get_calendar()
    steps = sorted(dossier.steps.all(), key=lambda step: (step.started_at, step.pk))
    step = selectors.current_of([s for s in steps if s.finished_at is None])
    forms = _action_forms(dossier, request.user, step, bound)
    money = payments.money_context(
        request.user,
        dossier,
        bound=bound,
        pause_offered=any(form.action == Action.PAUSE for form in forms),
    )
    if (
        bound is not None
        and bound not in forms
        and bound not in money["payment_forms"]
        and not notice
    ):
        # The action is no longer offered (someone acted first, or it never was): say why.
        notice = bound.service_message or _("Bạn không thể thực hiện thao tác này lúc này.")
    documents = list(dossier.documents.all())
    document_files = {document.file_id for document in documents if document.file_id}
    context = {
        "dossier": dossier,
        "due": timing.dossier_due(dossier, calendar, now),
        "steps": [(s, timing.step_due(s, calendar, now)) for s in steps],
        "current_step": step,
        "documents": documents,
        "other_files": [f for f in dossier.files.all() if f.pk not in document_files],
        "inline_types": presenting.INLINE_TYPES,
        "answers": presenting.form_answers(dossier.procedure.eform_schema, dossier.form_data),
        "timeline": presenting.timeline(dossier.audit_events.order_by("seq")),
        "issued": [
            (issued, form_title(issued.form, issued.edition))
            for issued in dossier.issued_forms.defer("html").order_by("issued_at", "pk")
        ],
        "titles": TITLES,
        "pauses": list(dossier.pauses.all()),
        "identity_checks": list(dossier.identity_checks.order_by("checked_at", "pk")),
        "results": result_links.of_documents(dossier.result_documents.all()),
        "postal_request": postal_selectors.request_of(dossier),
        "postal_orders": postal_selectors.orders_of_dossier(dossier),
        "apology": Apology.objects.filter(dossier=dossier).first(),
        "completion": dossier.completion_requests.order_by("-requested_at", "-pk").first()
        if dossier.status == DossierStatus.RETURNED_FOR_COMPLETION
        else None,
        "late_receipt": dossier.receipt_due_at is not None
        and Dossier.objects.filter(pk=dossier.pk).late_receipt(now).exists(),
        "forms": forms,
        "bound": bound,
        "notice": notice,
        "supplement": FilePurpose.SUPPLEMENT,
        "lookup_secret": lookup_secrets.kept(request, dossier.code),
        "keep_minutes": lookup_secrets.KEEP_MINUTES,
        **money,
        **(extra or {}),
    }
    response = render(request, "office/dossier.html", context, status=status)
    if context["lookup_secret"]:
        response["Cache-Control"] = "private, no-store"  # no cache may keep the secret
    return response


@require_safe
@official_required
def dossier_detail(request, code: str):
    dossier = dossier_or_404(request, code)
    log_personal_data_access(request.user, dossier, context="office")
    return _render(request, dossier)


@capped_uploads
@require_POST
@official_required
def dossier_action(request, code: str, action: str):
    """Run one action's form. Success: back to the page with a confirmation. Refused: the page
    again with the service's messages on the form (a stale version: the fresh page)."""
    form_class = ACTION_FORMS.get(action) or payments.PAYMENT_FORMS.get(action)
    if form_class is None:
        raise Http404(_("Không có thao tác này."))
    dossier = dossier_or_404(request, code)
    step = services.current_step(dossier)
    if step is None and action in STEP_FORMS:
        return _render(
            request, dossier, notice=_("Hồ sơ không có bước nào đang xử lý."), status=409
        )
    form = form_class(request.POST, request.FILES, dossier=dossier, user=request.user, step=step)
    status = 200
    if form.is_valid():
        for name in upload_limits.oversized_fields(request):
            form.add_error(None, _("Tệp quá lớn: %(name)s.") % {"name": name})
    if form.is_valid():
        try:
            form.perform()
        except StaleVersion as exc:
            fresh = dossier_or_404(request, code)
            return _render(request, fresh, notice=exc.message, status=409)
        except DossierError as exc:
            form.apply_error(exc)
            status = 200 if exc.status == 400 else exc.status
        else:
            messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": form.title})
            secret = getattr(form, "lookup_secret", None)
            if secret:  # shown on the page it redirects to, from the session only
                lookup_secrets.keep(request, dossier.code, secret)
                return redirect(reverse("office:dossier", args=[code]) + "#ma-tra-cuu")
            return redirect("office:dossier", code=code)
    return _render(request, dossier, bound=form, status=status)
