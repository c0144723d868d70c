"""The demo's receipt templates and series: every agency that receives dossiers issues its
receipts on template 01BLP0-001, series C26T (illustrative codes, not registered ones), set up
through the services by the demo's system administrator, as a real one would in the admin."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model

from motcua.agencies.models import Agency
from motcua.payments import receipt_services

TEMPLATE_CODE = "01BLP0-001"
SERIES_CODE = "C26T"


def create_receipt_series(*, now: datetime) -> int:
    admin = get_user_model().objects.get(username="admin")
    count = 0
    for agency in Agency.objects.filter(receives_dossiers=True).order_by("pk"):
        template = receipt_services.create_template(
            agency=agency, code=TEMPLATE_CODE, actor=admin, now=now
        )
        receipt_services.create_series(template=template, code=SERIES_CODE, actor=admin, now=now)
        count += 1
    return count
