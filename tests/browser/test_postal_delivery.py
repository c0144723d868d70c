"""A signed-in citizen chooses the result by post on the portal, seeing the price for their
commune's zone before choosing, and submits; the office decides; the postal simulator (its
own process) delivers; the dossier ends returned by post, as the citizen's tracking page
says. Each page of the citizen's way passes axe."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from browser_helpers import serious_violations
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.apiclients import POSTAL_SCOPE, create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.delivery.models import PostalOrder
from motcua.delivery.tests.helpers import load_postal_reference, open_to_post, tariff_price
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import approve_with_permit, pdf
from motcua.events.services import run_deliveries
from motcua.integrations.postal import sync
from motcua.office.tests.helpers import PASSWORD

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "postal"))
from postal_simulator import PostalSimulator, wait_for  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_citizen_gets_the_result_by_post(live_server, page, world, settings, tmp_path):
    load_postal_reference(world)
    open_to_post(world.procedure)
    _client, key = create_api_client(
        "Bưu điện Thành phố Hà Nội", agency=world.centre.parent, scopes=[POSTAL_SCOPE]
    )
    simulator = PostalSimulator(
        data_dir=tmp_path / "postal",
        motcua_url=live_server.url,
        secret="bi-mat",
        api_key=key,
        token="ma-truy-cap",
    ).start()
    settings.POSTAL_URL = simulator.url
    settings.POSTAL_API_TOKEN = "ma-truy-cap"
    settings.POSTAL_WEBHOOK_SECRET = "bi-mat"
    sync.register_all()
    try:
        citizen = UserFactory(username="congdan", full_name="Trần Thị Bích Ngọc")
        draft = services.create_dossier(
            procedure=world.procedure,
            case=world.case,
            channel="online",
            applicant=world.applicant(),
            receiving_agency=world.centre,
            form_data={"dien_tich": "120.5", "so_tang": "4"},
            uploads=[
                services.Upload("DON", pdf("don.pdf")),
                services.Upload("GCN", pdf("gcn.pdf")),
            ],
            owner=citizen,
            actor=citizen,
            submit=False,
        ).dossier

        page.goto(live_server.url + reverse("portal:login"))
        page.get_by_label("Tên đăng nhập").fill("congdan")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.locator("main").get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state()
        page.goto(live_server.url + reverse("portal:draft_review", args=[draft.pk]))
        page.get_by_role("link", name="Chọn dịch vụ bưu chính (xem giá trước)").click()
        page.wait_for_url("**/buu-chinh/")

        # The address, then the price of each option for the commune's zone, before choosing.
        page.get_by_label("Xã, phường").select_option(label="Xã Ba Vì, Thành phố Hà Nội")
        page.get_by_role("button", name="Xem giá").click()
        price = tariff_price("delivery", "mountainous", 250)
        shown = page.locator('[data-price="deliver"]').inner_text()
        assert shown.replace(".", "").startswith(str(price))
        assert "Miền núi" in page.locator("#postal-zone").inner_text()
        assert serious_violations(page) == [], "postal page"
        page.get_by_label(re.compile("Nhận kết quả qua bưu chính")).check()
        page.get_by_role("button", name="Lưu lựa chọn").click()
        page.wait_for_url("**/kiem-tra/")
        review = page.locator("main").inner_text()
        assert "Nhận kết quả qua bưu chính" in review
        assert serious_violations(page) == [], "review"
        page.get_by_role("button", name="Nộp hồ sơ").click()
        page.wait_for_url("**/da-nop/")

        # The office receives and decides; the worker places the delivery order.
        dossier = Dossier.objects.get(pk=draft.pk)
        assert dossier.requested_return_channel == "post"
        dossier = services.receive_dossier(dossier, actor=world.receptionist)
        services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
        services.forward_dossier(dossier, actor=world.specialist)
        approve_with_permit(world, dossier, number="7/GPXD", signed_on=timezone.localdate())
        run_deliveries()
        order = PostalOrder.objects.get(dossier=dossier, service="delivery")
        assert order.zone == "mountainous" and order.price == price

        # The postman takes it and delivers it.
        simulator.advance(order.operator_order_id)
        simulator.advance(order.operator_order_id)
        wait_for(
            lambda: Dossier.objects.get(pk=dossier.pk).status == "returned",
            what="the dossier returned by post",
        )

        page.goto(live_server.url + reverse("portal:track_detail", args=[dossier.code]))
        tracking = page.locator("main").inner_text()
        assert "Đã trả kết quả" in tracking and "Đã phát thành công" in tracking
        assert serious_violations(page) == [], "tracking"
    finally:
        sync.unregister_all()
        simulator.stop()
