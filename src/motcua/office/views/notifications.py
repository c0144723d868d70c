"""An official's notifications (/can-bo/thong-bao/): what landed in their queue, the online
dossiers near the end of their receipt day, their dossiers near the due moment. Each official
sees their own only."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from motcua.notifications import selectors, services
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
