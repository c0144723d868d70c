"""The scoped reads: the list, one dossier, one of its files."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query

from motcua.api import dossier_schemas as s
from motcua.api.auth import require_scope
from motcua.api.dossiers.common import ERRORS, _visible, router
from motcua.api.dossiers.rendering import _detail, _summary
from motcua.api.errors import ApiError
from motcua.api.inputs import In
from motcua.api.paging import page_field, page_size_field
from motcua.dossiers import selectors
from motcua.dossiers.choices import DossierStatus
from motcua.events.services import log_personal_data_access, log_personal_data_reads


class ListFilters(In):
    status: DossierStatus | None = Field(None, description="Trạng thái hồ sơ.")
    agency: str | None = Field(
        None, max_length=20, description="Mã cơ quan: hồ sơ tiếp nhận hoặc chủ trì tại đó."
    )
    procedure: str | None = Field(None, max_length=40, description="Mã thủ tục.")
    q: str | None = Field(
        None, max_length=200, description="Mã hồ sơ, tên hoặc số định danh của người nộp."
    )
    overdue: bool | None = Field(None, description="true: chỉ hồ sơ đang xử lý đã quá hạn.")
    page: int = page_field()
    page_size: int = page_size_field()


@router.get(
    "", response={200: s.DossierPage, **ERRORS}, summary="Danh sách hồ sơ (theo phạm vi được xem)"
)
def list_dossiers(request: HttpRequest, filters: Query[ListFilters]):
    require_scope(request, "dossiers:read")
    now = timezone.now()
    queryset = (
        selectors.filter_dossiers(
            selectors.visible_dossiers(request.auth),
            status=filters.status,
            agency_code=filters.agency,
            procedure_code=filters.procedure,
            query=filters.q,
            overdue=filters.overdue,
            now=now,
        )
        .select_related(*selectors.LIST_RELATED)
        .defer(*selectors.LIST_DEFERRED)
        .order_by("-submitted_at", "-pk")
    )
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    page = list(queryset[start : start + filters.page_size])
    log_personal_data_reads(request.auth, page, context="api:list", query=filters.q)
    results = [_summary(d, now) for d in page]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": results,
    }


@router.get("/{code}", response={200: s.DossierOut, **ERRORS}, summary="Chi tiết hồ sơ")
def get_dossier(request: HttpRequest, code: str):
    require_scope(request, "dossiers:read")
    dossier = _visible(request, code)
    log_personal_data_access(request.auth, dossier, context="api")
    return _detail(dossier, timezone.now())


@router.get("/{code}/files/{file_id}", response={200: None, **ERRORS}, summary="Tải tệp của hồ sơ")
def download_file(request: HttpRequest, code: str, file_id: int):
    require_scope(request, "dossiers:read")
    dossier = _visible(request, code)
    stored = dossier.files.filter(pk=file_id).first()
    if stored is None:
        raise ApiError(_("Hồ sơ không có tệp này."), status=404)
    log_personal_data_access(request.auth, dossier, context=f"file:{stored.pk}")
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
