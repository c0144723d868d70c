"""The applicant's notifications (/thong-bao/): the in-app list with what is unread, the
choice of channels and language, the e-mail addresses and phone numbers with their codes; and
the guests' page where the code sent to the contact given on a dossier is entered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.dossiers.errors import DossierError
from motcua.notifications import selectors, services
from motcua.notifications.choices import ContactKind, Language
from motcua.portal import applicant_session as visitor


def _signed_in(request):
    return visitor.citizen(request)


def _page(request, user, errors=None, status=200):
    return render(
        request,
        "portal/notifications/inbox.html",
        {
            "inbox": selectors.inbox(user),
            "unread": selectors.unread_count(user),
            "prefs": services.preferences_of(user),
            "contacts": selectors.contacts_of(user),
            "languages": Language.choices,
            "kinds": ContactKind.choices,
            "errors": errors or {},
        },
        status=status,
    )


def inbox(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("portal:login"))
    user = _signed_in(request)
    if user is None:
        raise Http404
    return _page(request, user)


def _act(request, action):
    if not request.user.is_authenticated or _signed_in(request) is None:
        raise Http404
    user = _signed_in(request)
    try:
        note = action(user)
    except DossierError as exc:
        return _page(request, user, errors=exc.errors or {"general": [exc.message]}, status=400)
    if note:
        messages.success(request, note)
    return redirect("portal:notifications")


@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    user = _signed_in(request)
    message = selectors.message_of(user, pk) if user else None
    if message is None:
        raise Http404
    services.mark_read(message, actor=user)
    return redirect("portal:notifications")


@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    def action(user):
        services.set_preferences(
            user,
            actor=user,
            language=request.POST.get("language", ""),
            by_email="by_email" in request.POST,
            by_sms="by_sms" in request.POST,
            in_app="in_app" in request.POST,
        )
        return _("Đã lưu cách nhận thông báo.")

    return _act(request, action)


@require_POST
def add_contact(request: HttpRequest) -> HttpResponse:
    def action(user):
        services.add_contact(
            actor=user, kind=request.POST.get("kind", ""), value=request.POST.get("value", "")
        )
        return _("Đã gửi mã xác nhận. Nhập mã để dùng địa chỉ này.")

    return _act(request, action)


@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    def action(user):
        services.confirm_contact(
            actor=user,
            kind=request.POST.get("kind", ""),
            value=request.POST.get("value", ""),
            code=request.POST.get("code", ""),
        )
        return _("Đã xác nhận địa chỉ.")

    return _act(request, action)


@require_http_methods(["GET", "POST"])
def guest_confirm(request: HttpRequest) -> HttpResponse:
    """A guest enters the code sent to the e-mail or phone given on their dossier."""
    errors, done = {}, False
    if request.method == "POST":
        try:
            services.confirm_contact(
                actor=None,
                kind=request.POST.get("kind", ""),
                value=request.POST.get("value", ""),
                code=request.POST.get("code", ""),
            )
            done = True
        except DossierError as exc:
            errors = exc.errors or {"code": [exc.message]}
    return render(
        request,
        "portal/notifications/guest_confirm.html",
        {"errors": errors, "done": done, "kinds": ContactKind.choices, "form": request.POST},
        status=400 if errors else 200,
    )
