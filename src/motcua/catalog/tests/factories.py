from datetime import date
from decimal import Decimal

import factory

from motcua.agencies.choices import Role
from motcua.catalog.choices import (
    FeeCategory,
    FeeKind,
    ImplementingLevel,
    OnlineClass,
    PublicationStatus,
    StepUnit,
    TimeUnit,
)
from motcua.catalog.models import (
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureResult,
    ProcessStep,
    RequiredDocument,
)


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LV{n:03d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử nghiệm {n}")


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure

    code = factory.Sequence(lambda n: f"1.{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    field = factory.SubFactory(FieldFactory)
    implementing_level = ImplementingLevel.PROVINCE
    applicant_types = factory.LazyFunction(lambda: ["citizen"])
    via_counter = True
    via_online = True
    service_level = 4
    online_class = OnlineClass.FULL
    status = PublicationStatus.PUBLISHED
    source = "Dữ liệu thử nghiệm"

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT)
        offline = factory.Trait(via_online=False, service_level=2, online_class=OnlineClass.NONE)


class ProcedureAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureAgency

    procedure = factory.SubFactory(ProcedureFactory)
    agency = factory.SubFactory("motcua.agencies.tests.factories.AgencyFactory")


class ProcedureCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureCase

    procedure = factory.SubFactory(ProcedureFactory)
    code = factory.Sequence(lambda n: f"TH{n}")
    name = "Trường hợp chung"
    time_limit_value = Decimal("5")
    time_limit_unit = TimeUnit.WORKING_DAYS


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    case = factory.SubFactory(ProcedureCaseFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ số {n}")
    originals = 1


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Lệ phí"
    amount = 50000


class ProcedureResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureResult

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Giấy chứng nhận"


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis

    procedure = factory.SubFactory(ProcedureFactory)
    number = "61/2018/NĐ-CP"
    title = "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông"


class ProcessStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessStep

    procedure = factory.SubFactory(ProcedureFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "Thẩm định hồ sơ"
    unit = StepUnit.RESPONSIBLE_UNIT
    role = Role.SPECIALIST
    share_percent = Decimal("100")


def complete_procedure(**kwargs) -> Procedure:
    """A published procedure with one case, two documents, a fee, a result, a legal basis and
    a three-step process: what a citizen's page and an import/export round trip need."""
    procedure = ProcedureFactory(**kwargs)
    case = ProcedureCaseFactory(procedure=procedure, code="TH1")
    RequiredDocumentFactory(case=case, name="Tờ khai theo mẫu", form_name="Mẫu số 01")
    RequiredDocumentFactory(case=case, name="Bản sao giấy tờ tùy thân", originals=0, copies=1)
    FeeFactory(procedure=procedure)
    ProcedureResultFactory(procedure=procedure)
    LegalBasisFactory(procedure=procedure)
    for order, (name, unit, role, share) in enumerate(
        [
            ("Tiếp nhận hồ sơ", StepUnit.RECEIVING, Role.RECEPTION, "10"),
            ("Thẩm định hồ sơ", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, "70"),
            ("Phê duyệt kết quả", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, "20"),
        ],
        start=1,
    ):
        ProcessStepFactory(
            procedure=procedure,
            order=order,
            name=name,
            unit=unit,
            role=role,
            share_percent=Decimal(share),
        )
    return procedure


def rich_procedure(**kwargs) -> Procedure:
    """A procedure using every part of the catalog: two implementing agencies (one with its
    own service level and online class), three cases with their own time units and steps
    text, a procedure-wide tiered fee, a per-copy fee for one case, an e-form, validity
    dates and two legal bases. What an export/import round trip must carry exactly."""
    from motcua.agencies.tests.factories import AgencyFactory

    defaults = {
        "implementing_level": ImplementingLevel.COMMUNE,
        "via_post": True,
        "service_level": 3,
        "online_class": OnlineClass.PARTIAL,
        "applicant_types": ["citizen", "foreigner"],
        "applicant_description": "Công dân Việt Nam và người nước ngoài cư trú tại Hà Nội.",
        "conditions": "Người yêu cầu có đủ năng lực hành vi dân sự.",
        "description": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.\n",
        "result_delivery": "Tại bộ phận một cửa hoặc qua bưu chính.",
        "publishing_agency_code": "000.00.00.H26",
        "integrated_with_national_portal": True,
        "supplement_restarts_clock": True,
        "effective_from": date(2025, 7, 1),
        "effective_to": date(2030, 12, 31),
        "eform_schema": {
            "type": "object",
            "title": "Tờ khai",
            "properties": {
                "ho_ten": {"type": "string", "title": "Họ và tên", "maxLength": 100},
                "so_ban": {"type": "integer", "title": "Số bản sao", "minimum": 1},
            },
            "required": ["ho_ten"],
            "additionalProperties": False,
            "x-order": ["ho_ten", "so_ban"],
        },
    }
    defaults.update(kwargs)
    procedure = ProcedureFactory(**defaults)
    ProcedureAgencyFactory(procedure=procedure, agency=AgencyFactory(commune=True))
    ProcedureAgencyFactory(
        procedure=procedure,
        agency=AgencyFactory(commune=True),
        service_level=4,
        online_class=OnlineClass.FULL,
    )
    cases = [
        ProcedureCaseFactory(
            procedure=procedure,
            code="KT-DUNGHAN",
            name="Đăng ký khai sinh đúng hạn",
            order=1,
            time_limit_value=Decimal("0.5"),
            time_limit_unit=TimeUnit.WORKING_DAYS,
            time_limit_note="Trả ngay trong ngày nếu nộp trước 15 giờ.",
            steps_text="Công chức tư pháp kiểm tra.\nChủ tịch ký.",
        ),
        ProcedureCaseFactory(
            procedure=procedure,
            code="KT-QUAHAN",
            name="Đăng ký khai sinh quá hạn",
            order=2,
            time_limit_value=Decimal("4"),
            time_limit_unit=TimeUnit.WORKING_HOURS,
        ),
        ProcedureCaseFactory(
            procedure=procedure,
            code="KT-NUOCNGOAI",
            name="Khai sinh có yếu tố nước ngoài",
            order=3,
            time_limit_value=Decimal("15"),
            time_limit_unit=TimeUnit.CALENDAR_DAYS,
        ),
    ]
    for case in cases:
        RequiredDocumentFactory(
            case=case, code=f"{case.code}-01", name="Tờ khai đăng ký khai sinh", order=1
        )
    RequiredDocumentFactory(
        case=cases[0],
        name="Giấy chứng sinh",
        form_url="https://example.vn/mau/giay-chung-sinh.pdf",
        is_required=False,
        note="Nếu không có, nộp văn bản của người làm chứng.",
        order=2,
        originals=0,
        copies=2,
    )
    FeeFactory(
        procedure=procedure,
        code="LP01",
        name="Lệ phí đăng ký hộ tịch",
        kind=FeeKind.TIERED,
        amount=0,
        tiers=[{"up_to": 2, "amount": 8000}, {"up_to": None, "amount": 15000}],
        description="Miễn cho hộ nghèo.",
    )
    FeeFactory(
        procedure=procedure,
        case=cases[2],
        code="P02",
        name="Phí cấp bản sao trích lục",
        category=FeeCategory.FEE,
        kind=FeeKind.PER_COPY,
        amount=8000,
        unit="đồng/bản",
    )
    ProcedureResultFactory(procedure=procedure, code="KQ1", name="Giấy khai sinh")
    ProcedureResultFactory(procedure=procedure, name="Trích lục khai sinh")
    LegalBasisFactory(procedure=procedure, url="https://vbpl.vn/luat-ho-tich")
    LegalBasisFactory(procedure=procedure, number="123/2015/NĐ-CP", title="Nghị định hộ tịch")
    for order, (name, unit, role, share) in enumerate(
        [
            ("Tiếp nhận", StepUnit.RECEIVING, Role.RECEPTION, "12.5"),
            ("Thẩm định", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, "62.5"),
            ("Ký duyệt", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, "25"),
        ],
        start=1,
    ):
        ProcessStepFactory(
            procedure=procedure,
            order=order,
            name=name,
            unit=unit,
            role=role,
            share_percent=Decimal(share),
        )
    return procedure
