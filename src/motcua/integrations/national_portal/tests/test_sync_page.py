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
    assert "Nộp hồ sơ" in page  # the held update, in words


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


def test_a_delivery_failing_past_dead_after_is_dead_lettered_with_an_alert(
    client, world, admin, outbound, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from motcua.events.models import OutboxEvent
    from motcua.integrations.national_portal import mapping

    mapping.load_defaults()
    settings.NATIONAL_PORTAL_URL = "http://127.0.0.1:9/api"  # nothing listens there
    settings.NATIONAL_PORTAL_TIMEOUT = 1
    settings.NATIONAL_PORTAL_DEAD_AFTER = 60
    dossier = received(world)
    now = timezone.now()
    run_deliveries(now=now)
    first = Delivery.objects.filter(dossier=dossier, consumer="national_portal").order_by("pk")[0]
    assert first.status == "pending" and "TransientError" in first.last_error
    run_deliveries(now=now + timedelta(seconds=61))
    first.refresh_from_db()
    assert first.status == "dead"
    alert = OutboxEvent.objects.get(type="national_portal.dead_letter")
    assert alert.payload["delivery"] == first.pk and alert.dossier_id == dossier.pk
    sign_in_official(client, admin)
    page = client.get(reverse("office:national_portal_sync")).content.decode()
    assert 'id="canh-bao-ngung-gui"' in page
    assert "Connection refused" in page or "ConnectError" in page
