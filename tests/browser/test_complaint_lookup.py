"""A guest sends a complaint on the portal, writes down its code and the lookup secret shown
once, and opens it from another browser through the lookup page; an official opens their
notification settings. axe checks each page."""

from __future__ import annotations

import pytest
from browser_helpers import check_a11y, sign_in
from django.urls import reverse

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_guest_finds_their_complaint_from_another_browser(live_server, browser, page, world):
    from django.core.cache import cache

    cache.clear()  # the lookup's rate limit starts from zero
    page.goto(live_server.url + reverse("portal:feedback_complain"))
    page.get_by_label("Phản ánh", exact=True).check()
    page.get_by_label("Thủ tục được phản ánh").select_option(value=world.procedure.code)
    page.get_by_label("Tiêu đề").fill("Hướng dẫn không rõ")
    page.get_by_label("Nội dung").fill("Trang thủ tục thiếu mẫu đơn.")
    page.get_by_label("Họ và tên").fill("Lê Thị Hoa")
    page.get_by_label("Điện thoại").fill("0987654321")
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.get_by_role("heading", name="Ghi lại để theo dõi phản ánh").wait_for()
    check_a11y(page, "complaint with its secret")
    secret = page.locator("#lookup-secret").inner_text().strip()
    code = page.url.rstrip("/").rsplit("/", 1)[1]
    assert len(secret) == 10 and code.startswith("PA")

    other = browser.new_context(locale="vi-VN", viewport={"width": 375, "height": 740})
    try:
        elsewhere = other.new_page()
        elsewhere.goto(live_server.url + reverse("portal:feedback_complaint_lookup"))
        check_a11y(elsewhere, "lookup")
        elsewhere.get_by_label("Mã phản ánh").fill(code)
        elsewhere.get_by_label("Mật khẩu tra cứu").fill("ABCDEFGHJK")
        elsewhere.get_by_role("button", name="Tra cứu").click()
        elsewhere.get_by_text("Mã phản ánh hoặc mật khẩu tra cứu không đúng.").first.wait_for()
        check_a11y(elsewhere, "lookup refused")
        elsewhere.get_by_label("Mã phản ánh").fill(code)
        elsewhere.get_by_label("Mật khẩu tra cứu").fill(secret)
        elsewhere.get_by_role("button", name="Tra cứu").click()
        elsewhere.wait_for_url(f"**/phan-anh-kien-nghi/{code}/")
        assert "Hướng dẫn không rõ" in elsewhere.locator("main").inner_text()
        assert secret not in elsewhere.content()
    finally:
        other.close()


def test_an_officials_notification_settings_pass_axe(live_server, page, world):
    sign_in(page, live_server, world.receptionist)
    page.goto(live_server.url + reverse("office:notifications"))
    page.get_by_role("link", name="Cách nhận thông báo và địa chỉ liên lạc").click()
    page.get_by_role("heading", level=1, name="Cách nhận thông báo").wait_for()
    check_a11y(page, "office notification settings")
    page.get_by_label("Địa chỉ thư điện tử hoặc số điện thoại").fill("12ab")
    page.get_by_label("Loại").select_option(label="Số điện thoại")
    page.get_by_role("button", name="Gửi mã xác nhận").click()
    page.get_by_text("Số điện thoại không hợp lệ").first.wait_for()
    check_a11y(page, "office notification settings, refused")
