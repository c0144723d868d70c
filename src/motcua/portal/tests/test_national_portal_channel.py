"""With NATIONAL_PORTAL_ONLINE_CHANNEL on, the national portal is the online channel: the
procedure page links to the procedure there, our submission pages refuse new dossiers
politely, and the catalog, tracking and lookup stay."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.portal.tests.submission_fixtures import start_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

PATTERN = "https://dichvucong.example.vn/thu-tuc?ma={code}"


@pytest.fixture
def national_channel(settings):
    settings.NATIONAL_PORTAL_ONLINE_CHANNEL = True
    settings.NATIONAL_PORTAL_PROCEDURE_URL = PATTERN


def test_the_procedure_page_links_to_the_national_portal(client, online, national_channel):
    html = client.get(
        reverse("portal:procedure_detail", args=[online.procedure.code])
    ).content.decode()
    assert f'href="{PATTERN.format(code=online.procedure.code)}"' in html
    assert reverse("portal:submission_start", args=[online.procedure.code]) not in html


def test_the_procedure_page_offers_our_form_when_the_setting_is_off(client, online):
    html = client.get(
        reverse("portal:procedure_detail", args=[online.procedure.code])
    ).content.decode()
    assert reverse("portal:submission_start", args=[online.procedure.code]) in html
    assert "dichvucong.example.vn" not in html


def test_starting_a_submission_is_refused_politely(client, online, national_channel):
    start = reverse("portal:submission_start", args=[online.procedure.code])
    for answer in (
        client.get(start),
        client.post(start, {"case": online.case.pk, "receiving_agency": online.centre.pk}),
    ):
        assert answer.status_code == 403
        html = answer.content.decode()
        assert "Cổng Dịch vụ công quốc gia" in html
        assert PATTERN.format(code=online.procedure.code) in html
    assert not Dossier.objects.exists()


def test_a_draft_started_before_the_switch_is_not_submitted_here(
    client, online, settings, national_channel
):
    settings.NATIONAL_PORTAL_ONLINE_CHANNEL = False
    draft = start_draft(client, online)
    settings.NATIONAL_PORTAL_ONLINE_CHANNEL = True
    answer = client.get(reverse("portal:draft_form", args=[draft.pk]))
    assert answer.status_code == 403
    assert PATTERN.format(code=online.procedure.code) in answer.content.decode()


def test_the_catalog_and_tracking_stay(client, online, national_channel):
    assert client.get(reverse("portal:procedure_list")).status_code == 200
    assert client.get(reverse("portal:track")).status_code == 200
