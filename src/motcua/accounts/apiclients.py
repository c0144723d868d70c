"""API client keys: creation, hashing, authentication, and what each scope grants."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import ApiClient, User
from motcua.agencies.choices import Role
from motcua.agencies.models import RoleGrant
from motcua.lib.queries import unique_or_none

# Marks the national public service portal's own client: the only one whose dossiers may come
# through the national portal's channel (ApiClient.is_national_portal). It opens no endpoint
# by itself; the client needs "dossiers:submit" too.
NATIONAL_PORTAL_SCOPE = "dossiers:national_portal"

# The public postal operator's client: it reports tracking updates of postal orders (signed
# webhooks, integrations/postal) and so needs the result-return role, to close a dossier whose
# result it delivered.
POSTAL_SCOPE = "postal:tracking"

# A leaders' system reading the figures of the client's agency and its subtree
# (/api/v1/reports/...): its service user reads reports there, and sees no dossier.
REPORTS_SCOPE = "reports:read"

# Each scope lets a client call some endpoints, and grants its service user the role the
# services require for those actions.
SCOPES: dict[str, Role | None] = {
    "dossiers:read": None,
    "dossiers:submit": None,
    NATIONAL_PORTAL_SCOPE: None,
    "dossiers:receive": Role.RECEPTION,
    "dossiers:process": Role.SPECIALIST,
    "dossiers:lead": Role.UNIT_LEADER,
    "dossiers:return": Role.RESULT_RETURN,
    POSTAL_SCOPE: Role.RESULT_RETURN,
    REPORTS_SCOPE: Role.REPORT_READER,
}


# The reference-data audit chain's name for an API client's changes (events/reference.py).
SUBJECT_API_CLIENT = "api_client"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_client(name: str, *, agency, scopes: list[str]) -> tuple[ApiClient, str]:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ValueError(f"unknown scopes: {', '.join(unknown)} (known: {', '.join(SCOPES)})")
    prefix = secrets.token_hex(4)
    key = f"mc_{prefix}_{secrets.token_urlsafe(32)}"
    user = User.objects.create(
        username=f"api-{prefix}",
        full_name=f"API: {name}",
        kind=AccountKind.OFFICIAL,
        is_active=True,
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    client = ApiClient.objects.create(
        name=name,
        user=user,
        agency=agency,
        scopes=sorted(set(scopes)),
        key_prefix=prefix,
        key_hash=_hash(key),
    )
    roles = {SCOPES[scope] for scope in scopes if SCOPES[scope] is not None}
    RoleGrant.objects.bulk_create(
        [
            RoleGrant(user=user, agency=agency, role=role, includes_subtree=True, title="API")
            for role in roles
        ]
    )
    return client, key


def authenticate_key(key: str) -> ApiClient | None:
    parts = (key or "").split("_")
    if len(parts) < 3 or parts[0] != "mc":
        return None
    client = unique_or_none(
        ApiClient.objects.select_related("user", "agency").filter(
            key_prefix=parts[1], is_active=True
        )
    )
    if client is None or not hmac.compare_digest(client.key_hash, _hash(key)):
        return None
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


def refuse_client_change(actor, client: ApiClient) -> str | None:
    """Changing an API client's settings (its rate limit): a system administrator whose grant
    covers the client's agency with its whole subtree, which the client's own roles cover."""
    from motcua.agencies.policies import covers

    if covers(actor, Role.SYSTEM_ADMIN, client.agency, whole_subtree=True):
        return None
    return _(
        "Chỉ quản trị hệ thống của “%(agency)s” và các đơn vị trực thuộc mới được thay đổi "
        "ứng dụng kết nối này."
    ) % {"agency": client.agency.name}


def set_rate_limit(
    client: ApiClient, rate_limit: int | None, *, actor, now: datetime | None = None
) -> ApiClient:
    """Give `client` its own rate limit (requests per API_CLIENT_RATE_WINDOW_SECONDS), or None
    for the default. Audited in the reference-data chain."""
    from motcua.events.reference import moment, record_change

    now = moment(now)
    refusal = refuse_client_change(actor, client)
    if refusal:
        raise PermissionDenied(refusal)
    if rate_limit is not None and not 1 <= rate_limit <= 1_000_000:
        raise ValidationError(
            {"rate_limit": _("Giới hạn phải từ 1 đến 1.000.000 yêu cầu, hoặc để trống.")}
        )
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        before = locked.rate_limit
        if before == rate_limit:
            return locked
        locked.rate_limit = rate_limit
        locked.save(update_fields=["rate_limit"])
        record_change(
            actor=actor,
            action="api_client_rate_limit_changed",
            subject_type=SUBJECT_API_CLIENT,
            subject_key=locked.name,
            data={"before": before, "after": rate_limit},
            event_type="accounts.api_client_changed",
            payload={"rate_limit": rate_limit},
            now=now,
        )
    client.rate_limit = rate_limit
    return locked
