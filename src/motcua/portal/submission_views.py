"""Applying online: choose the case and the place, fill in the e-form and the applicant, upload
the documents, review, submit, and get the code and lookup secret.

Each screen parses the request, checks the visitor is the applicant (their own dossier when
signed in, or one their guest session holds), calls a dossier service and renders what it
answered. The rules are the services'.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.choices import AccountKind
from motcua.catalog import selectors as catalog_selectors
from motcua.catalog.choices import ImplementingLevel
from motcua.catalog.models import Procedure
from motcua.dossiers import routing, selectors, services
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import ApplicantKind, Channel, DossierStatus
from motcua.dossiers.errors import DossierError, NotFound, TransitionRefused
from motcua.dossiers.policies import ApplicantProof
from motcua.integrations.national_portal import datastore
from motcua.lib import upload_limits, uploads
from motcua.lib.upload_limits import capped_uploads
from motcua.portal import applicant_session as visitor
from motcua.portal import limits
from motcua.portal import submission_forms as sf
from motcua.portal.online_channel import our_channel_open
from motcua.portal.submission_display import review_context


def _online_procedure(code: str) -> Procedure:
    try:
        procedure = catalog_selectors.get_published_procedure(code)
    except Procedure.DoesNotExist:
        raise Http404(_("Không tìm thấy thủ tục hành chính này.")) from None
    if not procedure.accepts_online_submission():
        raise Http404(_("Thủ tục này chưa nhận hồ sơ trực tuyến."))
    return procedure


def _routing_questions(procedure: Procedure, places) -> tuple[list, list | None]:
    """What the start page asks so that dossiers.routing can choose the responsible agency:
    the applicant's commune, where the rule follows it (a commune-level procedure several
    agencies carry out), and the agencies to choose from, where `routing.route_or_choices`
    cannot decide at any of the places (a place that carries out the procedure decides)."""
    communes = None
    if procedure.implementing_level == ImplementingLevel.COMMUNE and routing.responsible_choices(
        procedure
    ):
        province = sf.home_province(places[0] if places else None)
        communes = sf.commune_options(province=province)
    if not places or communes is not None:
        return [], communes
    if any(routing.implements(procedure, place) for place in places):
        return [], communes
    _agency, _reason, choices = routing.route_or_choices(procedure, places[0])
    return choices, communes


def _procedure_of_code(request, code, **kwargs):
    try:
        return catalog_selectors.get_published_procedure(code)
    except Procedure.DoesNotExist:
        return None


def _procedure_of_draft(request, pk, **kwargs):
    """A draft never submitted is refused (with its procedure to link to); a dossier already
    submitted here and returned for completion is completed here."""
    dossier = own_dossier(request, pk)
    return dossier.procedure if dossier.status == DossierStatus.DRAFT else False


def _prefilled_applicant(user, commune=None) -> Applicant:
    code = commune.code if commune is not None else ""
    if user is None:
        return Applicant(kind=ApplicantKind.CITIZEN, name="", commune_code=code)
    organisation = user.kind == AccountKind.ORGANISATION
    return Applicant(
        kind=ApplicantKind.ORGANISATION if organisation else ApplicantKind.CITIZEN,
        name=(user.organisation_name if organisation else "") or user.get_full_name(),
        personal_id="" if organisation else (user.personal_id or ""),
        tax_code=user.tax_code if organisation else "",
        commune_code=code,
        phone=user.phone,
        email=user.email,
    )


def _start_initial(request, places, communes) -> dict:
    """The procedure page's commune (?xa=), carried to the start page: the applicant's commune,
    and the place to hand in at when one place is in it."""
    code = request.GET.get("xa", "")
    if not code or "\x00" in code:
        return {}
    initial = {}
    if communes and any(c.code == code for c in communes):
        initial["commune_code"] = code
    local = [place for place in places if place.commune_id and place.commune.code == code]
    if len(local) == 1:
        initial["receiving_agency"] = local[0].pk
    return initial


@require_http_methods(["GET", "HEAD", "POST"])
@our_channel_open(_procedure_of_code)
def start(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _online_procedure(code)
    places = catalog_selectors.receiving_places(procedure)
    choices, communes = _routing_questions(procedure, places)
    if not choices and request.POST.get("responsible_agency"):
        choices = routing.implementing_agencies(procedure)  # offered after a refusal
    form = sf.StartForm(
        request.POST or None,
        procedure=procedure,
        places=places,
        responsible_choices=choices,
        communes=communes,
        initial=_start_initial(request, places, communes),
    )
    user = visitor.citizen(request)
    if request.method == "POST" and form.is_valid():
        commune = form.chosen_commune()
        responsible, problem, choices = routing.route_or_choices(
            procedure, form.chosen_receiving(), form.chosen_responsible(), commune=commune
        )
        if responsible is None and communes is not None and commune is None:
            form.add_error(
                "commune_code",
                _(
                    "Hãy chọn xã, phường nơi bạn cư trú: hồ sơ được chuyển tới Ủy ban nhân dân "
                    "xã, phường đó giải quyết."
                ),
            )
        elif responsible is None:
            form.offer_responsible(choices, problem)
        elif user is None and (refused := limits.guest_draft_refused(request)):
            return refused
        else:
            try:
                draft = services.create_dossier(
                    procedure=procedure,
                    case=form.cleaned_data["case"],
                    channel=Channel.ONLINE,
                    applicant=_prefilled_applicant(user, commune),
                    receiving_agency=form.chosen_receiving(),
                    responsible_agency=form.chosen_responsible(),
                    owner=user,
                    actor=user,
                    submit=False,
                ).dossier
            except DossierError as exc:
                for name, problems in (exc.errors or {None: [exc.message]}).items():
                    for problem in problems:
                        form.add_error(name if name in form.fields else None, problem)
            else:
                if user is None:
                    visitor.hold(request, draft)
                return redirect("portal:draft_form", pk=draft.pk)
    context = {
        "procedure": procedure,
        "form": form,
        "searchable": len(places) > 8,
        "steps": _steps("start"),
    }
    return render(request, "portal/submission/start.html", context)


@require_safe
@our_channel_open(_procedure_of_code)
def place_options(request: HttpRequest, code: str) -> HttpResponse:
    """htmx: the receiving places whose name matches `q`, as <option>s."""
    procedure = _online_procedure(code)
    places = sf.matching_places(
        catalog_selectors.receiving_places(procedure), request.GET.get("q", "")
    )
    selected = request.GET.get("receiving_agency", "")
    options = [(str(agency.pk), agency.name) for agency in places]
    return render(
        request,
        "portal/submission/_options.html",
        {"options": options, "selected": selected, "empty_label": _("— Chọn nơi nộp —")},
    )


@require_safe
def commune_options(request: HttpRequest) -> HttpResponse:
    """htmx: communes matching `q` for a commune picker; `ten` names the picker's select,
    whose current value stays selected."""
    name = request.GET.get("ten", "")
    selected = request.GET.get(name, "") if name else ""
    communes = sf.commune_options(query=request.GET.get("q", ""), selected=selected)
    options = [(c.code, f"{c.name}, {c.province.name}") for c in communes]
    return render(
        request,
        "portal/submission/_options.html",
        {"options": options, "selected": selected, "empty_label": _("— Chọn xã, phường —")},
    )


# --- the draft -------------------------------------------------------------------------------


def own_dossier(request: HttpRequest, pk: int):
    """The visitor's own dossier `pk` (any status), or 404; 404 too for a draft that expired
    (services.expire_abandoned_drafts)."""
    try:
        dossier = selectors.applicant_dossier(
            pk=pk,
            user=visitor.citizen(request),
            held=visitor.holds(request, pk),
            secret_hash=visitor.tracked_secret(request, pk=pk),
        )
    except NotFound:
        raise Http404(_("Không tìm thấy hồ sơ.")) from None
    if dossier.status == DossierStatus.DRAFT and dossier.closed_at is not None:
        raise Http404(_("Bản nháp này đã bị hủy vì bỏ dở quá lâu; hãy lập hồ sơ mới."))
    return dossier


def _acting(request: HttpRequest, dossier) -> dict:
    """Who acts on `dossier` for the services: the signed-in citizen, and what this session
    holds of it (the draft it created, the lookup secret it gave); the services decide."""
    return {"actor": visitor.citizen(request), "proof": _proof(request, dossier)}


def _proof(request: HttpRequest, dossier) -> ApplicantProof:
    return ApplicantProof(
        drafts=frozenset({dossier.pk}) if visitor.holds(request, dossier.pk) else frozenset(),
        secret_hash=visitor.tracked_secret(request, pk=dossier.pk),
    )


def _steps(current: str, dossier=None) -> list[dict]:
    labels = [
        ("start", _("Chọn nơi nộp")),
        (sf.FORM_PAGE, _("Tờ khai")),
        (sf.DOCUMENTS_PAGE, _("Giấy tờ")),
        (sf.REVIEW_PAGE, _("Kiểm tra và nộp")),
    ]
    urls = _page_urls(dossier) if dossier else {}
    return [
        {"key": key, "label": label, "current": key == current, "url": urls.get(key, "")}
        for key, label in labels
    ]


def _page_urls(dossier) -> dict:
    return {
        sf.FORM_PAGE: reverse("portal:draft_form", args=[dossier.pk]),
        sf.DOCUMENTS_PAGE: reverse("portal:draft_documents", args=[dossier.pk]),
        sf.REVIEW_PAGE: reverse("portal:draft_review", args=[dossier.pk]),
    }


def _not_editable(dossier) -> HttpResponse:
    if not dossier.code:
        raise Http404(_("Hồ sơ này không còn sửa được."))
    return redirect("portal:submitted", pk=dossier.pk)


def _summary(problems: dict, dossier) -> list[dict]:
    documents = list(dossier.documents.all())
    return sf.problems_list(problems, dossier, documents, _page_urls(dossier))


def _render_form(request, dossier, errors: dict | None = None, *, status=200) -> HttpResponse:
    errors = errors or {}
    guest = dossier.owner_id is None
    eform = sf.eform_inputs(dossier, errors, guest=guest)
    people = sf.applicant_inputs(dossier, errors, guest=guest)
    sf.attach_commune_choices(
        [*eform, *people["applicant"]], sf.home_province(dossier.receiving_agency)
    )
    context = {
        "dossier": dossier,
        "eform": eform,
        "eform_title": (dossier.procedure.eform_schema or {}).get("title", ""),
        **people,
        "return_channel": sf.return_channel_input(dossier, errors),
        "submitter_open": any([dossier.submitter_name, dossier.submitter_personal_id])
        or any(key.startswith("submitter_") for key in errors),
        "problems": _summary(errors, dossier),
        "steps": _steps(sf.FORM_PAGE, dossier),
        "guest": guest,
    }
    return render(request, "portal/submission/form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@our_channel_open(_procedure_of_draft)
def draft_form(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = own_dossier(request, pk)
    autosave = request.headers.get("HX-Request") == "true"
    if not dossier.applicant_may_edit:
        if autosave:  # submitted from another tab: say so where the save status shows
            return render(
                request,
                "portal/submission/_save_status.html",
                {"error": _("Hồ sơ đã nộp, không sửa được nữa.")},
            )
        return _not_editable(dossier)
    if request.method != "POST":
        return _render_form(request, dossier)
    try:
        dossier = services.update_draft(
            dossier,
            **_acting(request, dossier),
            applicant=sf.applicant_from_post(request.POST, dossier),
            form_data=sf.form_data_from_post(dossier, request.POST),
            requested_return_channel=request.POST.get(sf.RETURN_CHANNEL) or None,
        )
    except DossierError as exc:
        if autosave:
            return render(request, "portal/submission/_save_status.html", {"error": exc.message})
        return _render_form(request, dossier, exc.errors or {"__all__": [exc.message]})
    if autosave:
        return render(request, "portal/submission/_save_status.html", {"saved_at": timezone.now()})
    if request.POST.get("action") == "next":
        problems = sf.on_page(services.check_draft(dossier), sf.FORM_PAGE)
        if problems:
            return _render_form(request, dossier, problems)
        return redirect("portal:draft_documents", pk=dossier.pk)
    messages.success(request, _("Đã lưu bản nháp. Bạn có thể quay lại hoàn thiện sau."))
    return redirect("portal:draft_form", pk=dossier.pk)


def _render_documents(request, dossier, errors: dict | None = None) -> HttpResponse:
    errors = errors or {}
    documents = list(dossier.documents.select_related("file"))
    # A signed-in applicant's own earlier files, offered for reuse (docs/data-reuse.md).
    citizen = visitor.citizen(request)
    reusable = list(selectors.reusable_files(citizen, excluding=dossier)[:50])
    national = datastore.documents_of(citizen) if citizen is not None else []
    rows = [
        {
            "document": document,
            "id": f"doc-{index}",
            "name": f"giay_to.{document.code}",
            "reuse_name": f"tai_su_dung.{document.code}",
            "national_name": f"kho_quoc_gia.{document.code}",
            "errors": errors.get(f"documents.{document.code}", []),
        }
        for index, document in enumerate(documents, start=1)
    ]
    context = {
        "dossier": dossier,
        "rows": rows,
        "problems": _summary(errors, dossier),
        "kinds": uploads.kinds_label(uploads.DOCUMENT_KINDS),
        "accept": ",".join(
            f".{ext}" for ext in ("pdf", "png", "jpg", "jpeg", "doc", "docx", "xlsx", "odt")
        ),
        "max_size": uploads.format_size(uploads.upload_max_bytes()),
        "steps": _steps(sf.DOCUMENTS_PAGE, dossier),
        "reusable": reusable,
        "national": national or [],
        "national_unavailable": citizen is not None and national is None,
    }
    return render(request, "portal/submission/documents.html", context)


@capped_uploads
@require_http_methods(["GET", "HEAD", "POST"])
@our_channel_open(_procedure_of_draft)
def draft_documents(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = own_dossier(request, pk)
    if not dossier.applicant_may_edit:
        return _not_editable(dossier)
    if request.method != "POST":
        return _render_documents(request, dossier)
    errors: dict[str, list[str]] = {}
    files = request.FILES  # parses the body: the cap notes oversized files as it streams
    too_large = set(upload_limits.oversized_fields(request))
    stored = 0
    for document in list(dossier.documents.all()):
        if document.is_eform:
            continue
        name = f"giay_to.{document.code}"
        key = f"documents.{document.code}"
        if name in too_large:
            errors[key] = [
                _("Tệp quá lớn: dung lượng tối đa là %(limit)s.")
                % {"limit": uploads.format_size(uploads.upload_max_bytes())}
            ]
            continue
        upload = files.get(name)
        if upload is None:
            chosen = request.POST.get(f"tai_su_dung.{document.code}", "")
            shared = request.POST.get(f"kho_quoc_gia.{document.code}", "")
            if shared and not chosen:
                try:
                    dossier = _reuse_national(request, dossier, document.code, shared)
                    stored += 1
                except DossierError as exc:
                    errors[key] = exc.errors.get(key) or [exc.message]
            if chosen:
                try:
                    dossier = services.reuse_own_file(
                        dossier,
                        **_acting(request, dossier),
                        document_code=document.code,
                        file_id=int(chosen) if chosen.isdigit() else None,
                    )
                    stored += 1
                except DossierError as exc:
                    errors[key] = exc.errors.get(key) or [exc.message]
            continue
        if refused := limits.upload_refused(request, upload.size):
            return refused
        try:
            dossier = services.update_draft(
                dossier,
                **_acting(request, dossier),
                uploads=[services.Upload(document.code, upload)],
            )
            stored += 1
        except DossierError as exc:
            errors[key] = exc.errors.get(key) or [exc.message]
    if errors:
        return _render_documents(request, dossier, errors)
    if request.POST.get("action") == "next":
        problems = sf.on_page(services.check_draft(dossier), sf.DOCUMENTS_PAGE)
        if problems:
            return _render_documents(request, dossier, problems)
        return redirect("portal:draft_review", pk=dossier.pk)
    if stored:
        messages.success(
            request,
            ngettext("Đã tải lên %(count)d tệp.", "Đã tải lên %(count)d tệp.", stored)
            % {"count": stored},
        )
    return redirect("portal:draft_documents", pk=dossier.pk)


def _reuse_national(request, dossier, document_code: str, shared_code: str):
    """Copy one document of the applicant's own national personal data store (listed again
    here, for their own personal ID) into the draft's line."""
    key = f"documents.{document_code}"
    citizen = visitor.citizen(request)
    listed = datastore.documents_of(citizen) if citizen is not None else None
    if listed is None:
        message = _("Chưa kết nối được kho dữ liệu trên Cổng DVC quốc gia; hãy thử lại sau.")
        raise DossierError(message, errors={key: [message]})
    found = next((d for d in listed if d.code == shared_code), None)
    if found is None:
        message = _("Không tìm thấy giấy tờ này trong kho dữ liệu của bạn.")
        raise DossierError(message, errors={key: [message]})
    content = datastore.fetch(found)
    if content is None:
        message = _("Chưa tải được giấy tờ từ kho dữ liệu quốc gia; hãy thử lại sau.")
        raise DossierError(message, errors={key: [message]})
    return services.reuse_national_document(
        dossier,
        **_acting(request, dossier),
        document_code=document_code,
        name=found.file_name,
        content=content,
        sha256=found.sha256,
        reference=found.code,
    )


