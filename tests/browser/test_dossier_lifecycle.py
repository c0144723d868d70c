"""One dossier's whole life in the browser, each person in their own browser: a guest applies
online; reception receives it and prints form 01; the unit leader assigns it; the specialist asks
for a supplement; the guest uploads it from the tracking page; the specialist completes the
appraisal step; the leader records the result; the one-stop shop hands it over. Forms 01 and 05
download as PDFs bearing the code, the audit trail holds every action, and each page passes axe.
"""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest
from browser_helpers import (
    check_a11y,
    downloaded_pdf_text,
    fill_guest_applicant,
    pdf_file,
    sign_in,
)
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.choices import DossierStatus, FilePurpose, Outcome, ReturnChannel
from motcua.dossiers.models import Dossier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

S = DossierStatus


class People:
    """One browser context per person, closed at the end."""

    def __init__(self, browser, live_server, stack: ExitStack):
        self.browser, self.live_server, self.stack = browser, live_server, stack

    def page(self):
        context = self.browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        self.stack.callback(context.close)
        return context.new_page()

    def official(self, user, *, check: bool = False):
        """A new browser for an official, signed in through the office's login page."""
        page = self.page()
        if check:
            page.goto(self.live_server.url + reverse("office:login"))
            check_a11y(page, "sign-in")
        sign_in(page, self.live_server, user, check=check)
        return page


def _open_from_queue(page, tile: str, code: str, *, check: bool = False) -> None:
    """From the home page: the queue's tile (it counts this dossier), then the dossier's row."""
    link = page.locator(".tiles").get_by_role("link", name=tile)
    assert link.locator(".tile-count").inner_text() == "1", tile
    link.click()
    page.wait_for_url("**/can-bo/ho-so/?hang=*")
    if check:
        check_a11y(page, f"queue {tile}")
    page.locator("#queue-results").get_by_role("link", name=code, exact=True).click()
    page.wait_for_url(f"**/can-bo/ho-so/{code}/")


def _act(page, action: str, submit: str, fill=None) -> None:
    """Unfold one action's card, fill it, send it, and wait for the confirmation."""
    card = page.locator(f"#thao-tac-{action}")
    title = card.locator("summary").inner_text()
    if not card.evaluate("element => element.open"):  # axe may have unfolded it already
        card.locator("summary").click()
    if fill:
        fill(card)
    card.get_by_role("button", name=submit).click()
    page.locator(".messages").filter(has_text=f"Đã thực hiện: {title}.").wait_for()


def _status(page) -> str:
    return page.locator("h1 .badge").inner_text()


def _steps(page) -> list[list[str]]:
    rows = page.locator("section[aria-labelledby=quy-trinh] tbody tr")
    return [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in rows.all()]


