"""A citizen signs in on the portal from the header, finds their dossiers, and signs out."""

from __future__ import annotations

import pytest
from browser_helpers import serious_violations
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.office.tests.helpers import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_citizen_signs_in_from_the_header_and_out_again(live_server, page):
    UserFactory(username="congdan", full_name="Nguyễn Văn An")
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + reverse("portal:track"))
    page.locator(".site-header").get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("congdan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    assert serious_violations(page) == [], "sign-in page"
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    # Back where the link was followed, now signed in.
    page.wait_for_url(live_server.url + reverse("portal:track"))
    header = page.locator(".site-header")
    assert "Nguyễn Văn An" in header.inner_text()
    header.get_by_role("link", name="Hồ sơ của tôi").click()
    page.wait_for_url(live_server.url + reverse("portal:my_dossiers"))
    assert "chưa được xác thực định danh" in page.locator("main").inner_text()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert serious_violations(page) == [], "my dossiers"
    header.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(live_server.url + reverse("portal:home"))
    assert "Bạn đã đăng xuất." in page.locator("main").inner_text()
    assert header.get_by_role("link", name="Đăng nhập").is_visible()
