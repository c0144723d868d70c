"""The shapes of dossiers in the API (documented in the OpenAPI schema).

Every limit the API enforces on a request is stated here, so the schema tells a client what will
be accepted: closed lists as enums, lengths read from the models, numbers with their bounds,
required text that must not be blank (`minLength` 1 and a non-space character). What the schema
cannot state is checked by the services and answered with a field-level 422: a code that names
nothing, a rule between two fields.

Moments are answered in Vietnam time (+07:00), see `Moment`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator

from motcua.agencies.models import Agency
from motcua.api.inputs import In
from motcua.catalog.models import Procedure, ProcedureCase
from motcua.dossiers.applicants import max_length
from motcua.dossiers.choices import (
    STOP_REASON_MAX,
    ApplicantKind,
    Channel,
    DocumentForm,
    Outcome,
    PauseReason,
    ReturnChannel,
    StopReasonKind,
)
from motcua.dossiers.models import Dossier, ResultDocument


# A moment, answered in the system's time zone (workdays.zone, +07:00) whatever zone it was
# stored or computed in.
def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


Moment = Annotated[datetime, AfterValidator(_local)]

# Required text: present, at least one character that is not a space.
NOT_BLANK = r"\S"
# Free text written by an official (a note, a reason).
TEXT_MAX = 2000
# Counters that fit every database's integer column.
INT_MAX = 2_147_483_647


def _max(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def code_field(model, field: str, description: str, **extra):
    """A required code that names a record: non-empty, at most the column's length."""
    return Field(
        ...,
        min_length=1,
        max_length=_max(model, field),
        pattern=NOT_BLANK,
        description=description,
        **extra,
    )


def required_text(description: str = "", max_length: int = TEXT_MAX):
    return Field(
        ..., min_length=1, max_length=max_length, pattern=NOT_BLANK, description=description
    )


def optional_text(description: str = "", max_length: int = TEXT_MAX):
    return Field("", max_length=max_length, description=description)


class ApplicantIn(In):
    kind: ApplicantKind = Field(..., description="citizen (công dân) hoặc organisation (tổ chức)")
    name: str = required_text("Họ tên người nộp hoặc tên tổ chức", max_length=max_length("name"))
    personal_id: str = Field(
        "",
        max_length=max_length("personal_id"),
        description="Số định danh cá nhân, đúng 12 chữ số; bắt buộc khi kind là citizen.",
        json_schema_extra={"pattern": r"^(\d{12})?$"},
    )
    tax_code: str = Field(
        "",
        max_length=max_length("tax_code"),
        description="Mã số thuế: 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số (chi nhánh); "
        "bắt buộc khi kind là organisation.",
        json_schema_extra={"pattern": r"^(\d{10}(-\d{3})?)?$"},
    )
    address: str = optional_text("Địa chỉ", max_length=max_length("address"))
    commune_code: str = Field(
        "",
        max_length=5,
        description="Mã thống kê xã, phường (5 chữ số); phải là một xã, phường có thật.",
        json_schema_extra={"pattern": r"^(\d{5})?$"},
    )
    phone: str = Field(
        "",
        max_length=max_length("phone"),
        description="Số điện thoại: 0 hoặc +84 rồi 9–10 chữ số. Cần số điện thoại hoặc thư "
        "điện tử (ít nhất một trong hai).",
        json_schema_extra={"pattern": r"^((\+84|0)\d{9,10})?$"},
    )
    email: str = Field(
        "",
        max_length=max_length("email"),
        description="Thư điện tử (một địa chỉ hợp lệ, hoặc bỏ trống).",
        json_schema_extra={"anyOf": [{"format": "email"}, {"maxLength": 0}]},
    )
    submitter_name: str = optional_text(
        "Người nộp thay (nếu có)", max_length=max_length("submitter_name")
    )
    submitter_personal_id: str = Field(
        "",
        max_length=max_length("submitter_personal_id"),
        description="Số định danh cá nhân của người nộp thay, 12 chữ số (khi có người nộp thay).",
        json_schema_extra={"pattern": r"^(\d{12})?$"},
    )
    submitter_relation: str = optional_text(
        "Quan hệ của người nộp thay với người yêu cầu",
        max_length=max_length("submitter_relation"),
    )


