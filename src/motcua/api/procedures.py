"""The public catalog of procedures: search and the full record of one procedure.

Only published procedures in force today are visible (motcua.catalog.selectors); a draft,
withdrawn or expired code answers 404 exactly like an unknown one.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from motcua.api.errors import ApiError, ErrorSchema
from motcua.api.paging import page_field, page_size_field
from motcua.catalog import formatting, selectors
from motcua.catalog.choices import (
    Channel,
    FeeCategory,
    FeeKind,
    ImplementingLevel,
    OnlineClass,
    TimeUnit,
)
from motcua.catalog.models import Procedure, filled_by_eform

router = Router()


# --- Schemas ---------------------------------------------------------------------------


class ProcedureFilters(Schema):
    q: str | None = Field(
        None,
        max_length=200,
        description="Từ khóa; có dấu hay không dấu, hoa hay thường đều được. Mọi từ phải khớp.",
    )
    field: str | None = Field(None, max_length=50, description="Mã lĩnh vực (MALINHVUC).")
    agency: str | None = Field(
        None, max_length=20, description="Mã định danh hoặc id của cơ quan thực hiện."
    )
    level: int | None = Field(
        None, ge=1, le=4, description="Mức độ dịch vụ công trực tuyến theo NĐ 43/2011 (1–4)."
    )
    implementing_level: ImplementingLevel | None = Field(None, description="Cấp thực hiện.")
    online_class: OnlineClass | None = Field(
        None, description="Phân loại dịch vụ công trực tuyến theo NĐ 42/2022."
    )
    page: int = page_field()
    page_size: int = page_size_field()


class ProcedureFieldOut(Schema):
    code: str = Field(description="Mã lĩnh vực.")
    name: str = Field(description="Tên lĩnh vực.")


class ProcedureSummaryOut(Schema):
    code: str = Field(description="Mã thủ tục (MATTHC), có thể kèm hậu tố địa phương.")
    name: str = Field(description="Tên thủ tục.")
    field: ProcedureFieldOut = Field(description="Lĩnh vực của thủ tục.")
    service_level: int = Field(description="Mức độ dịch vụ công trực tuyến (NĐ 43/2011), 1–4.")
    online_class: OnlineClass = Field(description="Toàn trình, một phần hoặc chưa trực tuyến.")
    implementing_level: ImplementingLevel = Field(description="Cấp thực hiện.")
    channels: list[Channel] = Field(
        description="Cách thức nộp: 1 trực tiếp, 2 trực tuyến, 3 bưu chính."
    )
    time_limit: str = Field(description='Thời hạn giải quyết tóm tắt, ví dụ "5 ngày làm việc".')
    url: str = Field(description="Trang thông tin thủ tục trên cổng dịch vụ công.")


class ProcedurePageOut(Schema):
    count: int = Field(description="Tổng số thủ tục khớp điều kiện.")
    page: int = Field(description="Trang hiện tại.")
    page_size: int = Field(description="Số kết quả mỗi trang.")
    results: list[ProcedureSummaryOut] = Field(description="Các thủ tục của trang này.")


class TimeLimitOut(Schema):
    value: float = Field(description="Thời hạn theo đơn vị gốc.")
    unit: TimeUnit = Field(description="Đơn vị: ngày làm việc, giờ làm việc hoặc ngày.")
    minutes: int = Field(
        description="Thời hạn quy ra phút (phút làm việc, hoặc phút lịch với đơn vị ngày)."
    )
    text: str = Field(description='Thời hạn bằng lời, ví dụ "5 ngày làm việc".')


class RequiredDocumentOut(Schema):
    code: str = Field(description="Mã giấy tờ (có thể rỗng).")
    name: str = Field(description="Tên giấy tờ.")
    form_name: str = Field(description="Tên mẫu đơn, tờ khai (có thể rỗng).")
    form_url: str | None = Field(description="Đường dẫn tải mẫu đơn, nếu có.")
    originals: int = Field(description="Số bản chính.")
    copies: int = Field(description="Số bản sao.")
    is_required: bool = Field(description="Bắt buộc hay chỉ nộp nếu có.")
    filled_by_eform: bool = Field(
        description="Biểu mẫu điện tử (form_data) thay cho giấy tờ này: không gửi tệp của nó."
    )
    note: str = Field(description="Ghi chú.")


class ProcedureCaseOut(Schema):
    code: str = Field(description="Mã trường hợp.")
    name: str = Field(description="Tên trường hợp.")
    time_limit: TimeLimitOut = Field(description="Thời hạn giải quyết của trường hợp.")
    time_limit_note: str = Field(description="Ghi chú về thời hạn.")
    documents: list[RequiredDocumentOut] = Field(description="Thành phần hồ sơ của trường hợp.")


class FeeTierOut(Schema):
    up_to: int | None = Field(description="Giới hạn trên của bậc (null: không giới hạn).")
    amount: int = Field(description="Số tiền của bậc, đồng.")


class ProcedureFeeOut(Schema):
    code: str = Field(description="Mã phí, lệ phí (có thể rỗng).")
    name: str = Field(description="Tên phí, lệ phí.")
    category: FeeCategory = Field(description="Phí hoặc lệ phí.")
    kind: FeeKind = Field(description="Cố định, theo số bản hoặc theo bậc.")
    amount: int = Field(description="Số tiền (đồng) với cách tính cố định hoặc theo bản.")
    tiers: list[FeeTierOut] = Field(description="Các bậc phí khi cách tính là theo bậc.")
    unit: str = Field(description="Đơn vị tính.")
    case_code: str | None = Field(
        description="Chỉ áp dụng cho trường hợp này (null: mọi trường hợp)."
    )
    description: str = Field(description="Mô tả.")
    text: str = Field(description='Mức thu bằng lời, ví dụ "50.000 đồng".')


class ProcedureResultOut(Schema):
    code: str = Field(description="Mã kết quả (có thể rỗng).")
    name: str = Field(description="Tên kết quả.")


class LegalBasisOut(Schema):
    number: str = Field(description="Số ký hiệu văn bản.")
    title: str = Field(description="Trích yếu.")
    url: str = Field(description="Đường dẫn văn bản (có thể rỗng).")


class ImplementingAgencyOut(Schema):
    code: str = Field(description="Mã định danh điện tử của cơ quan.")
    name: str = Field(description="Tên cơ quan.")
    address: str = Field(description="Địa chỉ.")
    phone: str = Field(description="Điện thoại.")
    counter_hours: str = Field(description="Giờ tiếp nhận của bộ phận một cửa.")
    receives_dossiers: bool = Field(description="Cơ quan tự tiếp nhận hồ sơ.")
    service_level: int = Field(description="Mức độ dịch vụ công áp dụng tại cơ quan này.")
    online_class: OnlineClass = Field(description="Phân loại trực tuyến áp dụng tại cơ quan này.")


class ProcessStepOut(Schema):
    order: int = Field(description="Thứ tự bước.")
    name: str = Field(description="Tên bước.")
    unit: str = Field(description="Đơn vị thực hiện, theo quan hệ với hồ sơ (mã).")
    unit_label: str = Field(description="Đơn vị thực hiện, bằng lời.")
    role: str = Field(description="Vai trò của cán bộ thực hiện (mã).")
    share_percent: float = Field(description="Tỷ lệ thời hạn dành cho bước này (%).")


class ProcedureDetailOut(ProcedureSummaryOut):
    applicant_types: list[str] = Field(description="Mã đối tượng thực hiện.")
    applicant_description: str = Field(description="Mô tả đối tượng thực hiện.")
    conditions: str = Field(description="Yêu cầu, điều kiện.")
    description: str = Field(description="Trình tự thực hiện.")
    result_delivery: str = Field(description="Nơi và cách nhận kết quả.")
    publishing_agency_code: str = Field(description="Mã cơ quan công bố.")
    integrated_with_national_portal: bool = Field(
        description="Đã tích hợp với Cổng Dịch vụ công quốc gia."
    )
    effective_from: datetime.date | None = Field(description="Có hiệu lực từ ngày.")
    effective_to: datetime.date | None = Field(description="Hết hiệu lực từ ngày.")
    cases: list[ProcedureCaseOut] = Field(
        description="Các trường hợp, mỗi trường hợp có hồ sơ và thời hạn."
    )
    fees: list[ProcedureFeeOut] = Field(description="Phí, lệ phí.")
    results: list[ProcedureResultOut] = Field(description="Kết quả thực hiện.")
    legal_bases: list[LegalBasisOut] = Field(description="Căn cứ pháp lý.")
    agencies: list[ImplementingAgencyOut] = Field(
        description="Cơ quan thực hiện với mức độ áp dụng."
    )
    steps: list[ProcessStepOut] = Field(description="Quy trình giải quyết nội bộ.")
    eform_schema: dict = Field(description="Biểu mẫu điện tử (tập con JSON Schema).")


# --- Mapping ---------------------------------------------------------------------------


def _summary(request: HttpRequest, procedure: Procedure) -> dict:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": {"code": procedure.field.code, "name": procedure.field.name},
        "service_level": procedure.service_level,
        "online_class": procedure.online_class,
        "implementing_level": procedure.implementing_level,
        "channels": formatting.channels_of(procedure),
        "time_limit": formatting.time_limits_summary(procedure.cases.all()),
        "url": request.build_absolute_uri(
            reverse("portal:procedure_detail", args=[procedure.code])
        ),
    }


def _document(request: HttpRequest, procedure: Procedure, document) -> dict:
    if document.form_file:
        form_url = request.build_absolute_uri(
            reverse("portal:form_download", args=[procedure.code, document.pk])
        )
    else:
        form_url = document.form_url or None
    return {
        "code": document.code,
        "name": document.name,
        "form_name": document.form_name,
        "form_url": form_url,
        "originals": document.originals,
        "copies": document.copies,
        "is_required": document.is_required,
        "filled_by_eform": filled_by_eform(procedure, document),
        "note": document.note,
    }


def _case(request: HttpRequest, procedure: Procedure, case) -> dict:
    return {
        "code": case.code,
        "name": case.name,
        "time_limit": {
            "value": float(case.time_limit_value),
            "unit": case.time_limit_unit,
            "minutes": case.time_limit_minutes,
            "text": formatting.time_limit_text(case.time_limit_value, case.time_limit_unit),
        },
        "time_limit_note": case.time_limit_note,
        "documents": [_document(request, procedure, doc) for doc in case.documents.all()],
    }


def _fee(fee, case_codes: dict[int, str]) -> dict:
    return {
        "code": fee.code,
        "name": fee.name,
        "category": fee.category,
        "kind": fee.kind,
        "amount": fee.amount,
        "tiers": fee.tiers if fee.kind == FeeKind.TIERED else [],
        "unit": fee.unit,
        "case_code": case_codes.get(fee.case_id) if fee.case_id else None,
        "description": fee.description,
        "text": formatting.fee_text(fee),
    }


def _agency(link) -> dict:
    agency = link.agency
    return {
        "code": agency.code,
        "name": agency.name,
        "address": agency.address,
        "phone": agency.phone,
        "counter_hours": agency.counter_hours,
        "receives_dossiers": agency.receives_dossiers,
        "service_level": link.effective_service_level,
        "online_class": link.effective_online_class,
    }


def _detail(request: HttpRequest, procedure: Procedure) -> dict:
    cases = list(procedure.cases.all())
    case_codes = {case.pk: case.code for case in cases}
    return {
        **_summary(request, procedure),
        "applicant_types": procedure.applicant_types or [],
        "applicant_description": procedure.applicant_description,
        "conditions": procedure.conditions,
        "description": procedure.description,
        "result_delivery": procedure.result_delivery,
        "publishing_agency_code": procedure.publishing_agency_code,
        "integrated_with_national_portal": procedure.integrated_with_national_portal,
        "effective_from": procedure.effective_from,
        "effective_to": procedure.effective_to,
        "cases": [_case(request, procedure, case) for case in cases],
        "fees": [_fee(fee, case_codes) for fee in procedure.fees.all()],
        "results": [{"code": r.code, "name": r.name} for r in procedure.results.all()],
        "legal_bases": [
            {"number": b.number, "title": b.title, "url": b.url}
            for b in procedure.legal_bases.all()
        ],
        "agencies": [_agency(link) for link in procedure.implementations.all()],
        "steps": [
            {
                "order": step.order,
                "name": step.name,
                "unit": step.unit,
                "unit_label": str(step.get_unit_display()),
                "role": step.role,
                "share_percent": float(step.share_percent),
            }
            for step in procedure.steps.all()
        ],
        "eform_schema": procedure.eform_schema or {},
    }


# --- Operations ------------------------------------------------------------------------


@router.get(
    "",
    response={200: ProcedurePageOut, 422: ErrorSchema},
    summary="Tìm kiếm thủ tục hành chính",
    description=(
        "Các thủ tục đã công bố và đang có hiệu lực, lọc theo từ khóa (không phân biệt dấu, "
        "hoa thường), lĩnh vực, cơ quan, mức độ và cấp thực hiện. Trang vượt quá số trang "
        "trả về danh sách rỗng."
    ),
    url_name="procedure_list",
)
def list_procedures(request: HttpRequest, filters: Query[ProcedureFilters]):
    procedures = selectors.search_procedures(
        filters.q,
        field=filters.field,
        agency=filters.agency,
        service_level=filters.level,
        implementing_level=filters.implementing_level,
        online_class=filters.online_class,
    )
    count = procedures.count()
    start = (filters.page - 1) * filters.page_size
    page = list(procedures[start : start + filters.page_size]) if start < count else []
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_summary(request, procedure) for procedure in page],
    }


@router.get(
    "/{code}",
    response={200: ProcedureDetailOut, 404: ErrorSchema, 422: ErrorSchema},
    summary="Thông tin đầy đủ của một thủ tục",
    description=(
        "Trường hợp (thành phần hồ sơ, thời hạn), phí và lệ phí, kết quả, căn cứ pháp lý, "
        "cơ quan thực hiện với mức độ áp dụng, quy trình nội bộ và biểu mẫu điện tử. "
        "404 khi mã không tồn tại, chưa công bố hoặc đã hết hiệu lực."
    ),
    url_name="procedure_detail",
)
def get_procedure(request: HttpRequest, code: str):
    try:
        procedure = selectors.get_published_procedure(code)
    except Procedure.DoesNotExist:
        raise ApiError(
            _("Không tìm thấy thủ tục có mã %(code)s.") % {"code": code[:60]},
            status=404,
        ) from None
    return _detail(request, procedure)
