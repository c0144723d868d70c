"""`Cache-Control: no-store` on every answer that may carry personal data, so that neither the
browser's cache nor a proxy keeps a copy (a shared computer at a one-stop shop, the back
button after signing out).

Which answers: every answer to a signed-in person; every page of the office (`/can-bo/`) and
of the admin; the portal's pages of a dossier (tracking, "Hồ sơ của tôi", the draft being
filled in, the receipt); the API's dossier and lookup answers. Public pages (the catalog, the
calendar) stay cacheable.
"""

from __future__ import annotations

from django.utils.cache import add_never_cache_headers

NO_STORE_NAMESPACES = {"office", "admin"}
NO_STORE_PORTAL_PAGES = {
    "track",
    "track_detail",
    "track_supplement",
    "track_withdraw",
    "my_dossiers",
    "draft_form",
    "draft_documents",
    "draft_review",
    "draft_submit",
    "submitted",
    "acknowledgement",
    "acknowledgement_pdf",
}
NO_STORE_API_PREFIXES = ("/api/v1/dossiers", "/api/v1/lookup")


def carries_personal_data(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        if NO_STORE_NAMESPACES.intersection(match.namespaces):
            return True
        if match.namespace == "portal" and match.url_name in NO_STORE_PORTAL_PAGES:
            return True
    if request.path_info.startswith(NO_STORE_API_PREFIXES):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if carries_personal_data(request) and "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response
