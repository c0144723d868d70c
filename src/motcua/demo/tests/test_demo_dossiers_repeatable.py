from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from motcua.agencies.models import Agency
from motcua.demo.loader import load_demo
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.models import Dossier
from motcua.events.models import AuditEvent
from motcua.workdays.services import get_calendar
from motcua.workdays.zone import VIETNAM as VN

pytestmark = pytest.mark.django_db

# A Sunday night: the office has been closed since Friday 17:00.
SUNDAY_NIGHT = datetime(2026, 3, 15, 22, 30, tzinfo=VN)


def _load(seed: int) -> tuple[list[tuple], dict]:
    """Load a small demo at SUNDAY_NIGHT in a savepoint, describe it, roll it back."""
    with transaction.atomic():
        load_demo(dossiers=20, seed=seed, now=SUNDAY_NIGHT)
        dossiers = Dossier.objects.order_by("created_at", "pk")
        shape = [
            (d.code, d.status, d.procedure.code, d.applicant_name, d.due_at, d.form_data)
            for d in dossiers.select_related("procedure")
        ]
        cal = get_calendar()
        horizon = cal.add_working_minutes(cal.next_working_moment(SUNDAY_NIGHT), 480)
        processing = dossiers.filter(status=DossierStatus.PROCESSING)
        facts = {
            "statuses": set(dossiers.values_list("status", flat=True)),
            "overdue": processing.filter(due_at__lt=SUNDAY_NIGHT).count(),
            "soon": processing.filter(due_at__gt=SUNDAY_NIGHT, due_at__lte=horizon).count(),
            "officials_acting_on_sunday": AuditEvent.objects.filter(
                at__gt=datetime(2026, 3, 13, 17, 0, tzinfo=VN), actor__is_staff=True
            ).count(),
        }
        transaction.set_rollback(True)
    return shape, facts


def test_the_same_seed_at_the_same_moment_gives_the_same_dossiers_even_on_a_sunday_night():
    first, facts = _load(seed=7)
    second, _facts = _load(seed=7)
    assert first == second
    assert facts["statuses"] == set(DossierStatus.values)
    assert facts["overdue"] and facts["soon"]
    assert facts["officials_acting_on_sunday"] == 0


@pytest.mark.parametrize("count", ["-1", "20001"])
def test_load_demo_refuses_a_bad_number_of_dossiers_without_writing_anything(count):
    with pytest.raises(CommandError, match="--dossiers"):
        call_command("load_demo", "--dossiers", count)
    assert not Agency.objects.exists()


def test_load_demo_with_no_dossiers_creates_none():
    call_command("load_demo", "--dossiers", "0")
    assert Agency.objects.exists() and not Dossier.objects.exists()
