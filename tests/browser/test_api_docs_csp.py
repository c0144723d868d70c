"""The API's documentation page (Swagger UI, served from our own static files) works under the
Content-Security-Policy: the `page` fixture fails on any blocked script or style."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_api_docs_render_under_the_policy(live_server, page):
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert page.locator(".opblock").count() > 0
