"""The national portal's sync page in the browser: a held update with its reason, skipped with
a reason; no serious accessibility violation."""

from __future__ import annotations

import pytest
from browser_helpers import serious_violations, sign_in
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.events import consumers
from motcua.events.models import Delivery
from motcua.events.services import run_deliveries
from motcua.office.tests.helpers import received

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def outbound():
    from motcua.integrations.national_portal import sync

    sync.register_consumer()
    yield
    consumers.unregister(sync.CONSUMER_NAME)


def test_the_sync_page_shows_a_held_update_and_skips_it_with_a_reason(
    live_server, page, world, outbound
):
    admin = UserFactory(official=True, full_name="Vũ Quản Trị")
    RoleGrantFactory(
        user=admin, agency=world.centre.parent, role=Role.SYSTEM_ADMIN, includes_subtree=True
    )
    dossier = received(world)
    run_deliveries()
    sign_in(page, live_server, admin)
    page.get_by_role("link", name="Đồng bộ Cổng Dịch vụ công quốc gia").click()
    assert page.locator("h1").inner_text() == "Đồng bộ Cổng Dịch vụ công quốc gia"
    held = page.locator("#tam-giu").locator("xpath=..")
    assert dossier.code in held.inner_text()
    assert "chưa được ánh xạ sang mã thủ tục quốc gia" in held.inner_text()
    assert serious_violations(page) == [], "sync page"

    first = Delivery.objects.filter(dossier=dossier, consumer="national_portal").order_by("pk")[0]
    page.get_by_label("Lý do bỏ qua").first.fill("Hồ sơ nhập thử, không đồng bộ")
    page.locator(f"#luot-gui-{first.pk}").get_by_role("button", name="Bỏ qua").click()
    page.wait_for_url(live_server.url + reverse("office:national_portal_sync"))
    assert "Đã bỏ qua lượt gửi" in page.content()
    first.refresh_from_db()
    assert first.status == "skipped"
    assert serious_violations(page) == [], "sync page after skipping"
