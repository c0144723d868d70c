from decimal import Decimal

import factory

from motcua.agencies.choices import Role
from motcua.catalog.choices import (
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
