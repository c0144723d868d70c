"""Numbers a browser never sends but an attacker does: a superscript two ("²", a digit to
Python's str.isdigit, not to int) and numbers past a database integer. Each is a 4xx or a
field error, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.choices import Action
from motcua.dossiers.models import Dossier
from motcua.office.tests.helpers import assigned
from motcua.office.tests.test_action_forms import act, field_error
from motcua.office.tests.test_reception import DESK, _post
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db
OPTIONS = "office:agency_options"
HUGE = "9" * 25


@pytest.mark.parametrize("ids", ["²", HUGE, f"²,{HUGE},-1,0"])
def test_odd_suggestion_ids_are_ignored(client, world, ids):
    sign_in_official(client, world.specialist)
    response = client.get(reverse(OPTIONS), {"q": "", "goi_y": f"{world.department.pk},{ids}"})
    assert response.status_code == 200
    page = response.content.decode()
    assert world.department.name in page and page.count('<option value="') == 2


@pytest.mark.parametrize("selected", ["²", HUGE])
def test_an_odd_current_choice_is_ignored(client, world, selected):
    sign_in_official(client, world.specialist)
    response = client.get(
        reverse(OPTIONS), {"q": "", "ten": "hand_over-to_agency", "hand_over-to_agency": selected}
    )
    assert response.status_code == 200
    assert response.content.decode().count('<option value="') == 1  # the empty choice only


@pytest.mark.parametrize("value", ["²", HUGE])
def test_handing_over_to_an_odd_number_is_a_field_error(client, world, value):
    dossier = assigned(world)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.HAND_OVER, to_agency=value, reason="Liên thông")
    field_error(response, "hand_over", "to_agency", "không có trong danh mục")


@pytest.mark.parametrize("value", ["²", HUGE, "-3"])
def test_an_odd_responsible_agency_at_the_desk_is_a_field_error(client, world, value):
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world, responsible_agency=value))
    assert response.status_code == 200
    assert "Hãy chọn một cơ quan trong danh sách." in response.content.decode()
    assert not Dossier.objects.exists()
