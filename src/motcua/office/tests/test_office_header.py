"""The office has its own header: its name linking to the office's home and the official signed
in, not the citizen portal's menu."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.office.tests.helpers import assigned
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _header(page: str) -> str:
    return page.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def test_office_pages_have_the_office_header_not_the_portals(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.specialist)
    for url in (reverse("office:home"), reverse("office:dossier", args=[dossier.code])):
        header = _header(client.get(url).content.decode())
        assert f'class="brand" href="{reverse("office:home")}"' in header
        assert "Văn phòng một cửa" in header and world.specialist.full_name in header
        assert reverse("portal:procedure_list") not in header
        assert reverse("portal:track") not in header


def test_the_office_sign_in_page_has_the_office_header_and_the_portal_keeps_its_own(client):
    header = _header(client.get(reverse("office:login")).content.decode())
    assert "Văn phòng một cửa" in header and reverse("portal:track") not in header
    portal = _header(client.get(reverse("portal:home")).content.decode())
    assert reverse("portal:track") in portal and "Văn phòng một cửa" not in portal
