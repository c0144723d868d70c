"""Every page names the site's icon, and browsers that ask for /favicon.ico get it."""

from __future__ import annotations

import pytest
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    body = b"".join(icon.streaming_content) if icon.streaming else icon.content
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header: an icon, not an error page


def test_pages_name_the_icon(client):
    html = client.get(reverse("portal:home")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.ico")}"' in html
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in html
    svg = client.get(static("favicon.svg"))
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
