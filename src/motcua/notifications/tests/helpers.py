"""Shared pieces of the notifications tests: the consumer switched on, a signed-in applicant
with confirmed contacts (confirmed through the services, with the code that was sent), and the
worker's pass."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers import services as dossier_services
from motcua.dossiers.tests.fixtures import pdf, vn
from motcua.events.services import run_deliveries
from motcua.integrations.notifications import sync
from motcua.notifications import services
from motcua.notifications.choices import ContactKind


@pytest.fixture
def notifying():
    sync.register_all()
    yield
    sync.unregister_all()


def work(times: int = 1, *, at=None) -> None:
    """The delivery worker's passes (`at`: the moment, later than any backoff)."""
    for _ in range(times):
        run_deliveries(now=at)


def code_in(text: str) -> str:
    return re.search(r"\b(\d{6})\b", text).group(1)


def confirmed_email(user, address: str) -> None:
    """Add `address` as the user's e-mail and confirm it with the code the worker mailed."""
    mail.outbox.clear()
    services.add_contact(actor=user, kind=ContactKind.EMAIL, value=address)
    work()
    (sent,) = [m for m in mail.outbox if m.to == [address]]
    services.confirm_contact(
        actor=user, kind=ContactKind.EMAIL, value=address, code=code_in(sent.body)
    )
    mail.outbox.clear()


def owned_dossier(world, user, *, phone="0912345678", email="ngoc@example.vn"):
    """An online dossier submitted by the signed-in `user`."""
    return dossier_services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(phone=phone, email=email),
        receiving_agency=world.centre,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[
            dossier_services.Upload("DON", pdf("don.pdf")),
            dossier_services.Upload("GCN", pdf("gcn.pdf")),
        ],
        owner=user,
        actor=user,
        now=vn(2026, 3, 2, 9, 0),
    ).dossier


def citizen(**fields):
    return UserFactory(**fields)


def later(minutes: int = 60):
    return timezone.now() + timedelta(minutes=minutes)
