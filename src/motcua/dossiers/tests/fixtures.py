"""A small province for dossier tests: a service centre receiving for a department, the
department's licensing unit, another department, officials with their roles, and a published
procedure with a three-step internal process; and dossiers of that procedure made through the
services (`submit_online`, `received`, `approve_with_permit`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog.choices import StepUnit
from motcua.catalog.tests.factories import (
    ProcedureAgencyFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
    ProcessStepFactory,
    RequiredDocumentFactory,
)
from motcua.dossiers import services
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import Outcome
from motcua.dossiers.models import Dossier
from motcua.workdays.zone import VIETNAM as VN

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN)


def pdf(name: str = "to-khai.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class World:
    centre: object
    department: object
    unit: object
    other: object
    procedure: object
    case: object
    receptionist: object
    specialist: object
    leader: object
    returner: object
    outsider: object

    def applicant(self, **overrides) -> Applicant:
        values = {
            "kind": "citizen",
            "name": "Trần Thị Bích Ngọc",
            "personal_id": "001190012345",
            "address": "12 phố Hàng Bạc",
            "phone": "0912345678",
            "email": "ngoc@example.vn",
        }
        values.update(overrides)
        return Applicant(**values)


@pytest.fixture
def world(db) -> World:
    from motcua.agencies.models import Commune, Province
    from motcua.agencies.places import load_places

    # A transactional test before this one may have flushed what the data migration loaded.
    if not Commune.objects.exists():
        load_places(Province, Commune)
    city = AgencyFactory(
        name="UBND Thành phố Hà Nội", kind=AgencyKind.PEOPLES_COMMITTEE, receives_dossiers=False
    )
    centre = AgencyFactory(
        name="Trung tâm Phục vụ hành chính công", parent=city, kind=AgencyKind.SERVICE_CENTRE
    )
    department = AgencyFactory(name="Sở Xây dựng", parent=city, receives_dossiers=False)
    unit = AgencyFactory(
        name="Phòng Cấp phép xây dựng",
        parent=department,
        kind=AgencyKind.UNIT,
        receives_dossiers=False,
    )
    other = AgencyFactory(name="Sở Tư pháp", parent=city)
    procedure = ProcedureFactory(
        name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        eform_schema={
            "type": "object",
            "title": "Đơn đề nghị cấp giấy phép xây dựng",
            "properties": {
                "dien_tich": {"type": "number", "title": "Diện tích xây dựng (m²)", "minimum": 1},
                "so_tang": {"type": "integer", "title": "Số tầng", "minimum": 1, "maximum": 50},
            },
            "required": ["dien_tich"],
            "additionalProperties": False,
        },
    )
    ProcedureAgencyFactory(procedure=procedure, agency=department)
    case = ProcedureCaseFactory(procedure=procedure, code="TH1", time_limit_value=Decimal("15"))
    RequiredDocumentFactory(case=case, code="DON", name="Đơn đề nghị cấp giấy phép xây dựng")
    RequiredDocumentFactory(case=case, code="GCN", name="Giấy chứng nhận quyền sử dụng đất")
    for order, (name, unit_kind, role, share) in enumerate(
        [
            ("Tiếp nhận hồ sơ", StepUnit.RECEIVING, Role.RECEPTION, "5"),
            ("Thẩm định hồ sơ", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, "70"),
            ("Phê duyệt", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, "25"),
        ],
        start=1,
    ):
        ProcessStepFactory(
            procedure=procedure,
            order=order,
            name=name,
            unit=unit_kind,
            role=role,
            share_percent=Decimal(share),
        )

    def official(name, agency, role, subtree=False):
        user = UserFactory(official=True, full_name=name)
        RoleGrantFactory(user=user, agency=agency, role=role, includes_subtree=subtree)
        return user

    return World(
        centre=centre,
        department=department,
        unit=unit,
        other=other,
        procedure=procedure,
        case=case,
        receptionist=official("Lê Văn Tiếp", centre, Role.RECEPTION),
        specialist=official("Phạm Thu Hà", unit, Role.SPECIALIST),
        leader=official("Nguyễn Đức Minh", department, Role.UNIT_LEADER, subtree=True),
        returner=official("Đỗ Thị Lan", centre, Role.RESULT_RETURN),
        outsider=official("Hoàng Văn Khác", other, Role.UNIT_LEADER, subtree=True),
    )


def submit_online(
    world: World, *, now=None, uploads=None, form_data=None, **applicant
) -> services.Submission:
    """An online dossier of the world's procedure submitted at the service centre through the
    service, at `now` (2 March 2026, 9:00 unless told), with both documents uploaded and a valid
    e-form unless `uploads` or `form_data` say otherwise; `applicant` overrides the world's
    applicant. Returns the submission: the dossier and its lookup secret."""
    if form_data is None:
        form_data = {"dien_tich": "120.5", "so_tang": "4"}
    if uploads is None:
        uploads = [services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))]
    return services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(**applicant),
        receiving_agency=world.centre,
        form_data=form_data,
        uploads=uploads,
        now=now or vn(2026, 3, 2, 9, 0),
    )


def tracking(dossier: Dossier):
    """What a portal session that verified `dossier`'s lookup secret shows the services: the
    secret's HMAC as it remembered it."""
    from motcua.dossiers.policies import ApplicantProof

    return ApplicantProof(secret_hash=dossier.lookup_secret_hash)


def received(world: World, **applicant) -> Dossier:
    """`submit_online`'s dossier received by the world's receptionist on 2 March 2026, 10:00:
    processing, its first step open."""
    dossier = submit_online(world, **applicant).dossier
    return services.receive_dossier(dossier, actor=world.receptionist, now=vn(2026, 3, 2, 10))


def approve_with_permit(
    world: World, dossier: Dossier, *, number: str, signed_on: date, file=None, now=None
) -> Dossier:
    """The world's leader approves `dossier` (at its last step) with one result document: the
    building permit `number`, signed by the leader on `signed_on`, with its scan `file` if any."""
    services.decide_dossier(
        dossier,
        actor=world.leader,
        outcome=Outcome.APPROVED,
        documents=[
            services.ResultDocumentData(
                title="Giấy phép xây dựng",
                number=number,
                signed_on=signed_on,
                signer=world.leader.full_name,
                file=file,
            )
        ],
        now=now,
    )
    dossier.refresh_from_db()
    return dossier
