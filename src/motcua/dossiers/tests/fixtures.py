"""A small province for dossier tests: a service centre receiving for a department, the
department's licensing unit, another department, officials with their roles, and a published
procedure with a three-step internal process."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

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
from motcua.dossiers.applicants import Applicant

VN = ZoneInfo("Asia/Ho_Chi_Minh")
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
