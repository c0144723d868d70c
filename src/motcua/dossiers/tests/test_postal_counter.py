"""A postal employee at a commune counter: reception granted to a person who is not a civil
servant, their organisation recorded on the grant, in the log and on form 01."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.services import grant_role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.dossiers import services
from motcua.dossiers.choices import Action, DocumentForm
from motcua.events.models import AuditEvent

pytestmark = pytest.mark.django_db

POST = "Bưu điện Việt Nam (Tổng công ty Bưu điện Việt Nam)"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_a_postal_employee_receives_at_a_commune_counter_and_form_01_names_their_post(world):
    commune = AgencyFactory(commune=True, name="UBND Phường Ba Đình", parent=world.centre.parent)
    admin = UserFactory(official=True, full_name="Quản Trị Viên")
    RoleGrantFactory(user=admin, agency=commune, role=Role.SYSTEM_ADMIN)
    postal = UserFactory(official=True, full_name="Trịnh Thị Bưu")
    grant = grant_role(
        user=postal, agency=commune, role=Role.RECEPTION, organisation=f"  {POST} ", actor=admin
    )
    assert grant.organisation == POST

    dossier = services.receive_at_counter(
        actor=postal,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(),
        receiving_agency=commune,
        checklist=[
            services.ChecklistLine("DON", DocumentForm.ORIGINAL, 1),
            services.ChecklistLine("GCN", DocumentForm.COPY, 1),
        ],
        form_data={"dien_tich": 80},
    ).dossier
    received = AuditEvent.objects.get(dossier=dossier, action=Action.RECEIVE)
    assert received.actor_name == "Trịnh Thị Bưu"
    assert received.data["receiver_organisation"] == POST
    html = dossier.issued_forms.get(form="01").html
    assert "Trịnh Thị Bưu" in html and POST in html

    # A civil servant's reception records no organisation.
    other = services.receive_at_counter(
        actor=world.receptionist,
        procedure=world.procedure,
        case=world.case,
        applicant=world.applicant(),
        receiving_agency=world.centre,
        checklist=[
            services.ChecklistLine("DON", DocumentForm.ORIGINAL, 1),
            services.ChecklistLine("GCN", DocumentForm.COPY, 1),
        ],
        form_data={"dien_tich": 80},
    ).dossier
    event = AuditEvent.objects.get(dossier=other, action=Action.RECEIVE)
    assert "receiver_organisation" not in event.data
    assert POST not in other.issued_forms.get(form="01").html


def test_only_reception_may_be_granted_to_someone_outside_the_agency(world):
    admin = UserFactory(official=True, full_name="Quản Trị Viên")
    RoleGrantFactory(user=admin, agency=world.centre, role=Role.SYSTEM_ADMIN)
    postal = UserFactory(official=True, full_name="Trịnh Thị Bưu")
    with pytest.raises(ValidationError) as caught:
        grant_role(
            user=postal, agency=world.centre, role=Role.SPECIALIST, organisation=POST, actor=admin
        )
    assert "organisation" in caught.value.message_dict
