"""Every page the portal and the office serve works under the Content-Security-Policy: no
inline script, style or event handler, htmx without eval; and carries the policy and the
Permissions-Policy. The printable forms kept as issued get a policy of their own."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.dossiers.models import IssuedForm
from motcua.office.tests.test_reception import DESK, _desk_url, _post
from motcua.portal.tests.submission_fixtures import apply_online_through_portal
from motcua.testing import sign_in_official

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_CODE = re.compile(r"<style|\sstyle=|\son[a-z]+=|javascript:", re.I)


def assert_strict(response):
    assert response.status_code == 200, response.status_code
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in policy
    assert "camera=()" in response["Permissions-Policy"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    found = INLINE_CODE.search(html)
    assert not found, html[max(found.start() - 200, 0) : found.end() + 100]
    return html


def test_the_portals_pages_hold_no_inline_code(client, online):
    home = assert_strict(client.get(reverse("portal:home")))
    assert '"allowEval": false' in home and '"includeIndicatorStyles": false' in home
    assert "js/site.js" in home and "data-autosubmit" not in home  # the switch is a button
    for name, args in [
        ("portal:procedure_list", []),
        ("portal:procedure_detail", [online.procedure.code]),
        ("portal:submission_start", [online.procedure.code]),
        ("portal:track", []),
        ("portal:login", []),
    ]:
        assert_strict(client.get(reverse(name, args=args)))
    dossier, _secret = apply_online_through_portal(client, online)
    for name in ("portal:acknowledgement", "portal:draft_form"):
        response = client.get(reverse(name, args=[dossier.pk]), follow=True)
        assert_strict(response)
    page = assert_strict(client.get(reverse("portal:track_detail", args=[dossier.code])))
    assert dossier.code in page


def test_the_offices_pages_hold_no_inline_code(client, world):
    sign_in_official(client, world.receptionist)
    desk = reverse(DESK)
    assert_strict(client.get(_desk_url(world)))
    response = client.post(desk, _post(world))
    assert response.status_code == 302
    received = assert_strict(client.get(response["Location"]))
    code = re.search(r"/ho-so/([^/]+)/phieu-ma-tra-cuu/", received).group(1)
    assert_strict(client.get(reverse("office:lookup_slip", args=[code])))
    assert_strict(client.get(reverse("office:dossier", args=[code])))
    assert_strict(client.get(reverse("office:queues")))


def test_a_printable_form_may_style_itself_but_runs_no_script(client, world):
    sign_in_official(client, world.receptionist)
    client.post(reverse(DESK), _post(world))
    issued = IssuedForm.objects.get(form="01")
    response = client.get(reverse("office:issued_html", args=[issued.dossier.code, issued.pk]))
    assert response.status_code == 200 and "<style" in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
