"""The reception desk: a dossier received at the counter in under a minute.

Pick the receiving agency, find the procedure and case by typing (htmx, no diacritics
needed), look up a returning applicant by personal ID, fill the e-form, tick the checklist
with a scan per document, choose how the result goes back, submit: the service creates,
codes and receives the dossier and issues form 01.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from motcua.accounts.validators import validate_personal_id
from motcua.catalog import selectors as catalog
from motcua.delivery.policies import postal_offered
from motcua.dossiers import routing
from motcua.dossiers.applicants import applicant_max_lengths
from motcua.dossiers.choices import ApplicantKind, DocumentForm, ReturnChannel
from motcua.dossiers.models import IssuedForm
from motcua.dossiers.printouts.common import heading_of
from motcua.dossiers.printouts.formatting import moment_text
from motcua.events.services import log_personal_data_access
from motcua.lib.collation import vietnamese
from motcua.lib.upload_limits import capped_uploads
from motcua.office import identity, lookup_secrets, reception
from motcua.office.access import forbidden, official_required
from motcua.office.views.common import dossier_or_404, is_htmx

SEARCH_LIMIT = 10


def _search(query: str):
    if not query.strip():
        return []
    return list(catalog.search_procedures(query)[:SEARCH_LIMIT])


def _no_reception(request):
    return forbidden(request, _("Bạn chưa được giao vai trò tiếp nhận hồ sơ tại cơ quan nào."))


@capped_uploads
@require_http_methods(["GET", "HEAD", "POST"])
@official_required
def desk(request):
    agencies = list(reception.reception_agencies(request.user).order_by(vietnamese("name"), "pk"))
    if not agencies:
        return _no_reception(request)
    source = request.POST if request.method == "POST" else request.GET
    agency = reception.chosen_agency(agencies, source.get("co_quan"))
    query = request.GET.get("q", "").replace("\x00", "")
    procedure, case = reception.find_case(source.get("thu_tuc", ""), source.get("truong_hop", ""))
    context = {
        "agencies": agencies,
        "agency": agency,
        "q": query,
        "results": _search(query) if not case else [],
        "procedure": procedure,
        "case": case,
        "form": reception.CounterForm(values=reception.initial_values()),
    }
    if case is None:
        if request.method == "POST":
            context["form"].message = _("Hãy chọn thủ tục và trường hợp trước khi tiếp nhận.")
        return render(request, "office/reception.html", context)
    documents = reception.document_lines(case)
    eform = reception.eform_of(procedure)
    context["form"] = reception.CounterForm(values=reception.initial_values(eform))
    if request.method == "POST":
        if agency is None:
            form = reception.read_post(request, documents, eform)
            form.add("co_quan", _("Hãy chọn cơ quan tiếp nhận."))
            form.message = _("Hồ sơ chưa hợp lệ, hãy sửa các trường được đánh dấu.")
        elif request.POST.get("action") == "quote":
            form = reception.read_post(request, documents, eform)
            context["postal_quote"] = reception.postal_quote(form)
            if context["postal_quote"] is None:
                form.message = _("Chưa tính được cước: hãy sửa các trường được đánh dấu.")
        else:
            submission, form = reception.receive(
                request,
                agency=agency,
                procedure=procedure,
                case=case,
                documents=documents,
                eform=eform,
            )
            if submission is not None:
                code = submission.dossier.code
                lookup_secrets.keep(request, code, submission.lookup_secret)
                return redirect("office:received", code=code)
        context["form"] = form
        context["general_errors"] = _unplaced_errors(form, documents, eform)
    context.update(
        {
            "documents": documents,
            "eform": eform,
            "communes": reception.commune_choices(agency),
            "responsible_choices": _responsible_choices(procedure, context["form"]),
            "max_lengths": applicant_max_lengths(),
            "kinds": ApplicantKind.choices,
            "return_channels": [
                (value, label)
                for value, label in ReturnChannel.choices
                if value != ReturnChannel.POST or postal_offered(procedure)
            ],
            "document_forms": DocumentForm.choices,
            "postal_offered": postal_offered(procedure),
            "postal_weights": reception.postal_weight_classes(),
        }
    )
    return render(request, "office/reception.html", context)


def _unplaced_errors(form, documents, eform) -> list[str]:
    """Messages for keys no field of the page shows (the procedure's channel, the agency), so
    they are listed on top instead of lost."""
    placed = {*reception.APPLICANT_FIELDS, "co_quan", "sets_count", "responsible_agency"}
    placed |= {"birth_date", "identity_note"}
    placed |= {"requested_return_channel", *reception.POSTAL_FIELDS}
    placed |= {f"form_data.{spec.name}" for spec in eform}
    for document in documents:
        placed |= {f"checklist.{document['code']}", f"documents.{document['code']}"}
    return [
        message
        for key, messages in form.errors.items()
        if key not in placed
        for message in messages
    ]


def _responsible_choices(procedure, form) -> list:
    """The implementing agencies to choose the responsible one from: shown when there is a
    choice to make, or when the service asked for one."""
    if "responsible_agency" in form.errors:
        return routing.implementing_agencies(procedure)
    return routing.responsible_choices(procedure)


@require_safe
@official_required
def procedure_search(request):
    """The procedures matching what is typed, for the desk's live search (htmx)."""
    agencies = list(reception.reception_agencies(request.user))
    if not agencies:
        return _no_reception(request)
    query = request.GET.get("q", "")
    context = {
        "q": query,
        "results": _search(query),
        "agency": reception.chosen_agency(agencies, request.GET.get("co_quan")),
    }
    if not is_htmx(request):
        return redirect(f"{reverse('office:reception')}?{request.GET.urlencode()}")
    return render(request, "office/_procedure_results.html", context)


@require_safe
@official_required
def applicant_lookup(request):
    """The applicant fields, filled from a returning applicant's last dossier this official may
    see (reception.returning_applicant); limited per official and logged."""
    agencies = list(reception.reception_agencies(request.user))
    if not agencies:
        return _no_reception(request)
    personal_id = request.GET.get("personal_id", "").replace(" ", "")
    values = {**reception.initial_values(), "personal_id": personal_id}
    http_status = 200
    try:
        validate_personal_id(personal_id)
    except ValidationError as exc:
        status = exc.messages[0]
    else:
        if not reception.lookup_allowed(request.user):
            http_status = 429
            status = _(
                "Bạn đã tra cứu quá nhiều số định danh trong một giờ qua; hãy nhập thông tin "
                "người nộp trực tiếp."
            )
            found = None
        else:
            found = reception.returning_applicant(request.user, personal_id)
            status = _("Chưa có hồ sơ nào với số định danh này; hãy nhập mới.")
        if found is not None:
            values.update(found.values)
            status = found.source
    agency = reception.chosen_agency(agencies, request.GET.get("co_quan"))
    context = {
        "form": reception.CounterForm(values=values),
        "lookup_status": status,
        "max_lengths": applicant_max_lengths(),
        "communes": reception.commune_choices(agency),
        "kinds": ApplicantKind.choices,
    }
    response = render(request, "office/_applicant.html", context, status=http_status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@official_required
def identity_check(request):
    """The desk's "check with the population database" button: the applicant fields, filled
    from the database when it confirms the ID, name and date of birth; the answer in words.
    Limited per official like the lookup, and logged in the personal-data access log."""
    agencies = list(reception.reception_agencies(request.user))
    if not agencies:
        return _no_reception(request)
    values = {**reception.initial_values()}
    for key in (*reception.APPLICANT_FIELDS, "birth_date", "identity_note"):
        values[key] = request.GET.get(key, "").replace("\x00", "").strip()
    values["kind"] = values["kind"] or reception.initial_values()["kind"]
    personal_id = values["personal_id"].replace(" ", "")
    values["personal_id"] = personal_id
    http_status = 200
    result = ""
    try:
        validate_personal_id(personal_id)
    except ValidationError as exc:
        status = exc.messages[0]
    else:
        if not reception.lookup_allowed(request.user):
            http_status = 429
            status = _(
                "Bạn đã tra cứu quá nhiều số định danh trong một giờ qua; hãy nhập thông tin "
                "người nộp trực tiếp."
            )
        else:
            log_personal_data_access(
                request.user, None, context="office:population-check", query=personal_id
            )
            answer = identity.ask(
                personal_id, values["name"], identity.parse_birth_date(values["birth_date"])
            )
            values = identity.prefill(values, answer)
            result = answer.result
            status = identity.status_text(answer.result, answer.fields, answer.ma_csdl)
    agency = reception.chosen_agency(agencies, request.GET.get("co_quan"))
    form = reception.CounterForm(values=values)
    form.identity_status, form.identity_result = status, result
    context = {
        "form": form,
        "max_lengths": applicant_max_lengths(),
        "communes": reception.commune_choices(agency),
        "kinds": ApplicantKind.choices,
    }
    response = render(request, "office/_applicant.html", context, status=http_status)
    response["Cache-Control"] = "private, no-store"
    return response


def _no_store(response):
    """A page showing a lookup secret: no cache may keep a copy."""
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@official_required
def received(request, code: str):
    """The dossier just received: its code, its lookup secret while this official's session
    keeps it (office.lookup_secrets), form 01 and the lookup slip to print."""
    dossier = dossier_or_404(request, code)
    receipt = IssuedForm.objects.filter(dossier=dossier, form="01").order_by("-issued_at").first()
    context = {
        "dossier": dossier,
        "receipt": receipt,
        "lookup_secret": lookup_secrets.kept(request, dossier.code),
        "keep_minutes": lookup_secrets.KEEP_MINUTES,
    }
    return _no_store(render(request, "office/received.html", context))


@require_safe
@official_required
def lookup_slip(request, code: str):
    """The applicant's lookup slip (phiếu mã tra cứu), A6, to print and hand over: the code,
    the lookup secret, where to look it up and a QR code opening that page filled in. Only
    while the session keeps the secret; never stored, so never printable again."""
    dossier = dossier_or_404(request, code)
    secret = lookup_secrets.kept(request, dossier.code)
    if secret is None:
        messages.warning(
            request,
            _(
                "Mã tra cứu của hồ sơ %(code)s không còn hiển thị. Nếu người nộp chưa nhận phiếu "
                "mã tra cứu, hãy cấp lại mã tra cứu."
            )
            % {"code": dossier.code},
        )
        return redirect("office:dossier", code=dossier.code)
    log_personal_data_access(request.user, dossier, context="office:lookup_slip")
    context = {
        "dossier": dossier,
        "heading": heading_of(dossier.receiving_agency),
        "secret": secret,
        "tracking_url": lookup_secrets.tracking_url(),
        "qr": lookup_secrets.slip_qr(dossier.code, secret),
        "printed_at": moment_text(timezone.now()),
    }
    return _no_store(render(request, "office/lookup_slip.html", context))
