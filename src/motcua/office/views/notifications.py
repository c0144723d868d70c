"""An official's notifications (/can-bo/thong-bao/): what landed in their queue, the online
dossiers near the end of their receipt day, their dossiers near the due moment. Each official
sees their own only. Their settings (/can-bo/thong-bao/cai-dat/): the channels and language,
and their own e-mail addresses and phone numbers, each confirmed with a code sent to it before
it is used, as citizens' are."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from motcua.dossiers.errors import DossierError
from motcua.notifications import selectors, services
from motcua.notifications.choices import ContactKind, Language
from motcua.office.access import official_required


@require_safe
@official_required
def inbox(request):
    return render(
        request,
        "office/notifications.html",
        {"inbox": selectors.inbox(request.user), "unread": selectors.unread_count(request.user)},
    )


@require_POST
@official_required
def read(request, pk: int):
    message = selectors.message_of(request.user, pk)
    if message is None:
        raise Http404
    services.mark_read(message, actor=request.user)
    return redirect("office:notifications")


def _settings_page(request, errors=None, status=200):
    user = request.user
    return render(
        request,
        "office/notification_settings.html",
        {
            "prefs": services.preferences_of(user),
            "contacts": selectors.contacts_of(user),
            "languages": Language.choices,
            "kinds": ContactKind.choices,
            "errors": errors or {},
        },
        status=status,
    )


@require_safe
@official_required
def settings_page(request):
    return _settings_page(request)


def _act(request, action):
    try:
        note = action(request.user)
    except DossierError as exc:
        return _settings_page(request, errors=exc.errors or {"general": [exc.message]}, status=400)
    messages.success(request, note)
    return redirect("office:notification_settings")


@require_POST
@official_required
def preferences(request):
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
@official_required
def add_contact(request):
    def action(user):
        services.add_contact(
            actor=user,
            kind=request.POST.get("kind", ""),
            value=request.POST.get("value", "")[:254],
        )
        return _("Đã gửi mã xác nhận. Nhập mã để dùng địa chỉ này.")

    return _act(request, action)


@require_POST
@official_required
def confirm(request):
    def action(user):
        services.confirm_contact(
            actor=user,
            kind=request.POST.get("kind", ""),
            value=request.POST.get("value", "")[:254],
            code=request.POST.get("code", "")[:10],
        )
        return _("Đã xác nhận địa chỉ.")

    return _act(request, action)
