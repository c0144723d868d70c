"""A citizen rates a returned dossier and sends a complaint; the leader answers it in the office.
Every page passes axe."""

from __future__ import annotations

import pytest
from browser_helpers import check_a11y, sign_in
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.feedback.models import Complaint, Rating
from motcua.feedback.tests.conftest import owned_dossier
from motcua.office.tests.helpers import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_rate_complain_and_answer(live_server, page, world):
    citizen = UserFactory(username="congdan", full_name="Trần Thị Bích Ngọc")
    dossier = owned_dossier(world, citizen)
    page.goto(live_server.url + reverse("portal:login"))
    page.get_by_label("Tên đăng nhập").fill("congdan")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/")

    page.goto(live_server.url + reverse("portal:track_detail", args=[dossier.code]))
    page.get_by_role("link", name="Đánh giá mức độ hài lòng").click()
    check_a11y(page, "rating form")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "Chưa gửi được đánh giá" in page.locator("main").inner_text()
    check_a11y(page, "rating form with errors")
    for criterion in ("access", "procedure", "attitude", "timeliness", "result"):
        page.locator(f"input[name={criterion}][value='4']").check()
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_label("Ý kiến của bạn (không bắt buộc)").fill("Cán bộ hướng dẫn rõ ràng.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    assert "Cảm ơn bạn đã đánh giá" in page.locator("main").inner_text()
    assert Rating.objects.get().overall == "satisfied"

    page.goto(live_server.url + reverse("portal:track_detail", args=[dossier.code]))
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị về hồ sơ này").click()
    check_a11y(page, "complaint form")
    page.get_by_label("Kiến nghị").check()
    page.get_by_label("Tiêu đề").fill("Nên nhắn tin khi có kết quả")
    page.get_by_label("Nội dung").fill("Tôi không biết hồ sơ đã có kết quả.")
    page.get_by_role("button", name="Gửi", exact=True).click()
    complaint = Complaint.objects.get()
    assert complaint.code in page.locator("main").inner_text()
    check_a11y(page, "complaint")
    page.goto(live_server.url + reverse("portal:feedback_mine"))
    check_a11y(page, "my feedback")

    page.context.clear_cookies()
    sign_in(page, live_server, world.leader)
    page.goto(live_server.url + reverse("office:feedback_queue"))
    check_a11y(page, "office queue")
    page.get_by_role("link", name=complaint.code).click()
    check_a11y(page, "office complaint")
    page.get_by_label("Nội dung trả lời").fill("Hệ thống sẽ gửi tin nhắn khi có kết quả.")
    page.get_by_role("button", name="Trả lời", exact=True).click()
    page.wait_for_url(f"**{reverse('office:feedback_detail', args=[complaint.code])}")
    complaint.refresh_from_db()
    assert complaint.status == "answered" and not complaint.answered_late
    page.goto(live_server.url + reverse("office:feedback_figures"))
    check_a11y(page, "office figures")
