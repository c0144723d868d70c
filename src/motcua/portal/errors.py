"""The error pages a visitor meets, in Vietnamese and in the site's style.

- CSRF failure (settings.CSRF_FAILURE_VIEW): `csrf_failure` renders 403_csrf.html with the
  request, so the page has the site's header and language; the technical reason goes to the
  log, not to the visitor.
- 403, 404 and 500: Django's default handlers render 403.html, 404.html and 500.html.
- The demo (DEMO_ERROR_PAGES, on by default when DEMO_MODE is): it runs with DEBUG, under which
  Django answers a 404 with its English technical page listing every URL. DemoErrorPagesMiddleware
  serves our 404 page instead and writes what the technical page would have said to the log.
  Only 404s: a 500 is a real error, and a developer running the demo keeps its traceback page.
  Set DEMO_ERROR_PAGES=0 to see Django's technical 404 again.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.defaults import page_not_found

logger = logging.getLogger(__name__)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    logger.warning("CSRF failure on %s %s: %s", request.method, request.path, reason)
    return render(request, "403_csrf.html", status=403)


class DemoErrorPagesMiddleware:
    """With DEBUG and DEMO_ERROR_PAGES on, a technical 404 page is replaced by ours."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.DEBUG
            and getattr(settings, "DEMO_ERROR_PAGES", False)
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "motcua_error_page", False)
        ):
            logger.info(
                "demo: served the portal's 404 page for %s (DEMO_ERROR_PAGES=0 shows Django's)",
                request.path,
            )
            response = page_not_found(request, Http404())
            response.motcua_error_page = True
        return response
