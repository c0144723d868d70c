"""Dossiers in chosen states for the office's tests, made through the services."""

from __future__ import annotations

from motcua.dossiers import services
from motcua.dossiers.choices import Outcome
from motcua.dossiers.tests.fixtures import pdf, vn

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's


def signed_in(client, user):
    client.force_login(user)
    return client


def submit_online(world, *, now=None, **applicant):
    return services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(**applicant),
        receiving_agency=world.centre,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))],
        now=now or vn(2026, 3, 2, 9, 0),
    ).dossier


def received(world, **applicant):
    dossier = submit_online(world, **applicant)
    return services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))


def assigned(world, **applicant):
    dossier = received(world, **applicant)
    services.assign_step(
        dossier, actor=world.leader, assignee=world.specialist, now=vn(2026, 3, 2, 11)
    )
    dossier.refresh_from_db()
    return dossier


def at_last_step(world, **applicant):
    dossier = assigned(world, **applicant)
    services.forward_dossier(dossier, actor=world.specialist, now=vn(2026, 3, 3, 9))
    dossier.refresh_from_db()
    return dossier


def decided(world, *, now=None, **applicant):
    dossier = at_last_step(world, **applicant)
    services.decide_dossier(
        dossier,
        actor=world.leader,
        outcome=Outcome.REJECTED,
        reason="Không phù hợp quy hoạch",
        now=now or vn(2026, 3, 4, 9),
    )
    dossier.refresh_from_db()
    return dossier
