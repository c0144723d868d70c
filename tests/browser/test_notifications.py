"""Notifications in the browser: a signed-in citizen adds a phone number and an e-mail address
on the portal, reads each confirmation code where it arrived (the SMS simulator's page, its own
process; the mail folder) and confirms them; reception receives their dossier in the office;
the citizen's SMS shows on the simulator's page, the e-mail in the mail folder and the in-app
message on the portal. axe checks the product's pages on the way."""

from __future__ import annotations

import email
import email.policy
import re
from contextlib import ExitStack
from pathlib import Path

import pytest
from browser_helpers import check_a11y, sign_in
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.events.services import run_deliveries
from motcua.integrations.notifications import sync
from motcua.notifications.tests.helpers import owned_dossier
from motcua.office.tests.helpers import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

API_KEY = "khoa-sms-trinh-duyet"
PHONE = "0912345678"
ADDRESS = "ngoc@example.vn"


@pytest.fixture
def sms(tmp_path, settings):
    from tests.sim_process import SimulatorProcess

    sim = SimulatorProcess(
        "simulators.sms", data_dir=tmp_path / "sms", args=["--api-key", API_KEY]
    ).start()
    settings.SMS_URL = sim.url
    settings.SMS_API_KEY = API_KEY
    yield sim
    sim.stop()


@pytest.fixture
def mail_folder(tmp_path, settings) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(folder)
    return folder


@pytest.fixture
def notifying():
    sync.register_all()
    yield
    sync.unregister_all()


def mails_in(folder: Path) -> list[tuple[str, str, str]]:
    """(to, subject, body) of each message the file backend wrote, decoded."""
    found = []
    separator = b"-" * 79
    for path in sorted(folder.iterdir()):
        for chunk in path.read_bytes().split(separator):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
            body = message.get_body(preferencelist=("plain",)).get_content()
            found.append((str(message["To"]).strip(), str(message["Subject"]).strip(), body))
    return found


def code_on_sms_page(browser_page, sim, phone: str) -> str:
    browser_page.goto(sim.url + "/")
    row = browser_page.locator("tbody tr").filter(has_text=phone).filter(has_text="Mã xác nhận")
    return re.search(r"\b(\d{6})\b", row.first.inner_text()).group(1)


def confirm_on_portal(page, live_server, value: str, code: str) -> None:
    page.goto(live_server.url + reverse("portal:notifications"))
    row = page.locator("tbody tr").filter(has_text=value)
    row.get_by_label("Mã 6 chữ số").fill(code)
    row.get_by_role("button", name="Xác nhận").click()
    page.locator(".messages").filter(has_text="Đã xác nhận địa chỉ.").wait_for()


def test_a_dossier_received_tells_its_applicant_by_sms_email_and_in_app(
    live_server, browser, page, world, sms, mail_folder, notifying
):
    citizen = UserFactory(username="congdan", full_name="Trần Thị Bích Ngọc")
    dossier = owned_dossier(world, citizen, phone=PHONE, email=ADDRESS)

    # The citizen signs in and adds a phone number and an e-mail address.
    page.goto(live_server.url + reverse("portal:login"))
    page.get_by_label("Tên đăng nhập").fill("congdan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server.url + reverse("portal:notifications"))
    check_a11y(page, "notifications (empty)")
    for kind, value in (("Số điện thoại", PHONE), ("Thư điện tử", ADDRESS)):
        page.get_by_label("Loại").select_option(label=kind)
        page.get_by_label("Địa chỉ thư điện tử hoặc số điện thoại").fill(value)
        page.get_by_role("button", name="Gửi mã xác nhận").click()
        page.locator(".messages").filter(has_text="Đã gửi mã xác nhận").wait_for()
    check_a11y(page, "notifications (codes sent)")
    run_deliveries()

    # Each code where it arrived: the SMS simulator's page, the mail folder.
    with ExitStack() as stack:
        context = browser.new_context(locale="vi-VN")
        stack.callback(context.close)
        sim_page = context.new_page()
        sms_code = code_on_sms_page(sim_page, sms, PHONE)
    (mailed,) = [m for m in mails_in(mail_folder) if m[0] == ADDRESS]
    assert mailed[1] == "Mã xác nhận Motcua"
    mail_code = re.search(r"\b(\d{6})\b", mailed[2]).group(1)
    confirm_on_portal(page, live_server, PHONE, sms_code)
    confirm_on_portal(page, live_server, ADDRESS, mail_code)
    page.get_by_label("Tin nhắn SMS (số đã xác nhận)").check()
    page.get_by_label("Thư điện tử (địa chỉ đã xác nhận)").check()
    page.get_by_role("button", name="Lưu").click()
    page.locator(".messages").filter(has_text="Đã lưu cách nhận thông báo.").wait_for()
    check_a11y(page, "notifications (confirmed)")

    # Reception receives the dossier in the office.
    with ExitStack() as stack:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        stack.callback(context.close)
        office = context.new_page()
        sign_in(office, live_server, world.receptionist)
        office.goto(live_server.url + reverse("office:dossier", args=[dossier.code]))
        card = office.locator("#thao-tac-receive")
        card.locator("summary").click()
        card.get_by_role("button", name="Tiếp nhận và cấp giấy hẹn (mẫu 01)").click()
        office.locator(".messages").filter(has_text="Đã thực hiện").wait_for()
        check_a11y(office, "office dossier (received)")
    run_deliveries()

    subject = f"Hồ sơ {dossier.code} đã được tiếp nhận"
    # The SMS on the simulator's page.
    with ExitStack() as stack:
        context = browser.new_context(locale="vi-VN")
        stack.callback(context.close)
        sim_page = context.new_page()
        sim_page.goto(sms.url + "/")
        texts = sim_page.locator("tbody tr").filter(has_text=PHONE).all_inner_texts()
        assert any(f"Hồ sơ {dossier.code}" in t and "đã được tiếp nhận" in t for t in texts)
    # The e-mail in the mail folder.
    received = [m for m in mails_in(mail_folder) if m[0] == ADDRESS and m[1] == subject]
    assert len(received) == 1 and "Ngày hẹn trả kết quả" in received[0][2]
    # The in-app message on the portal, with its unread count.
    page.goto(live_server.url + reverse("portal:notifications"))
    inbox = page.locator(".notifications")
    assert subject in inbox.inner_text()
    assert "1 chưa đọc" in page.locator("#inbox-title").inner_text()
    check_a11y(page, "notifications (received)")
    inbox.get_by_role("link", name="Xem hồ sơ").click()
    page.wait_for_url(f"**{dossier.code}**")