class DossierIn(In):
    procedure: str = code_field(Procedure, "code", "Mã thủ tục, ví dụ 1.001193")
    case: str = code_field(ProcedureCase, "code", "Mã trường hợp của thủ tục")
    channel: Channel = Field(Channel.ONLINE, description="Kênh nộp hồ sơ")
    receiving_agency: str = code_field(Agency, "code", "Mã định danh cơ quan tiếp nhận")
    responsible_agency: str | None = Field(
        None,
        min_length=1,
        max_length=_max(Agency, "code"),
        pattern=NOT_BLANK,
        description="Mã cơ quan chủ trì (khi thủ tục có nhiều cơ quan); bỏ trống hoặc null "
        "để hệ thống chọn.",
    )
    applicant: ApplicantIn
    form_data: dict = Field(
        default_factory=dict, description="Dữ liệu tờ khai theo JSON Schema của thủ tục"
    )
    requested_return_channel: ReturnChannel = Field(
        ReturnChannel.COUNTER, description="Hình thức nhận kết quả"
    )
    submit: bool = Field(True, description="false để lưu bản nháp")


class AgencyRef(Schema):
    code: str
    name: str


class StepOut(Schema):
    order: int
    name: str
    unit: AgencyRef
    role: str
    assigned_to: str | None
    started_at: Moment
    due_at: Moment | None
    finished_at: Moment | None
    timeliness: str | None = Field(None, description="early, on_time, late (bước đã xong)")
    returned: bool


class DocumentOut(Schema):
    code: str
    name: str
    required: bool
    form: str
    quantity: int
    digitised: bool
    file_id: int | None


class FileOut(Schema):
    id: int
    name: str
    purpose: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: Moment


class PauseOut(Schema):
    reason: str
    note: str
    items: list[str]
    started_at: Moment
    ended_at: Moment | None


class DossierSummary(Schema):
    code: str | None
    status: str
    version: int
    procedure_code: str
    procedure_name: str
    applicant_name: str
    channel: str
    receiving_agency: AgencyRef
    responsible_agency: AgencyRef
    submitted_at: Moment | None
    received_at: Moment | None
    due_at: Moment | None
    overdue: bool


class FeeItemOut(Schema):
    code: str
    name: str
    quantity: str = Field(description="Số lượng (bản, m², hoặc giá trị tính phí), dạng thập phân")
    unit_amount: int = Field(description="Mức thu, đồng")
    amount: int = Field(description="Số tiền, đồng (0 khi được miễn)")
    exempted_for: str = Field(description="Nhóm được miễn đã khai; rỗng khi phải nộp")


class ObligationOut(Schema):
    stage: str = Field(
        description="submission (khi nộp) hoặc processing (phát sinh khi giải quyết)"
    )
    status: str = Field(description="open, paid, nothing_due, cancelled")
    note: str
    total: int = Field(description="Tổng phải nộp, đồng")
    paid: int = Field(description="Đã thanh toán, đồng")
    outstanding: int = Field(description="Còn phải nộp, đồng")
    items: list[FeeItemOut]


class PaymentOut(Schema):
    bill_code: str
    method: str = Field(
        description="national_platform, provincial_gateway, counter_cash, counter_card"
    )
    status: str = Field(description="pending, confirmed, failed, abandoned")
    amount: int = Field(description="Số tiền, đồng")
    created_at: Moment
    confirmed_at: Moment | None = Field(description="Thời điểm thanh toán được xác nhận")


