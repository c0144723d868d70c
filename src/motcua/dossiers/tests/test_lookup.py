"""The public lookup by code and lookup secret: what it reads, in how many queries, and that
it refuses a wrong secret exactly as it refuses an unknown code."""

from __future__ import annotations

import pytest
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.errors import NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import LOOKUP_FIELDS, lookup
from motcua.dossiers.tests.fixtures import submit_online, vn


def test_a_lookup_reads_what_the_orm_reads_in_one_query(world, django_assert_num_queries):
    submission = submit_online(world)
    services.receive_dossier(submission.dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    stored = Dossier.objects.select_related("procedure").get(pk=submission.dossier.pk)
    assert stored.received_at and stored.due_at  # moments set, so their reading is checked

    with django_assert_num_queries(1):
        found = lookup(f"  {stored.code} ", submission.lookup_secret.lower())

    assert found == stored
    for field in LOOKUP_FIELDS:
        assert getattr(found, field) == getattr(stored, field), field
    assert found.procedure_name == stored.procedure.name
    assert timezone.is_aware(found.submitted_at) and timezone.is_aware(found.due_at)


def test_the_other_fields_of_a_looked_up_dossier_load_when_asked_for(world):
    submission = submit_online(world)
    found = lookup(submission.dossier.code, submission.lookup_secret)
    assert "applicant_name" in found.get_deferred_fields()
    assert found.applicant_name == "Trần Thị Bích Ngọc"
    assert found.procedure == world.procedure


@pytest.mark.parametrize(
    "code, secret",
    [
        ("known", "AAAAAAAAAA"),  # a wrong secret
        ("known", ""),
        ("000.00.99.H26-260302-0001", "right"),  # an unknown code with a real secret
        ("", "right"),
        ("000.00.99\x00", "right"),  # not a code at all: PostgreSQL refuses a NUL in text
    ],
)
def test_a_wrong_secret_and_an_unknown_code_are_refused_alike(world, code, secret):
    submission = submit_online(world)
    code = submission.dossier.code if code == "known" else code
    secret = submission.lookup_secret if secret == "right" else secret
    with pytest.raises(NotFound) as refused:
        lookup(code, secret)
    assert refused.value.message == "Mã hồ sơ hoặc mã tra cứu không đúng."


def test_a_code_is_found_in_any_letter_case_and_with_stray_spaces(world):
    submission = submit_online(world)
    code = submission.dossier.code
    agency, day, number = code.split("-")
    for typed in (code.lower(), f" {agency.lower()} - {day}-{number} ", f"{code.lower()}\t"):
        assert lookup(typed, submission.lookup_secret.lower()) == submission.dossier, typed
    with pytest.raises(NotFound):
        lookup(code.lower(), "ABCDEFGHJK")
