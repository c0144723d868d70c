""" "The current step" is one rule wherever the office names it: of the open steps, the one
started last, as the services act on it (services.steps.current_step)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from motcua.agencies.choices import Role
from motcua.dossiers.models import DossierStep
from motcua.dossiers.selectors import current_of
from motcua.dossiers.services.steps import current_step
from motcua.office.tests.helpers import assigned
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _second_open_step(dossier, world, *, started_at):
    """A second open step beside the one the services opened. The services never leave two
    open; rows can (an import, a repair by hand), and the pages must then agree."""
    return DossierStep.objects.create(
        dossier=dossier,
        order=3,
        name="Phối hợp thẩm định",
        unit=world.other,
        role=Role.SPECIALIST,
        share_percent=25,
        started_at=started_at,
    )


def _queue_step(client, official, dossier):
    sign_in_official(client, official)
    response = client.get(reverse("office:queues"), {"hang": "tat-ca"})
    (row,) = [row for row in response.context["rows"] if row.dossier.pk == dossier.pk]
    return row.step


def _page_step(client, official, dossier):
    sign_in_official(client, official)
    return client.get(reverse("office:dossier", args=[dossier.code])).context["current_step"]


@pytest.mark.parametrize("later", [True, False])
def test_the_queue_row_and_the_dossier_page_name_the_step_the_services_act_on(client, world, later):
    dossier = assigned(world)
    first = current_step(dossier)
    moment = first.started_at + (timedelta(hours=2) if later else -timedelta(hours=2))
    _second_open_step(dossier, world, started_at=moment)
    expected = current_step(dossier)
    assert expected.name == ("Phối hợp thẩm định" if later else first.name)
    assert _queue_step(client, world.leader, dossier) == expected
    assert _page_step(client, world.leader, dossier) == expected
    page = client.get(reverse("office:queues"), {"hang": "tat-ca"}).content.decode()
    assert expected.name in page


def test_of_two_steps_started_at_the_same_moment_the_one_created_last_is_current(client, world):
    dossier = assigned(world)
    first = current_step(dossier)
    second = _second_open_step(dossier, world, started_at=first.started_at)
    assert current_step(dossier) == second
    assert current_of([second, first]) == current_of([first, second]) == second
    assert _queue_step(client, world.leader, dossier) == second
    assert _page_step(client, world.leader, dossier) == second


def test_a_dossier_with_no_open_step_has_no_current_step():
    assert current_of([]) is None


def test_a_finished_step_no_longer_says_unassigned_and_the_open_one_does(client, world):
    from motcua.office.tests.helpers import received

    dossier = received(world)
    first = dossier.steps.order_by("started_at", "pk").first()
    first.assigned_to = None  # finished by reception with nobody assigned
    first.save()
    assert first.finished_at is not None
    sign_in_official(client, world.leader)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    section = page[page.index('id="quy-trinh"') :]
    rows = section[: section.index("</tbody>")].split("<tr")[2:]
    done = next(row for row in rows if first.name in row)
    open_row = next(row for row in rows if 'class="current"' in row)
    assert "chưa phân công" not in done and "chưa phân công" in open_row
