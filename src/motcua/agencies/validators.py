"""Agency electronic identifier codes.

The national format groups digits and ends with the province part, e.g. `000.00.00.H26`
(Hanoi) or `000.00.12.H26`. Codes are issued by decision and loaded as data; this only
checks their shape, it never derives one from a name.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def validate_agency_code(value: str) -> None:
    if not AGENCY_CODE_RE.match(value or ""):
        raise ValidationError(
            _(
                "Mã định danh điện tử của cơ quan phải có dạng 000.00.00.H26 "
                "(ba nhóm chữ số và phần mã tỉnh gồm một chữ in hoa và hai chữ số)."
            ),
            code="agency_code",
        )
