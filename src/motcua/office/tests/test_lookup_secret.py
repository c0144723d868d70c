"""The lookup secret at the counter: shown on the received page and on the printable lookup slip
while the official's session keeps it (one dossier at a time, signed in, at most 30 minutes),
never stored anywhere else; and reissued, through the dossier page, when an applicant lost it."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.choices import Action
from motcua.dossiers.errors import NotFound
from motcua.dossiers.models import Dossier, IssuedForm
from motcua.dossiers.selectors import lookup
from motcua.events.models import AuditEvent, OutboxEvent, PersonalDataAccess
from motcua.office import lookup_secrets
from motcua.office.tests.helpers import received
from motcua.office.tests.test_reception import DESK, _post
from motcua.testing import sign_in_official


def finders_text(path: str) -> str:
    return Path(finders.find(path)).read_text(encoding="utf-8")


pytestmark = pytest.mark.django_db
SECRET = re.compile(r'id="lookup-secret">([A-Z0-9]{10})<')


def _receive_at_counter(client, world, personal_id="001090000111"):
    response = client.post(reverse(DESK), _post(world, personal_id=personal_id))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Dossier.objects.get(applicant_personal_id=personal_id), response["Location"]


def _shown_secret(response) -> str | None:
    found = SECRET.search(response.content.decode())
    return found.group(1) if found else None


def test_the_received_page_shows_the_secret_that_opens_the_lookup(client, world, caplog):
    sign_in_official(client, world.receptionist)
    with caplog.at_level(logging.DEBUG):
        dossier, location = _receive_at_counter(client, world)
        response = client.get(location)
    assert location == reverse("office:received", args=[dossier.code])
    page = response.content.decode()
    secret = _shown_secret(response)
    assert secret, page[:3000]
    assert lookup(dossier.code, secret).pk == dossier.pk
    assert "Mã tra cứu chỉ hiển thị lúc này." in page
    assert reverse("office:lookup_slip", args=[dossier.code]) in page
    assert "no-store" in response["Cache-Control"]
    # Never stored, never logged: not in the dossier's row, form 01, the audit trail, the
    # outbox or the log of reads.
    row = Dossier.objects.filter(pk=dossier.pk).values().get()
    assert secret not in json.dumps(row, default=str)
    for issued in IssuedForm.objects.filter(dossier=dossier):
        assert secret not in issued.html
    assert IssuedForm.objects.filter(dossier=dossier, form="01").exists()
    for event in AuditEvent.objects.filter(dossier=dossier):
        assert secret not in json.dumps(event.data)
    for event in OutboxEvent.objects.filter(dossier=dossier):
        assert secret not in json.dumps(event.payload)
    assert all(secret not in record.getMessage() for record in caplog.records)
    # Nor in the session table: the session holds a handle, the secret waits in the cache.
    from django.contrib.sessions.models import Session

    assert Session.objects.exists()
    for session in Session.objects.all():
        assert secret not in json.dumps(session.get_decoded())


def test_the_slip_carries_the_code_the_secret_the_tracking_address_and_a_qr_code(client, world):
    sign_in_official(client, world.receptionist)
    dossier, location = _receive_at_counter(client, world)
    secret = _shown_secret(client.get(location))

    response = client.get(reverse("office:lookup_slip", args=[dossier.code]))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "PHIẾU MÃ TRA CỨU HỒ SƠ" in page
    assert dossier.code in page and secret in page
    assert settings.SITE_URL.rstrip("/") + reverse("portal:track") in page
    assert 'src="data:image/svg+xml' in page
    assert "office/lookup-slip.css" in page and "<style" not in page
    assert "size: 105mm 148mm" in finders_text("office/lookup-slip.css")  # A6
    assert PersonalDataAccess.objects.filter(
        user=world.receptionist, dossier=dossier, context="office:lookup_slip"
    ).exists()
    assert secret not in "".join(IssuedForm.objects.values_list("html", flat=True))


def test_the_qr_link_fills_in_the_code_and_keeps_the_secret_out_of_the_request():
    link = lookup_secrets.tracking_link("000.00.12.H26-260302-0001", "ABCDEFGHJK")
    address, fragment = link.split("#")
    assert address == f"{settings.SITE_URL.rstrip('/')}/tra-cuu/?ma=000.00.12.H26-260302-0001"
    assert unquote(fragment) == "ma-tra-cuu=ABCDEFGHJK"


def test_the_lookup_page_fills_in_the_code_from_the_link_and_never_looks_up_on_a_get(client, world):
    dossier = received(world)
    response = client.get(reverse("portal:track") + f"?ma={dossier.code}&secret=ABCDEFGHJK")
    page = response.content.decode()
    assert f'value="{dossier.code}"' in page
    assert "portal/lookup.js" in page  # copies the secret from the fragment into the form
    secret_input = re.search(r'<input[^>]*name="secret"[^>]*>', page).group(0)
    assert "value=" not in secret_input  # a secret in a query is not used, not even to fill in
    assert response.status_code == 200  # the form, not the dossier


def test_receiving_another_dossier_replaces_the_secret_kept(client, world):
    sign_in_official(client, world.receptionist)
    first, first_page = _receive_at_counter(client, world)
    _receive_at_counter(client, world, personal_id="001090000222")

    response = client.get(first_page)
    assert _shown_secret(response) is None
    assert "Mã tra cứu của hồ sơ này không còn hiển thị." in response.content.decode()
    slip = client.get(reverse("office:lookup_slip", args=[first.code]))
    assert slip.status_code == 302
    assert slip["Location"] == reverse("office:dossier", args=[first.code])
    follow = client.get(slip["Location"]).content.decode()
    assert "không còn hiển thị" in follow and "hãy cấp lại mã tra cứu" in follow


def test_the_secret_is_kept_thirty_minutes_at_most(client, world):
    sign_in_official(client, world.receptionist)
    dossier, _page = _receive_at_counter(client, world)
    request = RequestFactory().get("/")
    request.session = client.session
    now = timezone.now()
    assert lookup_secrets.kept(request, dossier.code, now=now + timedelta(minutes=29))
    assert lookup_secrets.kept(request, "another-code", now=now) is None
    assert lookup_secrets.kept(request, dossier.code, now=now + timedelta(minutes=31)) is None
    assert lookup_secrets.KEY not in request.session  # dropped, not only hidden


def test_signing_out_forgets_the_secret_and_another_official_never_sees_it(client, world):
    sign_in_official(client, world.receptionist)
    dossier, page = _receive_at_counter(client, world)
    assert _shown_secret(client.get(page))

    client.post(reverse("office:logout"))
    sign_in_official(client, world.receptionist)
    assert _shown_secret(client.get(page)) is None

    colleague_client = client.__class__()
    sign_in_official(colleague_client, world.returner)  # same agency, may see the dossier
    assert colleague_client.get(page).status_code == 200
    assert _shown_secret(colleague_client.get(page)) is None


def test_an_official_who_may_not_see_the_dossier_gets_404_for_its_slip(client, world):
    sign_in_official(client, world.receptionist)
    dossier, _page = _receive_at_counter(client, world)
    sign_in_official(client, world.outsider)
    assert client.get(reverse("office:lookup_slip", args=[dossier.code])).status_code == 404


# --- reissue -------------------------------------------------------------------------------


def _reissue(client, dossier, version=None):
    data = {"reissue_secret-version": dossier.version if version is None else version}
    return client.post(reverse("office:action", args=[dossier.code, Action.REISSUE_SECRET]), data)


def test_reception_reissues_a_lost_secret_from_the_dossier_page(client, world):
    dossier = received(world)  # submitted online: the applicant lost the secret shown then
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Cấp lại mã tra cứu" in page
    assert 'id="lookup-secret"' not in page

    response = _reissue(client, dossier)

    assert response.status_code == 302
    assert response["Location"] == reverse("office:dossier", args=[dossier.code]) + "#ma-tra-cuu"
    shown = client.get(response["Location"])
    assert "no-store" in shown["Cache-Control"]
    assert "Đã thực hiện: Cấp lại mã tra cứu." in shown.content.decode()
    secret = _shown_secret(shown)
    assert lookup(dossier.code, secret).pk == dossier.pk
    slip = client.get(reverse("office:lookup_slip", args=[dossier.code]))
    assert secret in slip.content.decode()
    event = AuditEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    assert event.action == Action.REISSUE_SECRET and event.actor == world.receptionist
    assert secret not in json.dumps(event.data)


def test_a_reissue_makes_the_previous_secret_useless(client, world):
    sign_in_official(client, world.receptionist)
    dossier, page = _receive_at_counter(client, world)
    old = _shown_secret(client.get(page))

    assert _reissue(client, Dossier.objects.get(pk=dossier.pk)).status_code == 302

    new = _shown_secret(client.get(reverse("office:dossier", args=[dossier.code])))
    assert new and new != old
    # The received page now shows the secret that works, not the one the applicant lost.
    assert _shown_secret(client.get(page)) == new
    with pytest.raises(NotFound):
        lookup(dossier.code, old)


def test_only_reception_is_offered_the_reissue_and_others_are_refused(client, world):
    dossier = received(world)
    sign_in_official(client, world.specialist)
    url = reverse("office:action", args=[dossier.code, Action.REISSUE_SECRET])
    assert url not in client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    response = _reissue(client, dossier)
    assert response.status_code != 302
    assert 'id="lookup-secret"' not in response.content.decode()
    assert not AuditEvent.objects.filter(action=Action.REISSUE_SECRET).exists()


def test_a_stale_reissue_is_refused_and_shows_no_secret(client, world):
    dossier = received(world)
    sign_in_official(client, world.receptionist)
    response = _reissue(client, dossier, version=dossier.version - 1)
    assert response.status_code == 409
    assert 'id="lookup-secret"' not in response.content.decode()
    assert not AuditEvent.objects.filter(action=Action.REISSUE_SECRET).exists()
