"""Response headers Django's SecurityMiddleware does not set: Content-Security-Policy and
Permissions-Policy, both read from settings (docs/configuration.md) and left alone when a view
set its own.

The policy allows scripts and styles from our own origin only: no inline <script> or <style>,
no `style=""` attribute, no eval (htmx runs with `allowEval` off, see templates/base.html).
Printable documents whose HTML is kept as issued (forms 01 to 05, the log book) carry their
own <style>; their views answer with `document_policy`, which allows inline styles and no
script at all.
"""

from __future__ import annotations

from django.conf import settings


def _directives(policy: str) -> dict[str, str]:
    directives = {}
    for part in policy.split(";"):
        name, _space, value = part.strip().partition(" ")
        if name:
            directives[name.lower()] = value.strip()
    return directives


def _policy_text(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def document_policy(response):
    """Mark `response` (a printable document kept as issued) with the site's policy, changed
    to allow its inline styles and to run no script."""
    policy = settings.CONTENT_SECURITY_POLICY
    if policy:
        directives = _directives(policy)
        directives["style-src"] = "'self' 'unsafe-inline'"
        directives["script-src"] = "'none'"
        response["Content-Security-Policy"] = _policy_text(directives)
    return response


def allow_forms_to(response, origins):
    """Let the page's forms lead to these other origins too (a payment form whose answer
    redirects to the payment provider: browsers check form-action on the redirect as well)."""
    policy = settings.CONTENT_SECURITY_POLICY
    origins = [origin for origin in origins if origin]
    if policy and origins:
        directives = _directives(policy)
        if "form-action" in directives:
            directives["form-action"] = " ".join([directives["form-action"], *origins])
            response["Content-Security-Policy"] = _policy_text(directives)
    return response


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
