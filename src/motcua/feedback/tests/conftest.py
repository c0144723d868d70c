"""Dossiers for the feedback tests, made through the dossier services: a returned one, and a
citizen account that owns it."""

from __future__ import annotations

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers import services
from motcua.dossiers.choices import Outcome
from motcua.dossiers.tests.fixtures import pdf, vn


def advance_to_return(world, dossier, *, returned=True):
    services.assign_step(
        dossier, actor=world.leader, assignee=world.specialist, now=vn(2026, 3, 2, 11)
    )
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 4, 9))
    services.decide_dossier(
        dossier,
        actor=world.leader,
        outcome=Outcome.REJECTED,
        reason="Không phù hợp quy hoạch",
        now=vn(2026, 3, 5, 9),
    )
    if returned:
        services.return_result(
            dossier, actor=world.returner, channel="online", now=vn(2026, 3, 6, 9)
        )
    dossier.refresh_from_db()
    return dossier


@pytest.fixture
def citizen(db):
    return UserFactory(full_name="Trần Thị Bích Ngọc")


@pytest.fixture
def other_citizen(db):
    return UserFactory(full_name="Vũ Minh Tuấn")


def owned_dossier(world, owner, *, returned=True):
    """A dossier `owner` submitted online, signed in, handled and (unless told) returned."""
    dossier = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))],
        actor=owner,
        now=vn(2026, 3, 2, 9),
    ).dossier
    assert dossier.owner_id == owner.pk
    services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    return advance_to_return(world, dossier, returned=returned)
