"""A signed result's public download link (/ket-qua/<code>/<token>/): it works without signing
in, a tampered or revoked token is a 404, downloads are counted per address, renewing it is for
the receiving agency's officials only, and a citizen's own pages never list another's results."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from motcua.dossiers.choices import ReturnChannel
from motcua.dossiers.errors import DossierError
from motcua.events.models import AuditEvent, OutboxEvent
from motcua.integrations.signing.sources import Pkcs12Source
from motcua.integrations.signing.sync import sign_dossier_results
from motcua.results import links, services
from motcua.results.tests.conftest import decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(world, keys):
    dossier = decided(world, return_channel=ReturnChannel.ONLINE)
    (result,) = sign_dossier_results(dossier, Pkcs12Source())
    result.data = result.file.file.open("rb").read()
    return result


def _path(url: str) -> str:
    return url.removeprefix(settings.SITE_URL.rstrip("/"))


def _tampered(token: str) -> str:
    return ("B" if token[0] != "B" else "C") + token[1:]


def test_the_link_downloads_the_signed_pdf_without_signing_in(signed):
    response = Client().get(_path(links.public_url(signed)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == signed.data


def test_a_tampered_token_another_code_or_no_token_is_not_found(signed, world):
    token = links.token(signed)
    anonymous = Client()
    tampered = reverse("portal:result_download", args=[signed.code, _tampered(token)])
    assert anonymous.get(tampered).status_code == 404
    assert (
        anonymous.get(reverse("portal:result_download", args=[signed.code, "x"])).status_code == 404
    )
    # The same token with another result's code (both codes are printed, tokens are not).
    (other,) = sign_dossier_results(decided(world, number="16/GPXD"), Pkcs12Source())
    crossed = reverse("portal:result_download", args=[other.code, token])
    assert anonymous.get(crossed).status_code == 404
    unknown = reverse("portal:result_download", args=["KQ-AAAA-BBBB-CCCC", token])
    assert anonymous.get(unknown).status_code == 404
    assert anonymous.post(_path(links.public_url(signed))).status_code == 405


def test_renewing_revokes_the_old_link_audited_and_synced(signed, world):
    old = _path(links.public_url(signed))
    renewed = services.renew_public_link(signed, actor=world.returner)
    assert Client().get(old).status_code == 404
    new = _path(links.public_url(renewed))
    assert new != old and Client().get(new).status_code == 200
    event = AuditEvent.objects.filter(dossier=signed.dossier).order_by("-seq").first()
    assert event.action == "result_link_renew" and event.actor == world.returner
    assert event.data["code"] == signed.code
    assert OutboxEvent.objects.filter(
        dossier=signed.dossier, type="dossier.result_link_renew"
    ).exists()
    from motcua.integrations.national_portal.sync import EVENT_TYPES

    assert "dossier.result_link_renew" in EVENT_TYPES


def test_only_the_receiving_agencys_officials_renew_a_link(signed, world):
    for outsider in (world.outsider, world.specialist, None):
        with pytest.raises(DossierError):
            services.renew_public_link(signed, actor=outsider)
    assert Client().get(_path(links.public_url(signed))).status_code == 200
    services.renew_public_link(signed, actor=world.leader)  # who decided it


def test_downloads_are_counted_per_address(signed, settings):
    settings.RESULT_LINK_RATE_LIMIT = 2
    url = _path(links.public_url(signed))
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    assert [visitor.get(url).status_code for _ in range(2)] == [200, 200]
    limited = visitor.get(url)
    assert limited.status_code == 429 and "Retry-After" in limited
    assert Client(REMOTE_ADDR="203.0.113.10").get(url).status_code == 200


def test_a_citizen_never_lists_another_citizens_results(signed, world):
    from motcua.accounts.tests.factories import UserFactory
    from motcua.dossiers.models import Dossier
    from motcua.portal.tests.test_signin import sign_in

    owner = UserFactory(username="chu-ket-qua")
    UserFactory(username="nguoi-la")
    Dossier.objects.filter(pk=signed.dossier_id).update(owner=owner)
    mine = Client()
    sign_in(mine, "chu-ket-qua")
    detail = mine.get(reverse("portal:track_detail", args=[signed.dossier.code])).content.decode()
    assert signed.code in detail  # the owner sees the verification code of their result
    other = Client()
    sign_in(other, "nguoi-la")
    listing = other.get(reverse("portal:my_dossiers")).content.decode()
    assert signed.code not in listing and signed.dossier.code not in listing
    assert links.token(signed) not in listing
    page = other.get(reverse("portal:track_detail", args=[signed.dossier.code]))
    assert page.status_code == 302 and signed.code not in page.content.decode()
    api = other.get("/api/v1/dossiers/" + signed.dossier.code)
    assert api.status_code in (401, 403, 404) and signed.code not in api.content.decode()


def test_the_office_shows_the_link_and_renews_it_for_the_right_officials(signed, world):
    from motcua.testing import sign_in_official

    old = links.public_url(signed)
    page_url = reverse("office:dossier", args=[signed.dossier.code])
    renew = reverse("office:renew_result_link", args=[signed.dossier.code, signed.pk])
    specialist = Client()
    sign_in_official(specialist, world.specialist)
    refused = specialist.post(renew)
    assert refused.status_code == 403 and "Chỉ cán bộ trả kết quả" in refused.content.decode()
    assert Client().get(_path(old)).status_code == 200
    returner = Client()
    sign_in_official(returner, world.returner)
    page = returner.get(page_url).content.decode()
    assert old in page and signed.code in page
    assert returner.get(renew).status_code == 405
    done = returner.post(renew)
    assert done.status_code == 302 and done["Location"].startswith(page_url)
    assert Client().get(_path(old)).status_code == 404
    signed.refresh_from_db()
    fresh = links.public_url(signed)
    assert fresh in returner.get(page_url).content.decode()
    outsider = Client()
    sign_in_official(outsider, world.outsider)
    assert outsider.post(renew).status_code == 404  # not a dossier they may see
