"""A postal employee at a commune counter: reception granted to a person who is not a civil
servant, their organisation recorded on the grant, in the log and on every form they sign
(01, 02, 03), on the control sheet (06) and in the log book (07)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.services import grant_role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.dossiers import services
from motcua.dossiers.choices import Action, DocumentForm
from motcua.dossiers.printouts import render_form_html
from motcua.dossiers.printouts.logbook import render_logbook_html
from motcua.dossiers.tests.fixtures import pdf, vn
from motcua.events.models import AuditEvent

pytestmark = pytest.mark.django_db

POST = "Bưu điện Việt Nam (Tổng công ty Bưu điện Việt Nam)"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _postal_counter(world):
    """A commune's counter and the postal employee granted reception there."""
    commune = AgencyFactory(commune=True, name="UBND Phường Ba Đình", parent=world.centre.parent)
    admin = UserFactory(official=True, full_name="Quản Trị Viên")
    RoleGrantFactory(user=admin, agency=commune, role=Role.SYSTEM_ADMIN)
    postal = UserFactory(official=True, full_name="Trịnh Thị Bưu")
    grant = grant_role(
        user=postal, agency=commune, role=Role.RECEPTION, organisation=f"  {POST} ", actor=admin
    )
    assert grant.organisation == POST
    return commune, postal


def _online_at(world, commune, now):
    return services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=commune,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))],
        now=now,
    ).dossier


def test_a_postal_employee_receives_at_a_commune_counter_and_form_01_names_their_post(world):
    commune, postal = _postal_counter(world)

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


def test_forms_02_03_06_and_the_log_book_name_the_postal_employees_post(world):
    commune, postal = _postal_counter(world)
    returned = _online_at(world, commune, vn(2026, 3, 2, 9))
    services.return_for_completion(
        returned, actor=postal, missing=["Bản vẽ mặt bằng"], now=vn(2026, 3, 2, 10)
    )
    refused = _online_at(world, commune, vn(2026, 3, 2, 9, 5))
    services.refuse_dossier(
        refused, actor=postal, reasons="Không thuộc thẩm quyền", now=vn(2026, 3, 2, 10, 5)
    )
    for dossier, form in ((returned, "02"), (refused, "03")):
        event = dossier.audit_events.order_by("-seq").first()
        assert event.data["receiver_organisation"] == POST
        html = dossier.issued_forms.get(form=form).html
        assert "Trịnh Thị Bưu" in html and POST in html, form

    received = _online_at(world, commune, vn(2026, 3, 2, 9, 10))
    services.receive_dossier(received, actor=postal, now=vn(2026, 3, 2, 10, 10))
    assert POST in received.issued_forms.get(form="01").html
    received.refresh_from_db()
    step = received.steps.order_by("started_at").first()
    step.assigned_to = postal  # the counter's own step, taken by the employee
    step.save()
    assert f"Trịnh Thị Bưu ({POST})" in render_form_html(received, "06", now=vn(2026, 3, 2, 11))

    book = render_logbook_html(
        commune, date_from=vn(2026, 3, 2, 0).date(), date_to=vn(2026, 3, 2, 0).date()
    )
    assert received.code in book and f"Người tiếp nhận: Trịnh Thị Bưu, nhân viên {POST}" in book

    # A civil servant's forms and rows name no organisation.
    civil = _online_at(world, world.centre, vn(2026, 3, 2, 9, 15))
    services.return_for_completion(
        civil, actor=world.receptionist, missing=["Bản vẽ"], now=vn(2026, 3, 2, 10, 15)
    )
    assert POST not in civil.issued_forms.get(form="02").html
    at_centre = _online_at(world, world.centre, vn(2026, 3, 2, 9, 20))
    services.receive_dossier(at_centre, actor=world.receptionist, now=vn(2026, 3, 2, 10, 20))
    book = render_logbook_html(
        world.centre, date_from=vn(2026, 3, 2, 0).date(), date_to=vn(2026, 3, 2, 0).date()
    )
    assert at_centre.code in book and "Người tiếp nhận:" not in book
