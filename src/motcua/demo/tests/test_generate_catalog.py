from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from motcua.agencies.models import Agency
from motcua.agencies.validators import AGENCY_CODE_RE
from motcua.catalog.models import Procedure, ProcessStep
from motcua.demo.tests.eform_subset import subset_problems

pytestmark = pytest.mark.django_db


def _generate(*args):
    call_command("generate_catalog", *args)
    return Agency.objects.get(parent=None, code__startswith="9")


def test_generate_catalog_creates_the_requested_counts(capsys):
    root = _generate("--procedures", "30", "--agencies", "25", "--seed", "3")
    assert root.subtree().count() == 26
    assert all(AGENCY_CODE_RE.match(code) for code in Agency.objects.values_list("code", flat=True))
    procedures = Procedure.objects.filter(code__endswith=root.code)
    assert procedures.count() == 30
    assert "30 thủ tục" in capsys.readouterr().out
    for procedure in procedures:
        assert procedure.cases.filter(documents__isnull=False).exists()
        assert procedure.implementations.exists()
        total = ProcessStep.objects.filter(procedure=procedure).aggregate(s=Sum("share_percent"))
        assert total["s"] == Decimal(100)
        if procedure.via_online:
            assert subset_problems(procedure.eform_schema) == []


def test_generated_rows_pass_full_clean_and_paths_match_the_tree():
    root = _generate("--procedures", "10", "--agencies", "12", "--seed", "5")
    for agency in root.subtree():
        agency.full_clean()
        assert agency.path == (agency.parent.path if agency.parent else "") + f"{agency.pk:06d}/"
    for procedure in Procedure.objects.all():
        procedure.full_clean()
        for case in procedure.cases.all():
            case.full_clean()


def _shape(root):
    """The catalog under one root with that root's own code prefix taken out."""
    procedures = Procedure.objects.filter(code__endswith=root.code).order_by("code")
    agencies = root.subtree().order_by("code")
    return (
        [(p.code[:8], p.name, p.service_level, p.cases.count()) for p in procedures],
        [(a.code[4:], a.name, a.depth) for a in agencies if a.pk != root.pk],
    )


def test_the_same_seed_gives_the_same_catalog_and_another_seed_a_different_one():
    call_command("generate_catalog", "--procedures", "15", "--agencies", "8", "--seed", "42")
    call_command("generate_catalog", "--procedures", "15", "--agencies", "8", "--seed", "42")
    call_command("generate_catalog", "--procedures", "15", "--agencies", "8", "--seed", "43")
    first, second, other = Agency.objects.filter(parent=None).order_by("code")
    assert _shape(first) == _shape(second)
    assert _shape(first) != _shape(other)


def test_a_second_run_takes_a_new_code_prefix_and_collides_with_nothing():
    call_command("generate_catalog", "--procedures", "5", "--agencies", "3", "--seed", "1")
    call_command("generate_catalog", "--procedures", "5", "--agencies", "3", "--seed", "1")
    roots = Agency.objects.filter(parent=None).order_by("code")
    assert [root.code for root in roots] == ["900.00.00.H26", "901.00.00.H26"]
    assert Procedure.objects.count() == 10


@pytest.mark.parametrize(
    "args",
    [
        ("--procedures", "0"),
        ("--procedures", "-5"),
        ("--agencies", "0"),
        ("--agencies", "-1"),
        ("--agencies", "100000"),
    ],
)
def test_generate_catalog_refuses_bad_numbers_without_writing_anything(args):
    with pytest.raises(CommandError):
        call_command("generate_catalog", *args)
    assert not Agency.objects.exists()
    assert not Procedure.objects.exists()