class ReceiptOut(Schema):
    template: str = Field(description="Mẫu số")
    series: str = Field(description="Ký hiệu")
    number: str = Field(description="Số biên lai trong ký hiệu")
    status: str = Field(description="issued, cancelled, replaced")
    total: int = Field(description="Tổng số tiền, đồng")
    issued_at: Moment


class MoneyOut(Schema):
    owed: int = Field(description="Tổng phải nộp cho cơ quan, đồng")
    paid: int = Field(description="Đã thanh toán, đồng")
    outstanding: int = Field(description="Còn phải nộp, đồng")
    refunded: int = Field(description="Đã hoàn trả, đồng")
    postal_charge: int = Field(
        description="Cước bưu chính công ích đã báo giá, trả cho bưu điện (không tính vào owed)"
    )
    obligations: list[ObligationOut]
    payments: list[PaymentOut]
    receipts: list[ReceiptOut]


class DossierOut(DossierSummary):
    requested_return_channel: str
    case_code: str
    case_name: str
    outcome: str
    applicant_kind: str
    applicant_personal_id: str
    applicant_tax_code: str
    applicant_address: str
    applicant_commune_code: str | None
    applicant_phone: str
    applicant_email: str
    form_data: dict
    time_limit: dict
    clock_started_at: Moment | None
    remaining_minutes: int | None = Field(
        description="Thời gian còn lại khi tạm dừng, số phút làm việc (làm tròn xuống)"
    )
    remaining_seconds: int | None = Field(
        description="Thời gian còn lại khi tạm dừng, số giây làm việc (chính xác đến giây)"
    )
    applicant_due_at: Moment | None
    decided_at: Moment | None
    returned_at: Moment | None
    stop_reason_kind: str = Field(
        description="Căn cứ dừng giải quyết (applicant_request, legal_reason); rỗng khi chưa dừng"
    )
    stop_reason: str = Field(description="Lý do dừng giải quyết; rỗng khi chưa dừng")
    stopped_at: Moment | None
    national_code: int | None = Field(
        description="Mã trạng thái hồ sơ theo Cổng Dịch vụ công quốc gia (1–10); không có khi là bản nháp"
    )
    supplement_requests: int = Field(
        ge=0,
        description="Số lần yêu cầu bổ sung trong quá trình giải quyết; từ lần thứ hai, hồ sơ được "
        "tính là trễ hạn trong đánh giá",
    )
    routing_reason: str = Field(
        description="Cơ quan giải quyết được xác định thế nào (theo quy tắc định tuyến, bằng tiếng Việt)"
    )
    steps: list[StepOut]
    documents: list[DocumentOut]
    files: list[FileOut]
    pauses: list[PauseOut]
    money: MoneyOut = Field(
        description="Phí, lệ phí: phải nộp (chi tiết), các lần thanh toán và biên lai điện tử"
    )


class SubmissionOut(Schema):
    code: str | None
    status: str
    version: int
    lookup_secret: str | None = Field(None, description="Mã tra cứu: chỉ trả về một lần, khi nộp")
    due_at: Moment | None = None


class DossierPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DossierSummary]


class Versioned(In):
    version: int = Field(
        ...,
        ge=0,
        le=INT_MAX,
        description="Phiên bản hồ sơ đang xem; sai phiên bản bị từ chối (409)",
    )


class ChecklistLineIn(In):
    document_code: str = Field(
        ...,
        min_length=1,
        max_length=50,
        pattern=NOT_BLANK,
        description="Mã giấy tờ trong danh mục của trường hợp",
    )
    form: DocumentForm = Field(..., description="Hình thức giấy tờ")
    quantity: int = Field(1, ge=1, le=99)
    digitised: bool = False


class ReceiveIn(Versioned):
    checklist: list[ChecklistLineIn] | None = Field(None, max_length=200)
    sets_count: int | None = Field(None, ge=1, le=50)


