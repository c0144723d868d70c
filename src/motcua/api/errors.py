"""One shape for every API error, in Vietnamese words a person understands.

    {"detail": "Dữ liệu không hợp lệ.", "errors": [{"field": "days", "message": "..."}]}

`ApiError` is raised by endpoints for a refusal that belongs to one field or to the request
as a whole; request parsing errors from django-ninja (pydantic) are translated here too, so
no bad input ever reaches a 500.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError


class ErrorItemSchema(Schema):
    field: str | None = Field(
        None, description="Tên trường gây lỗi; null khi lỗi thuộc về cả yêu cầu."
    )
    message: str = Field(description="Thông báo lỗi bằng tiếng Việt.")


class ErrorSchema(Schema):
    """The one shape of every API error; declare it on each operation's error statuses."""

    detail: str = Field(description="Mô tả lỗi chung, bằng tiếng Việt.")
    errors: list[ErrorItemSchema] = Field(
        default_factory=list, description="Lỗi theo từng trường (có thể rỗng)."
    )


class ApiError(Exception):
    """A refusal with a status, a message and optionally the field it concerns."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        field: str | None = None,
        errors=None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.headers = headers or {}  # e.g. Retry-After on a 429
        self.errors = (
            errors
            if errors is not None
            else ([{"field": field, "message": message}] if field else [])
        )


def _message_for(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Trường này là bắt buộc.")
    if kind.startswith("int_") or kind == "int_type":
        return _("Phải là một số nguyên.")
    if kind.startswith("float") or kind.startswith("decimal"):
        return _("Phải là một số.")
    if kind.startswith("bool"):
        return _("Phải là true hoặc false.")
    if kind.startswith("datetime") or kind.startswith("date") or kind.startswith("time"):
        return _("Ngày giờ không hợp lệ; dùng định dạng ISO 8601, ví dụ 2026-02-13T10:00:00+07:00.")
    if kind == "greater_than_equal":
        return _("Phải lớn hơn hoặc bằng %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "greater_than":
        return _("Phải lớn hơn %(limit)s.") % {"limit": ctx.get("gt")}
    if kind == "less_than_equal":
        return _("Phải nhỏ hơn hoặc bằng %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "less_than":
        return _("Phải nhỏ hơn %(limit)s.") % {"limit": ctx.get("lt")}
    if kind == "string_too_long":
        return _("Dài quá %(limit)s ký tự.") % {"limit": ctx.get("max_length")}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return _("Không được để trống.")
    if kind == "string_too_short":
        return _("Phải có ít nhất %(limit)s ký tự.") % {"limit": ctx.get("min_length")}
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == r"\S":
        return _("Không được để trống hoặc chỉ có khoảng trắng.")
    if kind == "string_pattern_mismatch":
        return _("Không đúng định dạng.")
    if kind == "too_short":
        return _("Cần ít nhất %(limit)s mục.") % {"limit": ctx.get("min_length")}
    if kind == "too_long":
        return _("Nhiều nhất %(limit)s mục.") % {"limit": ctx.get("max_length")}
    if kind in ("enum", "literal_error"):
        return _("Giá trị không nằm trong danh sách cho phép: %(allowed)s.") % {
            "allowed": ctx.get("expected", "")
        }
    if kind == "json_invalid":
        return _("Nội dung gửi lên không phải JSON hợp lệ.")
    if kind.startswith("string"):
        return _("Phải là một chuỗi ký tự.")
    if kind == "value_error":
        return str(ctx.get("error") or error.get("msg", ""))
    return _("Giá trị không hợp lệ.")


def _field_of(error: dict) -> str | None:
    loc = [
        str(part)
        for part in error.get("loc", ())
        if part not in ("query", "body", "path", "form", "header") and not isinstance(part, int)
    ]
    # ninja nests query params under the schema's argument name; the last part is the field.
    return loc[-1] if loc else None


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError):
        response = api.create_response(
            request, {"detail": exc.message, "errors": exc.errors}, status=exc.status
        )
        for name, value in exc.headers.items():
            response[name] = value
        return response

    @api.exception_handler(ValidationError)
    def on_validation_error(request: HttpRequest, exc: ValidationError):
        errors = [{"field": _field_of(e), "message": _message_for(e)} for e in exc.errors]
        return api.create_response(
            request, {"detail": _("Dữ liệu không hợp lệ."), "errors": errors}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request: HttpRequest, exc: AuthenticationError):
        return api.create_response(
            request,
            {"detail": _("Cần xác thực: thiếu hoặc sai khóa API."), "errors": []},
            status=401,
        )

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError):
        return api.create_response(
            request, {"detail": str(exc), "errors": []}, status=exc.status_code
        )
