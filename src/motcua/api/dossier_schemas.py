"""The shapes of dossiers in the API (documented in the OpenAPI schema)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from motcua.dossiers.applicants import max_length


class ApplicantIn(Schema):
    """The maximum lengths are the dossier's columns' (dossiers.applicants.max_length)."""

    kind: str = Field(..., description="citizen (công dân) hoặc organisation (tổ chức)")
    name: str = Field(
        ..., max_length=max_length("name"), description="Họ tên người nộp hoặc tên tổ chức"
    )
    personal_id: str = Field(
        "",
        max_length=max_length("personal_id"),
        description="Số định danh cá nhân, 12 chữ số (công dân)",
    )
    tax_code: str = Field("", max_length=max_length("tax_code"), description="Mã số thuế (tổ chức)")
    address: str = Field("", max_length=max_length("address"))
    commune_code: str = Field("", description="Mã thống kê xã, phường (5 chữ số)")
    phone: str = Field("", max_length=max_length("phone"))
    email: str = Field("", max_length=max_length("email"))
    submitter_name: str = Field(
        "", max_length=max_length("submitter_name"), description="Người nộp thay (nếu có)"
    )
    submitter_personal_id: str = Field("", max_length=max_length("submitter_personal_id"))
    submitter_relation: str = Field("", max_length=max_length("submitter_relation"))


class DossierIn(Schema):
    procedure: str = Field(..., description="Mã thủ tục, ví dụ 1.001193")
    case: str = Field(..., description="Mã trường hợp của thủ tục")
    channel: str = Field("online", description="online, national_portal, post hoặc counter")
    receiving_agency: str = Field(..., description="Mã định danh cơ quan tiếp nhận")
    responsible_agency: str | None = Field(
        None, description="Mã cơ quan chủ trì (khi thủ tục có nhiều cơ quan)"
    )
    applicant: ApplicantIn
    form_data: dict = Field(
        default_factory=dict, description="Dữ liệu tờ khai theo JSON Schema của thủ tục"
    )
    requested_return_channel: str = Field(
        "counter", description="Nhận kết quả: counter, online hoặc post"
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
    started_at: datetime
    due_at: datetime | None
    finished_at: datetime | None
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
    uploaded_at: datetime


class PauseOut(Schema):
    reason: str
    note: str
    items: list[str]
    started_at: datetime
    ended_at: datetime | None


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
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    overdue: bool


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
    clock_started_at: datetime | None
    remaining_minutes: int | None
    applicant_due_at: datetime | None
    decided_at: datetime | None
    returned_at: datetime | None
    steps: list[StepOut]
    documents: list[DocumentOut]
    files: list[FileOut]
    pauses: list[PauseOut]


class SubmissionOut(Schema):
    code: str | None
    status: str
    version: int
    lookup_secret: str | None = Field(None, description="Mã tra cứu: chỉ trả về một lần, khi nộp")
    due_at: datetime | None = None


class DossierPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[DossierSummary]


class Versioned(Schema):
    version: int = Field(
        ..., description="Phiên bản hồ sơ đang xem; sai phiên bản bị từ chối (409)"
    )


class ChecklistLineIn(Schema):
    document_code: str
    form: str = Field(..., description="original, copy hoặc certified_copy")
    quantity: int = Field(1, ge=1, le=99)
    digitised: bool = False


class ReceiveIn(Versioned):
    checklist: list[ChecklistLineIn] | None = None
    sets_count: int | None = Field(None, ge=1, le=50)


class ReturnForCompletionIn(Versioned):
    missing: list[str]
    note: str = ""


class RefuseIn(Versioned):
    reasons: str


class AssignIn(Versioned):
    assignee: str = Field(..., description="Tên đăng nhập của cán bộ được phân công")


class ForwardIn(Versioned):
    note: str = ""
    to_agency: str | None = None


class ReturnToStepIn(Versioned):
    order: int
    reason: str


class HandOverIn(Versioned):
    to_agency: str
    reason: str


class PauseIn(Versioned):
    reason: str = Field(..., description="supplement, financial hoặc applicant_request")
    note: str
    items: list[str] = Field(default_factory=list)
    period_days: int | None = Field(None, ge=1, le=365)
    justification: str = ""


class ResumeIn(Versioned):
    note: str = ""


class ResultDocumentIn(Schema):
    title: str
    number: str
    signed_on: date
    signer: str


class DecideIn(Versioned):
    outcome: str = Field(..., description="approved hoặc rejected")
    reason: str = ""
    documents: list[ResultDocumentIn] = Field(default_factory=list)


class ReturnResultIn(Versioned):
    channel: str = Field(..., description="counter, online hoặc post")
    collected_by_name: str = ""
    collected_by_id_number: str = ""


class WithdrawIn(Versioned):
    reason: str


class ApologiseIn(Versioned):
    reason: str
    new_due_at: datetime


class LookupIn(Schema):
    code: str = Field(max_length=40)
    secret: str = Field(max_length=40)


class LookupOut(Schema):
    code: str
    status: str
    status_label: str
    procedure_name: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    applicant_due_at: datetime | None
    decided_at: datetime | None
    pending_supplement: list[str]
