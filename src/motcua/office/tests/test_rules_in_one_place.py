"""Rules with one home, seen from the office: what is stored is in the system language whatever
the official's, the deadline words (overdue, due soon, late receipt) are the dossier
queryset's, and the desk offers the responsible agencies by the same rule as the portal."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from motcua.catalog.tests.factories import ProcedureAgencyFactory
from motcua.dossiers import deadlines, services
from motcua.dossiers.choices import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.models import AuditEvent, OutboxEvent
from motcua.office.tests.helpers import assigned
from motcua.testing import sign_in_official
from motcua.workdays.services import get_calendar

pytestmark = pytest.mark.django_db

HAND_OVER_NAME = "Phối hợp giải quyết: %(agency)s"


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_hand_over_by_an_official_using_english_stores_vietnamese(client, world):
    with translation.override("en"):
        english = gettext(HAND_OVER_NAME) % {"agency": world.other.name}
    expected = HAND_OVER_NAME % {"agency": world.other.name}
    assert english != expected  # the English catalogue has it: the test can tell them apart
    dossier = assigned(world)
    sign_in_official(in_english(client), world.leader)
    page = client.get(reverse("office:dossier", args=[dossier.code]))
    assert page.headers["Content-Language"] == "en"

    response = client.post(
        reverse("office:action", args=[dossier.code, Action.HAND_OVER]),
        {
            "hand_over-to_agency": world.other.pk,
            "hand_over-reason": "Lấy ý kiến",
            "hand_over-version": dossier.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    step = dossier.steps.get(finished_at__isnull=True)
    assert step.name == expected
    stored = json.dumps(
        [
            *AuditEvent.objects.filter(dossier=dossier).values_list("data", flat=True),
            *OutboxEvent.objects.filter(dossier=dossier).values_list("payload", flat=True),
        ],
        ensure_ascii=False,
    )
    assert english.split(":")[0] not in stored


def _late_and_on_time(world):
    """Three dossiers submitted online on Friday 6 March 2026 at 16:00: one still waiting,
    one received within its working day, one received after it."""
    friday = vn(2026, 3, 6, 16)
    waiting, on_time, late = (submit_online(world, now=friday).dossier for _ in range(3))
    due = deadlines.receipt_due(get_calendar(), friday)
    services.receive_dossier(on_time, actor=world.receptionist, now=due)
    services.receive_dossier(late, actor=world.receptionist, now=due.replace(minute=1))
    return friday, due, waiting, on_time, late


def test_late_receipt_counts_one_working_day_on_the_calendar(world):
    friday, due, waiting, on_time, late = _late_and_on_time(world)
    assert due.date() > friday.date() and due.astimezone(friday.tzinfo).weekday() == 0  # Monday
    assert waiting.receipt_due_at == due
    before, after = due.replace(minute=0, second=0), due.replace(minute=5)
    assert set(Dossier.objects.late_receipt(before)) == {late}
    assert set(Dossier.objects.late_receipt(after)) == {late, waiting}
    flags = dict(Dossier.objects.with_late_receipt(after).values_list("pk", "is_late_receipt"))
    assert flags == {waiting.pk: True, on_time.pk: False, late.pk: True}


def test_the_office_filters_the_reception_queue_by_late_receipt(client, world):
    _friday, _due, waiting, on_time, late = _late_and_on_time(world)
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:queues"), {"hang": "tat-ca", "han": "tiep-nhan-muon"})
    shown = {dossier.code for dossier in page.context["page"].object_list}
    assert shown == {late.code, waiting.code}  # on_time was answered within its working day


def test_overdue_and_due_soon_are_the_querysets(world):
    dossier = assigned(world)
    due = Dossier.objects.get(pk=dossier.pk).due_at
    calendar = get_calendar()
    just_before = calendar.subtract_working_minutes(due, 30)
    assert list(Dossier.objects.due_soon(just_before, calendar)) == [dossier]
    assert not Dossier.objects.overdue(just_before).exists()
    assert list(Dossier.objects.overdue(due.replace(second=1))) == [dossier]
    assert not Dossier.objects.due_soon(due.replace(second=1), calendar).exists()
    assert dossier.is_overdue(due.replace(second=1)) and not dossier.is_overdue(just_before)


def test_the_desk_offers_the_responsible_agencies_of_the_rule(client, world):
    sign_in_official(client, world.receptionist)
    url = reverse("office:reception")
    query = {"thu_tuc": world.procedure.code, "truong_hop": world.case.code}
    page = client.get(url, query)
    assert page.context["responsible_choices"] == []
    ProcedureAgencyFactory(procedure=world.procedure, agency=world.other)
    world.procedure.save()
    page = client.get(url, query)
    assert {agency.pk for agency in page.context["responsible_choices"]} == {
        world.department.pk,
        world.other.pk,
    }


def test_the_reception_queue_shows_how_long_each_dossier_waited_oldest_first(client, world):
    newer = submit_online(world, now=vn(2026, 3, 3, 9)).dossier
    older = submit_online(world, now=vn(2026, 3, 2, 9)).dossier
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:queues"), {"hang": "cho-tiep-nhan"})
    rows = page.context["rows"]
    assert [row.dossier.code for row in rows] == [older.code, newer.code]
    calendar = get_calendar()
    waited = [
        calendar.working_minutes_between(row.dossier.submitted_at, timezone.now()) for row in rows
    ]
    assert waited[0] - waited[1] == 8 * 60  # Monday 9:00 and Tuesday 9:00: one working day
    for row in rows:
        assert row.due.text.startswith("đã chờ") and row.due.state == "late"
        assert row.due.text in page.content.decode()