class ReturnForCompletionIn(Versioned):
    missing: list[Annotated[str, Field(min_length=1, max_length=500, pattern=NOT_BLANK)]] = Field(
        ..., min_length=1, max_length=100, description="Những gì còn thiếu, ít nhất một mục"
    )
    note: str = optional_text()


class RefuseIn(Versioned):
    reasons: str = required_text("Lý do từ chối tiếp nhận")


class AssignIn(Versioned):
    assignee: str = Field(
        ...,
        min_length=1,
        max_length=150,
        pattern=NOT_BLANK,
        description="Tên đăng nhập của cán bộ được phân công",
    )


class ForwardIn(Versioned):
    note: str = optional_text()
    to_agency: str | None = Field(
        None,
        min_length=1,
        max_length=_max(Agency, "code"),
        pattern=NOT_BLANK,
        description="Mã cơ quan nhận (bước phối hợp)",
    )


class ReturnToStepIn(Versioned):
    order: int = Field(..., ge=1, le=1000, description="Số thứ tự của bước trước đó")
    reason: str = required_text()


class HandOverIn(Versioned):
    to_agency: str = code_field(Agency, "code", "Mã cơ quan nhận hồ sơ liên thông")
    reason: str = required_text()


class PauseIn(Versioned):
    reason: PauseReason = Field(..., description="Lý do tạm dừng")
    note: str = required_text("Nội dung, lý do tạm dừng")
    items: list[Annotated[str, Field(min_length=1, max_length=500, pattern=NOT_BLANK)]] = Field(
        default_factory=list,
        max_length=100,
        description="Những gì cần bổ sung (bắt buộc, ít nhất một mục, khi reason là supplement)",
    )
    period_days: int | None = Field(None, ge=1, le=365)
    justification: str = optional_text()


class ResumeIn(Versioned):
    note: str = optional_text()


class ResultDocumentIn(In):
    title: str = required_text(max_length=_max(ResultDocument, "title"))
    number: str = required_text(max_length=_max(ResultDocument, "number"))
    signed_on: date
    signer: str = required_text(max_length=_max(ResultDocument, "signer"))


class DecideIn(Versioned):
    outcome: Outcome = Field(..., description="Kết quả giải quyết")
    reason: str = optional_text("Lý do; bắt buộc khi outcome là rejected")
    documents: list[ResultDocumentIn] = Field(default_factory=list, max_length=20)


class ReturnResultIn(Versioned):
    channel: ReturnChannel = Field(..., description="Hình thức trả kết quả")
    collected_by_name: str = optional_text(
        "Người nhận kết quả (bắt buộc khi channel là counter)",
        max_length=_max(Dossier, "collected_by_name"),
    )
    collected_by_id_number: str = optional_text(
        "Số giấy tờ tùy thân đã kiểm tra của người nhận (bắt buộc khi channel là counter)",
        max_length=_max(Dossier, "collected_by_id_number"),
    )


class WithdrawIn(Versioned):
    reason: str = required_text()


class StopIn(Versioned):
    reason_kind: StopReasonKind = Field(
        ...,
        description=(
            "Căn cứ dừng giải quyết: applicant_request (theo đề nghị của người nộp) hoặc "
            "legal_reason (cơ quan dừng theo quy định của pháp luật)"
        ),
    )
    reason: str = required_text("Lý do dừng giải quyết", max_length=STOP_REASON_MAX)


class ApologiseIn(Versioned):
    reason: str = required_text()
    new_due_at: datetime = Field(
        ..., description="Ngày giờ hẹn lại, ISO 8601 (ví dụ 2026-03-02T16:00:00+07:00)"
    )


class LookupIn(In):
    code: str = Field(max_length=40)
    secret: str = Field(max_length=40)


class LookupOut(Schema):
    code: str
    status: str
    status_label: str
    procedure_name: str
    submitted_at: Moment | None
    received_at: Moment | None
    due_at: Moment | None
    applicant_due_at: Moment | None
    decided_at: Moment | None
    pending_supplement: list[str]
