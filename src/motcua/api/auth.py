"""Who is calling the API: an API client by its key, or a signed-in official's session."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja.security import APIKeyHeader, SessionAuth

from motcua.accounts.apiclients import authenticate_key
from motcua.accounts.second_factor import is_verified
from motcua.agencies.selectors import is_official_with_role
from motcua.api import ratelimit
from motcua.api.errors import ApiError


class ApiKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key):
        client = authenticate_key(key)
        if client is None:
            return None
        ratelimit.check(client)  # 429 with Retry-After when over its rate
        request.api_client = client
        return client.user


class OfficialSession(SessionAuth):
    """A signed-in official (the office's screens may call the API); CSRF applies. Only an
    active official holding at least one role is accepted: a citizen's or a retired
    official's session is not a way in (what the official may then see and do, the dossiers'
    selectors and services decide)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or not is_official_with_role(user):
            return None
        if not is_verified(user):
            return None  # the official's second factor is still due (accounts/second_factor.py)
        request.api_client = None
        return user


AUTH = [ApiKey(), OfficialSession()]


def require_scope(request, scope: str) -> None:
    client = getattr(request, "api_client", None)
    if client is not None and not client.has_scope(scope):
        raise ApiError(
            _("Khóa API này không có phạm vi “%(scope)s”.") % {"scope": scope}, status=403
        )


def client_id(request) -> str:
    client = getattr(request, "api_client", None)
    return f"client:{client.pk}" if client is not None else f"user:{request.auth.pk}"
