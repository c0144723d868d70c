"""Dossiers in chosen states for the office's tests, made through the services (a submitted
and a received one come from the dossier tests' fixtures, re-exported here)."""

from __future__ import annotations

from motcua.dossiers import services
from motcua.dossiers.choices import Outcome
from motcua.dossiers.tests.fixtures import received, submit_online, vn
from motcua.testing import sign_in_official

__all__ = [
    "PASSWORD",
    "assigned",
    "at_last_step",
    "decided",
    "received",
    "signed_in",
    "submit_online",
]

PASSWORD = "mat-khau-thu-nghiem"  # UserFactory's


def signed_in(client, user):
    return sign_in_official(client, user)


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
