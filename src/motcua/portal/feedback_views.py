"""The portal's pages for ratings, complaints and petitions (docs/feedback.md).

A rating is given from a dossier's tracking: by its owner signed in, or by a visitor whose
session verified the dossier's lookup secret. A complaint is sent about a procedure (anyone) or
about a tracked dossier. A guest's complaints are shown to the session that sent them; a signed
-in citizen's to their account. Anyone else's answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from motcua.catalog.selectors import published_procedures
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.errors import DossierError, NotFound
from motcua.dossiers.policies import ApplicantProof
from motcua.feedback import selectors, services
from motcua.feedback.choices import CRITERIA, SCORE_MAX, SCORE_MIN, ComplaintKind, Overall
from motcua.feedback.models import Rating
from motcua.lib import ephemeral
from motcua.portal import applicant_session as visitor
from motcua.portal import limits

SESSION_COMPLAINTS = "feedback_complaints"
# A guest's fresh lookup secret, until the complaint's page shows it once: in the cache behind a
# handle in the session (lib/ephemeral), never in the session table itself.
SESSION_NEW_LOOKUP = "feedback_new_secret"  # noqa: S105 - a session key, no secret
SECRET_KEEP_SECONDS = 15 * 60
SCORES = [
    (1, gettext_lazy("Rất kém")),
    (2, gettext_lazy("Kém")),
    (3, gettext_lazy("Bình thường")),
    (4, gettext_lazy("Tốt")),
    (5, gettext_lazy("Rất tốt")),
]


def _sent_here(request) -> list[int]:
    return [int(pk) for pk in request.session.get(SESSION_COMPLAINTS, [])][:50]


def _remember(request, complaint) -> None:
    kept = [complaint.pk, *[pk for pk in _sent_here(request) if pk != complaint.pk]][:50]
    request.session[SESSION_COMPLAINTS] = kept


def _tracked(request: HttpRequest, code: str):
    try:
        return dossier_selectors.applicant_dossier(
            code=code,
            user=visitor.citizen(request),
            secret_hash=visitor.tracked_secret(request, code=code),
        )
    except NotFound:
        return None


def _proof(request, code: str) -> ApplicantProof:
    return ApplicantProof(secret_hash=visitor.tracked_secret(request, code=code))


@require_http_methods(["GET", "HEAD", "POST"])
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """Rate the service that handled a tracked dossier, or see the rating already given."""
    dossier = _tracked(request, code)
    if dossier is None:
        return redirect(reverse("portal:track") + "?" + f"code={code}")
    existing = Rating.objects.filter(dossier=dossier).first()
    errors: dict = {}
    values = {"scores": {}, "overall": "", "comment": ""}
    if request.method == "POST" and existing is None:
        data = services.RatingData(
            scores={c: request.POST.get(c, "") for c, _label in CRITERIA},
            overall=request.POST.get("overall", ""),
            comment=request.POST.get("comment", "")[:2000],
        )
        values = {"scores": data.scores, "overall": data.overall, "comment": data.comment}
        try:
            services.rate_dossier(
                dossier, data, actor=visitor.citizen(request), proof=_proof(request, code)
            )
        except DossierError as exc:
            errors = exc.errors or {"dossier": [exc.message]}
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá. Ý kiến của bạn đã được ghi nhận."))
            return redirect("portal:feedback_rate", code=dossier.code)
    context = {
        "dossier": dossier,
        "rating": existing,
        "criteria": [
            {
                "name": name,
                "label": label,
                "value": str(values["scores"].get(name, "")),
                "score": existing.score(name) if existing else None,
                "errors": errors.get(name, []),
            }
            for name, label in CRITERIA
        ],
        "scores": [(str(value), label) for value, label in SCORES],
        "overall_choices": Overall.choices,
        "values": values,
        "errors": errors,
        "low": SCORE_MIN,
        "high": SCORE_MAX,
    }
    return render(request, "portal/feedback/rate.html", context, status=422 if errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def complain(request: HttpRequest) -> HttpResponse:
    """Send a complaint or petition about a procedure, or about a tracked dossier (?ho_so=)."""
    citizen = visitor.citizen(request)
    dossier_code = (request.GET.get("ho_so") or request.POST.get("ho_so") or "")[:40]
    dossier = _tracked(request, dossier_code) if dossier_code else None
    if dossier_code and dossier is None:
        return redirect(reverse("portal:track") + "?" + f"code={dossier_code}")
    errors: dict = {}
    values = {key: request.POST.get(key, "")[:10000] for key in request.POST}
    if request.method == "POST":
        procedure = None
        if dossier is None:
            procedure = published_procedures().filter(code=values.get("procedure", "")).first()
        data = services.ComplaintData(
            kind=values.get("kind", ""),
            title=values.get("title", "")[:300],
            content=values.get("content", ""),
            contact_name=values.get("contact_name", "")[:200],
            contact_phone=values.get("contact_phone", "")[:20],
            contact_email=values.get("contact_email", "")[:254],
        )
        try:
            if dossier is None and procedure is None:
                raise DossierError(_("Chọn thủ tục được phản ánh."), field="procedure")
            complaint = services.submit_complaint(
                data,
                actor=citizen,
                dossier=dossier,
                procedure=procedure,
                proof=_proof(request, dossier_code) if dossier else None,
            )
        except DossierError as exc:
            errors = exc.errors or {exc.field or "content": [exc.message]}
        else:
            _remember(request, complaint)
            if complaint.lookup_secret:
                request.session[SESSION_NEW_LOOKUP] = [
                    complaint.code,
                    ephemeral.stash(complaint.lookup_secret, seconds=SECRET_KEEP_SECONDS),
                ]
            messages.success(
                request,
                _("Đã gửi phản ánh, kiến nghị. Mã của bạn là %(code)s.") % {"code": complaint.code},
            )
            return redirect("portal:feedback_complaint", code=complaint.code)
    context = {
        "dossier": dossier,
        "citizen": citizen,
        "kinds": ComplaintKind.choices,
        "procedures": published_procedures().order_by("name").only("code", "name")[:500],
        "values": values,
        "errors": errors,
    }
    return render(request, "portal/feedback/complain.html", context, status=422 if errors else 200)


@require_safe
def complaint_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        complaint = selectors.complaint_for(
            visitor.citizen(request), code[:30], complaint_ids=_sent_here(request)
        )
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return render(
        request,
        "portal/feedback/complaint.html",
        {"complaint": complaint, "new_secret": _take_secret(request, complaint.code)},
    )


def _take_secret(request, code: str) -> str | None:
    """The lookup secret of the complaint just sent, once: forgotten as it is read."""
    kept = request.session.get(SESSION_NEW_LOOKUP)
    if not kept or kept[0] != code:
        return None
    del request.session[SESSION_NEW_LOOKUP]
    return ephemeral.take(kept[1])


@require_http_methods(["GET", "HEAD", "POST"])
def complaint_lookup(request: HttpRequest) -> HttpResponse:
    """Find one's complaint from anywhere with its code and lookup secret (rate-limited per
    address like a dossier's lookup); found, this session may then open it."""
    errors: dict = {}
    values = {"code": "", "secret": ""}
    if request.method == "POST":
        values = {
            "code": request.POST.get("code", "")[:30].strip(),
            "secret": request.POST.get("secret", "")[:40],
        }
        if refused := limits.lookup_refused(request):
            return refused
        if not values["code"]:
            errors["code"] = [_("Nhập mã phản ánh, kiến nghị.")]
        elif not values["secret"].strip():
            errors["secret"] = [_("Nhập mật khẩu tra cứu.")]
        else:
            try:
                complaint = selectors.complaint_by_secret(values["code"], values["secret"])
            except NotFound as exc:
                errors["secret"] = [exc.message]
            else:
                _remember(request, complaint)
                return redirect("portal:feedback_complaint", code=complaint.code)
    values["secret"] = ""  # never shown back
    return render(
        request,
        "portal/feedback/lookup.html",
        {"values": values, "errors": errors},
        status=422 if errors else 200,
    )


@require_safe
def rating_detail(request: HttpRequest, pk: int) -> HttpResponse:
    citizen = visitor.citizen(request)
    if citizen is None and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("portal:login"))
    try:
        rating = selectors.rating_for(citizen, pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    return redirect("portal:feedback_rate", code=rating.dossier.code)


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """The ratings and complaints of the signed-in citizen, and those this session sent."""
    citizen = visitor.citizen(request)
    context = {
        "citizen": citizen,
        "ratings": selectors.ratings_of(citizen)[:200],
        "complaints": selectors.complaints_of(citizen, complaint_ids=_sent_here(request))[:200],
    }
    return render(request, "portal/feedback/mine.html", context)