def test_one_dossier_from_online_submission_to_the_result_handed_over(live_server, browser, online):
    world = online
    with ExitStack() as stack:
        people = People(browser, live_server, stack)
        code, secret = _guest_applies(people.page(), live_server, world)
        dossier = Dossier.objects.get(code=code)
        assert dossier.status == S.SUBMITTED

        # Reception checks the online dossier and receives it: form 01 is issued.
        reception = people.official(world.receptionist, check=True)
        check_a11y(reception, "home")
        _open_from_queue(reception, "Chờ tiếp nhận", code, check=True)
        assert _status(reception) == "Chờ tiếp nhận"
        check_a11y(reception, "dossier (submitted)")
        # The reception checklist fits its side panel: nothing to scroll sideways.
        box = reception.locator(".action-card .checklist-box")
        assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "checklist overflows"
        assert box.evaluate(
            "b => b.closest('.dossier-side').scrollWidth <= b.closest('.dossier-side').clientWidth + 1"
        )
        _act(reception, "receive", "Tiếp nhận và cấp giấy hẹn (mẫu 01)")
        assert _status(reception) == "Đang xử lý"
        steps = _steps(reception)
        assert steps[0][0] == "1. Tiếp nhận hồ sơ" and steps[0][4] != "—"
        assert steps[1][0] == "2. Thẩm định hồ sơ" and "chưa phân công" in steps[1][1]
        text = downloaded_pdf_text(reception, reception.get_by_role("link", name="Tải PDF mẫu 01"))
        assert code in text and world.receptionist.full_name in text

        # The unit leader assigns the appraisal to the specialist.
        leader = people.official(world.leader)
        _open_from_queue(leader, "Chưa phân công", code)
        check_a11y(leader, "dossier (unassigned)")
        _act(
            leader,
            "assign",
            "Phân công",
            lambda card: card.get_by_label("Cán bộ xử lý").select_option(
                label=world.specialist.full_name
            ),
        )
        assert world.specialist.full_name in _steps(leader)[1][1]

        # The specialist asks, once and in full, for a supplement: the clock stops.
        specialist = people.official(world.specialist)
        _open_from_queue(specialist, "Được giao cho tôi", code)
        check_a11y(specialist, "dossier (assigned)")
        # On a phone the tables scroll inside their boxes, which take the keyboard's focus.
        specialist.set_viewport_size({"width": 390, "height": 844})
        check_a11y(specialist, "dossier (assigned, phone)")
        specialist.set_viewport_size({"width": 1280, "height": 900})

        def ask(card):
            card.get_by_label("Lý do tạm dừng").select_option(
                label="Yêu cầu bổ sung, hoàn thiện hồ sơ"
            )
            card.get_by_label("Những gì cần bổ sung, mỗi dòng một mục").fill(
                "Bản vẽ mặt bằng công trình\nBản vẽ mặt cắt"
            )
            card.get_by_label("Nội dung, lý do").fill("Hồ sơ thiếu bản vẽ thiết kế.")
            card.get_by_label("Thời hạn bổ sung (ngày làm việc)").fill("10")

        _act(specialist, "pause", "Tạm dừng", ask)
        assert _status(specialist) == "Tạm dừng"
        assert specialist.get_by_role("link", name="Tải PDF mẫu 02").count() == 1
        dossier.refresh_from_db()
        assert dossier.status == S.PAUSED and dossier.due_at is None

        # The guest, days later in another browser, looks the dossier up and supplies it.
        guest = people.page()
        _guest_supplies(guest, live_server, code, secret)
        dossier.refresh_from_db()
        assert dossier.status == S.PROCESSING and dossier.due_at is not None
        assert dossier.files.filter(purpose=FilePurpose.SUPPLEMENT).count() == 1

        # The specialist sees the supplement and completes the appraisal step.
        specialist.reload()
        assert _status(specialist) == "Đang xử lý"
        documents = specialist.locator("section[aria-labelledby=giay-to]").inner_text()
        assert "ban-ve.pdf" in documents
        forward = specialist.locator("#thao-tac-forward")
        assert "Bước tiếp theo: Phê duyệt" in forward.text_content()
        _act(
            specialist,
            "forward",
            "Chuyển",
            lambda card: card.get_by_label("Ý kiến xử lý").fill("Đủ điều kiện cấp phép."),
        )
        steps = _steps(specialist)
        assert [row[0] for row in steps] == [
            "1. Tiếp nhận hồ sơ",
            "2. Thẩm định hồ sơ",
            "3. Phê duyệt",
        ]
        assert steps[1][4] != "—" and steps[2][4] == "—"

        # The leader approves and records the signed licence.
        leader.goto(live_server.url + reverse("office:home"))
        _open_from_queue(leader, "Chờ lãnh đạo duyệt", code)
        check_a11y(leader, "dossier (to decide)")

        def approve(card):
            card.get_by_label("Giải quyết", exact=True).check()
            card.get_by_label("Tên văn bản kết quả").fill("Giấy phép xây dựng nhà ở riêng lẻ")
            card.get_by_label("Số, ký hiệu").fill("125/GPXD")
            card.get_by_label("Ngày ký").fill(timezone.localdate().isoformat())
            card.get_by_label("Người ký").fill(world.leader.full_name)
            card.get_by_label("Tệp văn bản (bản quét)").set_input_files(pdf_file("giay-phep.pdf"))

        _act(leader, "decide", "Ghi nhận kết quả", approve)
        assert _status(leader) == "Có kết quả"
        assert "125/GPXD" in leader.locator("section[aria-labelledby=giay-to]").inner_text()
        assert all(row[4] != "—" for row in _steps(leader))

        # The one-stop shop hands the licence over at the counter.
        returner = people.official(world.returner)
        _open_from_queue(returner, "Kết quả chờ trả", code)
        check_a11y(returner, "dossier (decided)")

        def hand_over(card):
            card.get_by_label("Hình thức trả").select_option(label="Tại bộ phận một cửa")
            card.get_by_label("Họ tên người nhận").fill("Trần Thị Bích Ngọc")
            card.get_by_label("Số giấy tờ tùy thân đã kiểm tra").fill("001190012345")

        _act(returner, "return_result", "Xác nhận đã trả kết quả", hand_over)
        assert _status(returner) == "Đã trả kết quả"
        check_a11y(returner, "dossier (returned)")

        # Form 06, the processing control sheet, records the whole way.
        text = downloaded_pdf_text(returner, returner.get_by_role("link", name="Tải PDF mẫu 06"))
        assert code in text
        assert "Thẩm định hồ sơ" in text and "Phê duyệt" in text

        # The dossier's log shows every action once, in order (drafts saved aside).
        log = returner.locator("section[aria-labelledby=nhat-ky]")
        labels = [
            t for t in log.locator("li > p > strong").all_inner_texts() if t != "Lưu bản nháp"
        ]
        assert labels == [
            "Nộp hồ sơ",
            "Tiếp nhận",
            "Phân công",
            "Tạm dừng",
            "Tiếp tục xử lý",
            "Chuyển bước",
            "Có kết quả",
            "Trả kết quả",
        ]
        log_text = log.inner_text()
        assert "Cần bổ sung: Bản vẽ mặt bằng công trình; Bản vẽ mặt cắt" in log_text
        assert f"Cán bộ được phân công: {world.specialist.full_name}" in log_text

        # The guest's tracking page, from the same browser (no secret needed again).
        guest.reload()
        status = guest.locator(".status-box").inner_text()
        assert "Đã trả kết quả" in status and "Giải quyết" in status
        result = guest.locator("section[aria-labelledby=result-title]").inner_text()
        assert "Giấy phép xây dựng nhà ở riêng lẻ, số 125/GPXD" in result
        check_a11y(guest, "tracking (returned)")

    dossier.refresh_from_db()
    assert dossier.status == S.RETURNED and dossier.outcome == Outcome.APPROVED
    assert dossier.return_channel == ReturnChannel.COUNTER
    assert dossier.collected_by_name == "Trần Thị Bích Ngọc"
    # The audit trail: each action by whom it should be (the guest acts without an account).
    trail = [
        (event.action, event.actor_id)
        for event in dossier.audit_events.order_by("seq")
        if event.action != "save_draft"
    ]
    assert trail == [
        ("submit", None),
        ("receive", world.receptionist.pk),
        ("assign", world.leader.pk),
        ("pause", world.specialist.pk),
        ("resume", None),
        ("forward", world.specialist.pk),
        ("decide", world.leader.pk),
        ("return_result", world.returner.pk),
    ]
    assert sorted(dossier.issued_forms.values_list("form", flat=True)) == ["01", "02"]


