"""The receipt clock across a weekend and a holiday: an online dossier unanswered for 8 working
hours is late-received (and stays so), one received in 7 is not, and the due-soon sweep warns
reception once before the deadline passes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.dossiers import deadlines, services
from motcua.dossiers.choices import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import submit_online, vn
from motcua.events.models import AuditEvent
from motcua.workdays.services import get_calendar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_eight_working_hours_across_a_holiday_and_a_weekend(world):
    calendar = get_calendar()
    # Wednesday 29 April 2026, 15:00; 30 April and 1 May are public holidays, 2–3 May a weekend.
    submitted = vn(2026, 4, 29, 15)
    assert calendar.working_minutes_between(submitted, vn(2026, 5, 4, 8)) == 2 * 60
    late, in_time = (submit_online(world, now=submitted).dossier for _ in range(2))
    due = deadlines.receipt_due(calendar, submitted)
    assert due == vn(2026, 5, 4, 15)  # 2 hours on Wednesday, 6 on Monday
    assert calendar.working_minutes_between(submitted, due) == 8 * 60

    # No warning while the deadline is more than two working hours away ...
    assert services.sweep_due_warnings(now=vn(2026, 4, 29, 16)) == 0
    assert services.sweep_due_warnings(now=vn(2026, 5, 4, 11)) == 0
    # ... then one per waiting dossier, once.
    assert services.sweep_due_warnings(now=vn(2026, 5, 4, 13)) == 2
    assert services.sweep_due_warnings(now=vn(2026, 5, 4, 13, 30)) == 0
    warning = AuditEvent.objects.filter(dossier=late, action=Action.WARN_DUE).get()
    assert warning.data["kind"] == "receipt" and warning.data["overdue"] is False

    # Received after 7 working hours: not late.
    seven_hours = calendar.add_working_minutes(submitted, 7 * 60)
    assert seven_hours == vn(2026, 5, 4, 14)
    services.receive_dossier(in_time, actor=world.receptionist, now=seven_hours)

    just_before, just_after = due - timedelta(seconds=1), due + timedelta(seconds=1)
    assert set(Dossier.objects.late_receipt(just_before)) == set()
    assert set(Dossier.objects.late_receipt(just_after)) == {late}
    # Received later, it stays late-received for the figures.
    services.receive_dossier(late, actor=world.receptionist, now=vn(2026, 5, 4, 16))
    flags = dict(
        Dossier.objects.with_late_receipt(vn(2026, 5, 5, 9)).values_list("pk", "is_late_receipt")
    )
    assert flags == {late.pk: True, in_time.pk: False}


def test_reception_is_warned_once_even_when_the_deadline_has_passed(world):
    dossier = submit_online(world, now=vn(2026, 3, 2, 9)).dossier
    assert services.sweep_due_warnings(now=vn(2026, 3, 2, 16)) == 1
    dossier.refresh_from_db()
    assert dossier.receipt_warned_at == vn(2026, 3, 2, 16)
    assert services.sweep_due_warnings(now=vn(2026, 3, 3, 10)) == 0  # overdue, warned once
