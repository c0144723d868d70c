"""The sync page: a held dossier with its reason, retry and skip (audited), who may see it."""

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.dossiers.tests.fixtures import received
from motcua.events.models import Delivery, ReferenceAuditEvent
from motcua.events.services import run_deliveries
from motcua.testing import sign_in_official


@pytest.fixture
def admin(world):
    user = UserFactory(official=True, full_name="Vũ Quản Trị")
    RoleGrantFactory(
        user=user, agency=world.centre.parent, role=Role.SYSTEM_ADMIN, includes_subtree=True
    )
    return user


def test_an_unmapped_procedure_is_held_with_its_reason_on_the_page(client, world, admin, outbound):
    dossier = received(world)
    run_deliveries()
    submit, receive = Delivery.objects.filter(consumer="national_portal", dossier=dossier).order_by(
        "event_id"
    )
    # The first is held; the one after it waits behind it, in order.
    assert (submit.status, receive.status, receive.attempts) == ("held", "pending", 0)
    assert world.procedure.code in submit.last_error
    sign_in_official(client, admin)
    page = client.get(reverse("office:national_portal_sync")).content.decode()
    assert "chưa được ánh xạ sang mã thủ tục quốc gia" in page
    assert dossier.code in page


def test_skip_needs_a_reason_and_is_audited(client, world, admin, outbound):
    received(world)
    run_deliveries()
    first = Delivery.objects.filter(consumer="national_portal").order_by("event_id").first()
    sign_in_official(client, admin)
    url = reverse("office:national_portal_sync_action", args=[first.pk, "bo-qua"])
    answer = client.post(url, {"reason": "  "})
    assert answer.status_code == 400
    assert "Hãy nêu lý do" in answer.content.decode()
    answer = client.post(url, {"reason": "Hồ sơ thử nghiệm, không đồng bộ"})
    assert answer.status_code == 302
    first.refresh_from_db()
    assert first.status == "skipped"
    audit = ReferenceAuditEvent.objects.order_by("-seq").first()
    assert audit.action == "skip_delivery" and audit.actor == admin
    assert audit.data["reason"] == "Hồ sơ thử nghiệm, không đồng bộ"


def test_retry_puts_a_held_delivery_back_in_the_queue(client, world, admin, outbound):
    received(world)
    run_deliveries()
    first = Delivery.objects.filter(consumer="national_portal").order_by("event_id").first()
    sign_in_official(client, admin)
    client.post(reverse("office:national_portal_sync_action", args=[first.pk, "gui-lai"]))
    first.refresh_from_db()
    assert first.status == "pending"
    assert ReferenceAuditEvent.objects.order_by("-seq").first().action == "retry_delivery"


def test_other_officials_may_not_see_the_page(client, world):
    sign_in_official(client, world.leader)
    assert client.get(reverse("office:national_portal_sync")).status_code == 403
    answer = client.post(reverse("office:national_portal_sync_action", args=[1, "gui-lai"]))
    assert answer.status_code == 403
