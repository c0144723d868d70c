"""Each API client's rate limit: API_CLIENT_RATE_LIMIT requests per
API_CLIENT_RATE_WINDOW_SECONDS, or the figure an administrator set on the client
(`ApiClient.rate_limit`, through `accounts.apiclients.set_rate_limit`). Counted in a sliding
window over the cache (lib/sliding_window.py): shared by every process when REDIS_URL is set.

Over the limit the request is answered 429, in the API's error shape, with `Retry-After`: the
whole seconds until one more request fits. Every authenticated request of a client counts,
whatever its endpoint; the public endpoints (procedures, calendar, lookup) are not tied to a
client and keep their own limits.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.api.errors import ApiError
from motcua.lib import sliding_window

SCOPE = "api-client"


def limit_of(client) -> int:
    return client.rate_limit or settings.API_CLIENT_RATE_LIMIT


def check(client) -> None:
    """Count one request of `client`; raise a 429 ApiError when it is over its rate."""
    window = settings.API_CLIENT_RATE_WINDOW_SECONDS
    # The key's prefix too: a client's count never passes to another that reuses its id.
    key = f"{client.pk}:{client.key_prefix}"
    decision = sliding_window.take(SCOPE, key, limit=limit_of(client), window=window)
    if decision.allowed:
        return
    raise ApiError(
        _(
            "Ứng dụng đã gửi quá %(limit)d yêu cầu trong %(window)d giây; "
            "hãy thử lại sau %(wait)d giây."
        )
        % {"limit": limit_of(client), "window": window, "wait": decision.retry_after},
        status=429,
        headers={"Retry-After": str(decision.retry_after)},
    )
