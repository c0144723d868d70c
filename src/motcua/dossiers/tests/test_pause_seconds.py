"""A pause keeps the remaining working time to the second."""

from __future__ import annotations

from motcua.dossiers import services
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.models import DossierStep
from motcua.dossiers.services.base import calendar
from motcua.dossiers.tests.fixtures import received, vn


def test_pauses_at_odd_seconds_lose_nothing(world):
    dossier = received(world)
    original_due = dossier.due_at
    step = DossierStep.objects.get(dossier=dossier, finished_at__isnull=True)
    step_due = step.due_at
    cal = calendar()
    paused_total = 0
    moments = [
        (vn(2026, 3, 3, 9, 0, 59), vn(2026, 3, 3, 10, 30, 1)),
        (vn(2026, 3, 3, 14, 12, 37), vn(2026, 3, 4, 8, 45, 58)),
        (vn(2026, 3, 4, 11, 59, 59), vn(2026, 3, 4, 13, 0, 1)),
    ]
    for paused_at, resumed_at in moments:
        services.pause_dossier(
            dossier,
            actor=world.specialist,
            reason=PauseReason.FINANCIAL,
            note="Chờ nộp lệ phí",
            now=paused_at,
        )
        dossier.refresh_from_db()
        assert dossier.remaining_seconds == int(
            cal.working_time_between(
                paused_at, _due_before(dossier, original_due, cal, paused_total)
            ).total_seconds()
        )
        services.resume_dossier(dossier, actor=world.specialist, now=resumed_at)
        dossier.refresh_from_db()
        paused_total += int(cal.working_time_between(paused_at, resumed_at).total_seconds())
    # Exactly the paused working time, to the second, on the dossier and on its step.
    assert int(cal.working_time_between(original_due, dossier.due_at).total_seconds()) == (
        paused_total
    )
    step.refresh_from_db()
    assert int(cal.working_time_between(step_due, step.due_at).total_seconds()) == paused_total
    # The odd seconds are there: whole minutes would have lost some of them.
    assert paused_total % 60 != 0


def _due_before(dossier, original_due, cal, paused_total):
    """The dossier's due moment just before this pause: the original one moved by the working
    time of the pauses so far."""
    from datetime import timedelta

    return cal.add_working_time(original_due, timedelta(seconds=paused_total))
