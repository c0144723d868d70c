"""Stopping a dossier from its page: offered to the leader only, reason kind and text required,
and the stop shown on the office's page and on the applicant's tracking page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.choices import Action, DossierStatus, StopReasonKind
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import submit_online
from motcua.office.tests.helpers import assigned
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def act(client, dossier, **fields):
    data = {f"{Action.STOP}-{name}": value for name, value in fields.items()}
    data[f"{Action.STOP}-version"] = dossier.version
    return client.post(reverse("office:action", args=[dossier.code, Action.STOP]), data)


def test_the_leader_is_offered_the_stop_and_the_specialist_is_not(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.specialist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert 'id="thao-tac-stop"' not in page
    assert act(client, dossier, reason_kind="legal_reason", reason="x").status_code in (200, 403)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING
    client.logout()
    sign_in_official(client, world.leader)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert 'id="thao-tac-stop"' in page and "Căn cứ dừng giải quyết" in page


def test_a_missing_reason_comes_back_beside_its_field(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.leader)
    response = act(client, dossier, reason_kind=StopReasonKind.APPLICANT_REQUEST, reason="")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_stop-reason_error"' in page and "Hãy ghi rõ lý do dừng giải quyết." in page
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.PROCESSING


def test_a_stop_on_the_applicants_request_shows_in_the_office_and_on_tracking(client, world):
    submission = submit_online(world)
    from motcua.dossiers import services
    from motcua.dossiers.tests.fixtures import vn

    dossier = services.receive_dossier(
        submission.dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10)
    )
    sign_in_official(client, world.leader)
    response = act(
        client,
        dossier,
        reason_kind=StopReasonKind.APPLICANT_REQUEST,
        reason="Người nộp đề nghị dừng để bổ sung giấy tờ khác",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.status == DossierStatus.STOPPED
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Dừng giải quyết lúc" in page
    assert "Người nộp đề nghị dừng để bổ sung giấy tờ khác" in page
    client.logout()
    client.post(reverse("portal:track"), {"code": dossier.code, "secret": submission.lookup_secret})
    tracking = client.get(reverse("portal:track_detail", args=[dossier.code])).content.decode()
    assert "Cơ quan đã dừng giải quyết hồ sơ" in tracking
    assert "Theo đề nghị của người nộp hồ sơ" in tracking
    assert "Người nộp đề nghị dừng để bổ sung giấy tờ khác" in tracking