def _render_review(request, dossier, problems: dict) -> HttpResponse:
    token = "" if problems else visitor.new_review_token(request, dossier.pk)
    context = {
        **review_context(dossier),
        "problems": _summary(problems, dossier),
        "token": token,
        "urls": _page_urls(dossier),
        "steps": _steps(sf.REVIEW_PAGE, dossier),
    }
    return render(request, "portal/submission/review.html", context)


@require_safe
@our_channel_open(_procedure_of_draft)
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = own_dossier(request, pk)
    if not dossier.applicant_may_edit:
        return _not_editable(dossier)
    return _render_review(request, dossier, services.check_draft(dossier))


@require_POST
@our_channel_open(_procedure_of_draft)
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = own_dossier(request, pk)
    token = request.POST.get("token", "")
    state = visitor.token_state(request, token, pk)
    if state == "used" or not dossier.applicant_may_edit:
        # The same page posted twice (a double click, a resent form): the first result stands.
        return _not_editable(dossier)
    if state != "pending":
        messages.error(
            request, _("Trang kiểm tra này đã cũ. Hãy xem lại hồ sơ rồi bấm “Nộp hồ sơ”.")
        )
        return redirect("portal:draft_review", pk=pk)
    if dossier.owner_id is None:
        refused = limits.guest_submission_refused(request, dossier.applicant_email)
        if refused:
            return refused
    try:
        submission = services.submit_dossier(dossier, **_acting(request, dossier))
    except TransitionRefused:
        dossier.refresh_from_db()
        if not dossier.applicant_may_edit:
            return _not_editable(dossier)
        raise
    except DossierError as exc:
        return _render_review(request, dossier, exc.errors or {"__all__": [exc.message]})
    visitor.use_token(request, token, pk)
    if submission.lookup_secret:
        visitor.keep_secret(request, pk, submission.lookup_secret)
    visitor.track(request, submission.dossier)
    return redirect("portal:submitted", pk=pk)
