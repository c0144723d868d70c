"""Issue 11's whole way in the browser: a signed-in citizen prepares a level-4 dossier on our
portal, chooses the result by post (seeing the postal price, paid to the postman, beside the
fees), submits; pays the fees through the payment simulator (its own process); downloads the
receipt PDF from tracking; the leader approves in the office (signed in with the second
factor); the postal simulator (its own process) delivers; the dossier ends returned by post,
as tracking shows. axe checks every page the citizen and the leader see."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from browser_helpers import check_a11y, downloaded_pdf_text, pdf_file, sign_in
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.apiclients import POSTAL_SCOPE, create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.choices import FeeBasis, FeeKind, ServiceLevel
from motcua.catalog.formatting import format_money
from motcua.catalog.tests.factories import FeeFactory
from motcua.delivery.models import PostalOrder
from motcua.delivery.tests.helpers import load_postal_reference, open_to_post, tariff_price
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import pdf
from motcua.events.services import run_deliveries
from motcua.integrations.postal import sync
from motcua.office.tests.helpers import PASSWORD
from motcua.payments.models import Payment, Receipt
from motcua.payments.tests.receipts.fixtures import desk as desk_fixture

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "postal"))
from postal_simulator import PostalSimulator, wait_for  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

desk = desk_fixture  # the service centre's receipt template and series


@pytest.fixture
def gateway(tmp_path, settings, live_server):
    from tests.sim_process import SimulatorProcess

    sim = SimulatorProcess(
        "simulators.payment",
        data_dir=tmp_path / "pay",
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


@pytest.fixture
def postman(tmp_path, settings, live_server, world):
    _client, key = create_api_client(
        "Bưu điện Thành phố Hà Nội", agency=world.centre.parent, scopes=[POSTAL_SCOPE]
    )
    sim = PostalSimulator(
        data_dir=tmp_path / "postal",
        motcua_url=live_server.url,
        secret="bi-mat",
        api_key=key,
        token="ma-truy-cap",
    ).start()
    settings.POSTAL_URL = sim.url
    settings.POSTAL_API_TOKEN = "ma-truy-cap"
    settings.POSTAL_WEBHOOK_SECRET = "bi-mat"
    sync.register_all()
    yield sim
    sync.unregister_all()
    sim.stop()


def test_a_level_4_dossier_paid_online_and_returned_by_post(
    live_server, browser, page, world, desk, gateway, postman
):
    procedure = world.procedure
    procedure.service_level = ServiceLevel.LEVEL_4
    procedure.save(update_fields=["service_level"])
    FeeFactory(procedure=procedure, code="LP01", name="Lệ phí cấp giấy phép", amount=75_000)
    FeeFactory(
        procedure=procedure,
        code="P02",
        name="Phí thẩm định theo diện tích",
        kind=FeeKind.PER_COPY,
        basis=FeeBasis.AREA,
        quantity_field="dien_tich",
        amount=1_000,
    )
    procedure.save()
    load_postal_reference(world)
    open_to_post(procedure)
    fees = 75_000 + 120_500  # the fee rows above, for the 120,5 m² the form declares
    postal = tariff_price("delivery", "mountainous", 250)

    citizen = UserFactory(username="congdan", full_name="Trần Thị Bích Ngọc")
    draft = services.create_dossier(
        procedure=procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[services.Upload("DON", pdf("don.pdf")), services.Upload("GCN", pdf("gcn.pdf"))],
        owner=citizen,
        actor=citizen,
        submit=False,
    ).dossier

    # The citizen signs in, chooses the result by post and sees its price before choosing.
    page.goto(live_server.url + reverse("portal:login"))
    page.get_by_label("Tên đăng nhập").fill("congdan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("portal:draft_review", args=[draft.pk]))
    page.get_by_role("link", name="Chọn dịch vụ bưu chính (xem giá trước)").click()
    page.wait_for_url("**/buu-chinh/")
    page.get_by_label("Xã, phường").select_option(label="Xã Ba Vì, Thành phố Hà Nội")
    page.get_by_role("button", name="Xem giá").click()
    shown = page.locator('[data-price="deliver"]').inner_text()
    assert shown.replace(".", "").startswith(str(postal))
    check_a11y(page, "postal page")
    page.get_by_label(re.compile("Nhận kết quả qua bưu chính")).check()
    page.get_by_role("button", name="Lưu lựa chọn").click()
    page.wait_for_url("**/kiem-tra/")
    # The review is honest: the fees to pay here, the postal charge paid to the postman.
    review = page.locator("main").inner_text()
    assert format_money(fees) in review
    assert page.locator(f'[data-postal-charge="{postal}"]').count() == 1
    assert "trả trực tiếp cho bưu điện" in review
    check_a11y(page, "review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    check_a11y(page, "submitted")
    dossier = Dossier.objects.get(pk=draft.pk)
    code = dossier.code
    assert dossier.requested_return_channel == "post"
    dossier = services.receive_dossier(dossier, actor=world.receptionist)

    # The citizen pays the fees (not the postal charge) through the province's gateway.
    page.goto(live_server.url + reverse("portal:track_detail", args=[code]))
    money = page.locator("#money-title").locator("xpath=..")
    assert format_money(fees) in money.inner_text()
    assert money.locator(f'[data-postal-charge="{postal}"]').count() == 1
    check_a11y(page, "tracking with fees owed")
    page.get_by_label("Trực tuyến qua cổng thanh toán của tỉnh").check()
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_url(gateway.url + "/provincial/pay**")
    assert format_money(fees) in page.inner_text("main")
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_url(f"**{reverse('portal:track_detail', args=[code])}")
    payment = wait_for(
        lambda: Payment.objects.filter(dossier=dossier, status="confirmed").first(),
        what="the gateway's notification",
    )
    assert payment.amount == fees
    receipt = Receipt.objects.get(payment=payment)
    page.reload()
    assert "Còn phải nộp" not in page.inner_text("main")
    check_a11y(page, "tracking after paying")
    text = downloaded_pdf_text(page, page.get_by_role("link", name="Tải biên lai (PDF)"))
    assert receipt.number_text in text
    assert f"{fees:,}".replace(",", ".") in text  # the amount in figures
    assert "Một trăm chín mươi lăm nghìn năm trăm đồng" in text  # and in words

    # The office processes; the leader approves in the office, signed in with the second step.
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    services.forward_dossier(dossier, actor=world.specialist)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    try:
        leader = context.new_page()
        sign_in(leader, live_server, world.leader)
        leader.goto(live_server.url + reverse("office:dossier", args=[code]))
        check_a11y(leader, "dossier to decide")
        card = leader.locator("#thao-tac-decide")
        title = card.locator("summary").inner_text()
        if not card.evaluate("element => element.open"):
            card.locator("summary").click()
        card.get_by_label("Giải quyết", exact=True).check()
        card.get_by_label("Tên văn bản kết quả").fill("Giấy phép xây dựng nhà ở riêng lẻ")
        card.get_by_label("Số, ký hiệu").fill("125/GPXD")
        card.get_by_label("Ngày ký").fill(timezone.localdate().isoformat())
        card.get_by_label("Người ký").fill(world.leader.full_name)
        card.get_by_label("Tệp văn bản (bản quét)").set_input_files(pdf_file("giay-phep.pdf"))
        card.get_by_role("button", name="Ghi nhận kết quả").click()
        leader.locator(".messages").filter(has_text=f"Đã thực hiện: {title}.").wait_for()
        check_a11y(leader, "dossier decided")
    finally:
        context.close()

    # The worker places the delivery order; the postman takes it and delivers it.
    run_deliveries()
    order = PostalOrder.objects.get(dossier=dossier, service="delivery")
    assert order.zone == "mountainous" and order.price == postal
    postman.advance(order.operator_order_id)
    postman.advance(order.operator_order_id)
    wait_for(
        lambda: Dossier.objects.get(pk=dossier.pk).status == "returned",
        what="the dossier returned by post",
    )
    dossier.refresh_from_db()
    assert dossier.return_channel == "post"

    page.goto(live_server.url + reverse("portal:track_detail", args=[code]))
    tracking = page.locator("main").inner_text()
    assert "Đã trả kết quả" in tracking and "Đã phát thành công" in tracking
    check_a11y(page, "tracking, returned by post")