def _guest_applies(page, live_server, world) -> tuple[str, str]:
    """The guest's application through the portal; returns the code and the lookup secret."""
    procedure = world.procedure
    page.goto(live_server.url + reverse("portal:procedure_detail", args=[procedure.code]))
    check_a11y(page, "procedure")
    page.locator(".cta").get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    page.get_by_label("Nơi nộp hồ sơ").select_option(label=world.centre.name)
    check_a11y(page, "where to submit")
    page.get_by_role("button", name="Bắt đầu khai hồ sơ").click()
    page.wait_for_url(re.compile(r".*/nop-ho-so/\d+/to-khai/$"))

    page.get_by_label("Chủ đầu tư").fill("Trần Thị Bích Ngọc")
    page.get_by_label("Diện tích xây dựng (m²)").fill("120,5")
    page.get_by_label("Số tầng").fill("4")
    page.get_by_label("Tôi cam đoan nội dung khai là đúng sự thật").check()
    fill_guest_applicant(page, return_by="Tại bộ phận một cửa")
    check_a11y(page, "e-form")
    page.get_by_role("button", name="Tiếp tục: tải giấy tờ").click()

    page.wait_for_url("**/giay-to/")
    page.get_by_label("Đơn đề nghị cấp giấy phép xây dựng").set_input_files(pdf_file("don.pdf"))
    page.get_by_label("Giấy chứng nhận quyền sử dụng đất").set_input_files(pdf_file("gcn.pdf"))
    check_a11y(page, "documents")
    page.get_by_role("button", name="Tiếp tục: kiểm tra hồ sơ").click()

    page.wait_for_url("**/kiem-tra/")
    check_a11y(page, "review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    check_a11y(page, "submitted")
    return page.locator("#dossier-code").inner_text(), page.locator("#lookup-secret").inner_text()


def _guest_supplies(page, live_server, code: str, secret: str) -> None:
    page.goto(live_server.url + reverse("portal:track"))
    check_a11y(page, "lookup")
    page.get_by_label("Mã hồ sơ").fill(code)
    page.get_by_label("Mã tra cứu").fill(secret)
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**/tra-cuu/{code}/")
    assert "Tạm dừng" in page.locator(".status-box").inner_text()
    request = page.locator("section[aria-labelledby=supplement-title]")
    assert "Bản vẽ mặt bằng công trình" in request.inner_text()
    assert "Hồ sơ thiếu bản vẽ thiết kế." in request.inner_text()
    check_a11y(page, "tracking (supplement asked)")

    request.get_by_label("Tệp bổ sung").set_input_files(pdf_file("ban-ve.pdf"))
    request.get_by_label("Ghi chú (nếu có)").fill("Gửi bản vẽ mặt bằng và mặt cắt.")
    request.get_by_role("button", name="Nộp bổ sung").click()
    page.locator(".messages").filter(has_text="Đã nộp hồ sơ bổ sung").wait_for()
    assert "Đang xử lý" in page.locator(".status-box").inner_text()
    assert page.locator("section[aria-labelledby=supplement-title]").count() == 0
