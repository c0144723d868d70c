"""Inbound notifications from the online payment providers (server to server).

The body goes to payments.services.receive_notification exactly as it arrived (the provincial
gateway signs the raw bytes). The answer tells the provider whether to send it again: a
notification applied, repeated or no longer relevant is acknowledged; a forged, malformed or
unmatched one is refused (400) and changes nothing.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from motcua.dossiers.errors import DossierError
from motcua.payments import providers, services
from motcua.payments.choices import NotificationOutcome

ACKNOWLEDGED = (
    NotificationOutcome.APPLIED,
    NotificationOutcome.DUPLICATE,
    NotificationOutcome.IGNORED,
)


@csrf_exempt
@require_POST
def notify(request, provider: str):
    try:
        applied = services.receive_notification(provider, request.body, dict(request.headers))
    except DossierError as exc:
        return JsonResponse({"message": exc.message}, status=exc.status)
    answer = providers.get(provider).acknowledge(applied.outcome in ACKNOWLEDGED)
    return JsonResponse(answer.body, status=answer.status)
