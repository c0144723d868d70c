"""Setting up receipts in the admin: a system administrator of the agency adds a template and
a series (through the audited services); an administrator of another agency is refused on the
field; nothing is edited or deleted there."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.events.models import ReferenceAuditEvent
from motcua.payments.models import ReceiptSeries, ReceiptTemplate
from motcua.testing import sign_in_official


def _administrator(agency):
    user = UserFactory(official=True)
    RoleGrantFactory(user=user, agency=agency, role=Role.SYSTEM_ADMIN)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="payments",
            content_type__model__in=["receipttemplate", "receiptseries"],
        )
    )
    return user


@pytest.fixture
def admin_client(client, world):
    sign_in_official(client, _administrator(world.centre))
    return client


def test_the_agencys_administrator_adds_a_template_and_a_series(admin_client, world):
    response = admin_client.post(
        reverse("admin:payments_receipttemplate_add"),
        {"agency": world.centre.pk, "code": "01blp0-002 ", "name": "Biên lai thu phí"},
    )
    assert response.status_code == 302
    template = ReceiptTemplate.objects.get()
    assert template.code == "01BLP0-002"
    response = admin_client.post(
        reverse("admin:payments_receiptseries_add"),
        {"template": template.pk, "code": "C26TBL", "number_width": 7},
    )
    assert response.status_code == 302
    series = ReceiptSeries.objects.get()
    assert (series.agency, series.active, series.last_number) == (world.centre, True, 0)
    assert list(ReferenceAuditEvent.objects.values_list("action", flat=True)) == [
        "receipt_template_created",
        "receipt_series_opened",
    ]
    page = admin_client.get(reverse("admin:payments_receiptseries_change", args=[series.pk]))
    assert page.status_code == 200 and b'name="code"' not in page.content  # read only
    assert (
        admin_client.post(
            reverse("admin:payments_receiptseries_delete", args=[series.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_another_agencys_administrator_is_refused(client, world):
    sign_in_official(client, _administrator(world.other))
    response = client.post(
        reverse("admin:payments_receipttemplate_add"),
        {"agency": world.centre.pk, "code": "01BLP0", "name": ""},
    )
    assert response.status_code == 200
    assert "Chỉ quản trị hệ thống của" in response.content.decode()
    assert not ReceiptTemplate.objects.exists()


def test_a_bad_code_is_refused_on_its_field(admin_client, world):
    response = admin_client.post(
        reverse("admin:payments_receipttemplate_add"),
        {"agency": world.centre.pk, "code": "mẫu 1", "name": ""},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"]
    assert not ReceiptTemplate.objects.exists()
