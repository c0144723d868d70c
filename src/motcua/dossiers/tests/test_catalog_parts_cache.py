"""A submission reads the procedure's parts from a per-process cache: a catalog edit made
after an earlier submission must show in the next dossier's checks and snapshot."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.models import ProcedureAgency
from motcua.catalog.tests.factories import FeeFactory, RequiredDocumentFactory
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError
from motcua.dossiers.tests.fixtures import pdf, submit_online

pytestmark = pytest.mark.django_db


def _submit(world, **overrides):
    world.procedure.refresh_from_db()  # as a face reads it: the procedure row afresh
    return submit_online(world, **overrides).dossier


def test_a_renamed_step_and_a_new_fee_are_in_the_next_snapshot(world):
    first = _submit(world)
    step = world.procedure.steps.order_by("order").first()
    step.name = "Thẩm định hồ sơ tại thực địa"
    step.save()
    FeeFactory(procedure=world.procedure, code="LPTD", name="Phí thẩm định", amount=Decimal(50000))

    second = _submit(world)

    assert first.snapshot["steps"][0]["name"] != "Thẩm định hồ sơ tại thực địa"
    assert second.snapshot["steps"][0]["name"] == "Thẩm định hồ sơ tại thực địa"
    assert "LPTD" in {fee["code"] for fee in second.snapshot["fees"]}
    assert "LPTD" not in {fee["code"] for fee in first.snapshot["fees"]}


def test_a_document_required_after_an_earlier_submission_is_checked(world):
    _submit(world)
    RequiredDocumentFactory(case=world.case, code="BV", name="Bản vẽ thiết kế", is_required=True)

    with pytest.raises(DossierError) as refused:
        _submit(world)

    assert "documents.BV" in refused.value.errors


def test_a_deleted_document_is_no_longer_asked_for(world):
    _submit(world)
    world.case.documents.get(code="GCN").delete()

    dossier = _submit(world, uploads=[services.Upload("DON", pdf("don.pdf"))])

    assert [d["code"] for d in dossier.snapshot["documents"]] == ["DON"]


def test_a_change_of_implementing_agencies_moves_the_responsible_agency(world):
    before = _submit(world)
    ProcedureAgency.objects.filter(procedure=world.procedure).delete()
    other_department = AgencyFactory(name="Sở Quy hoạch - Kiến trúc", parent=world.centre.parent)
    ProcedureAgency.objects.create(procedure=world.procedure, agency=other_department)

    after = _submit(world)

    assert before.responsible_agency_id != other_department.pk
    assert after.responsible_agency_id == other_department.pk
