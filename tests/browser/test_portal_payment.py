"""Paying online from the portal, in the browser: a guest looks up their dossier, sees what is
owed with its breakdown, goes to the gateway simulator (its own process), pays, and comes
back; the dossier shows as paid once the simulator's notification has arrived. Axe checks the
tracking page before and after."""

from __future__ import annotations

import pytest
from browser_helpers import check_a11y
from django.urls import reverse

from motcua.catalog.choices import FeeBasis, FeeKind
from motcua.catalog.tests.factories import FeeFactory
from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import submit_online
from motcua.events.models import OutboxEvent
from motcua.payments.models import Payment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def gateway(tmp_path, settings, live_server):
    from tests.sim_process import SimulatorProcess

    sim = SimulatorProcess(
        "simulators.payment",
        data_dir=tmp_path / "sim",
        args=[
            "--national-secret",
            settings.PAYMENT_NATIONAL_SECRET,
            "--provincial-secret",
            settings.PAYMENT_PROVINCIAL_SECRET,
            "--merchant",
            settings.PAYMENT_NATIONAL_MERCHANT,
        ],
    ).start()
    settings.PAYMENT_NATIONAL_URL = sim.url + "/national"
    settings.PAYMENT_PROVINCIAL_URL = sim.url + "/provincial"
    settings.PAYMENT_PROVINCIAL_MERCHANT = settings.PAYMENT_NATIONAL_MERCHANT
    settings.PAYMENT_PUBLIC_URL = live_server.url
    yield sim
    sim.stop()


def test_a_guest_pays_online_through_the_gateway(page, live_server, world, gateway):
    FeeFactory(procedure=world.procedure, code="LP01", name="Lệ phí cấp giấy phép", amount=75_000)
    FeeFactory(
        procedure=world.procedure,
        code="P02",
        name="Phí thẩm định theo diện tích",
        kind=FeeKind.PER_COPY,
        basis=FeeBasis.AREA,
        quantity_field="dien_tich",
        amount=1_000,
    )
    world.procedure.save()
    submission = submit_online(world)
    services.receive_dossier(submission.dossier, actor=world.receptionist)
    code = submission.dossier.code

    page.goto(live_server.url + reverse("portal:track"))
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Mã tra cứu").fill(submission.lookup_secret)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**{reverse('portal:track_detail', args=[code])}")
    money = page.locator(
        "section", has=page.get_by_role("heading", name="Phí, lệ phí và nghĩa vụ tài chính")
    )
    assert "Phí thẩm định theo diện tích" in money.inner_text()
    assert "195.500 đồng" in money.inner_text()
    check_a11y(page, "tracking page with fees owed")

    page.get_by_label("Trực tuyến qua cổng thanh toán của tỉnh").check()
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_url(gateway.url + "/provincial/pay**")
    assert "195.500 đồng" in page.inner_text("main")
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_url(f"**{reverse('portal:track_detail', args=[code])}")

    payment = Payment.objects.get()
    for _ in range(50):  # the notification may land just after the payer's return
        payment.refresh_from_db()
        if payment.status == "confirmed":
            break
        page.wait_for_timeout(100)
    assert payment.status == "confirmed"
    assert OutboxEvent.objects.filter(type="payment.confirmed").count() == 1
    page.reload()
    assert "Đã thanh toán" in page.inner_text("main")
    assert "Còn phải nộp" not in page.inner_text("main")
    check_a11y(page, "tracking page after paying")
