"""API client keys: creation, hashing, authentication, and what each scope grants."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

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
}


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
