"""Validators for Vietnamese identifiers, with messages a person understands."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PERSONAL_ID = re.compile(r"^\d{12}$")
# Enterprise and tax codes: 10 digits, or 10 digits, a hyphen and a 3-digit branch suffix.
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
_PHONE = re.compile(r"^(\+84|0)\d{9,10}$")


def validate_personal_id(value: str) -> None:
    """A personal identification number (số định danh cá nhân / CCCD): exactly 12 digits."""
    if not _PERSONAL_ID.match(value or ""):
        raise ValidationError(
            _("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="personal_id"
        )


def validate_tax_code(value: str) -> None:
    if not _TAX_CODE.match(value or ""):
        raise ValidationError(
            _("Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số."),
            code="tax_code",
        )


def validate_phone(value: str) -> None:
    compact = re.sub(r"[\s.]", "", value or "")
    if not _PHONE.match(compact):
        raise ValidationError(
            _("Số điện thoại không hợp lệ: nhập 10 chữ số bắt đầu bằng 0, hoặc +84."),
            code="phone",
        )
