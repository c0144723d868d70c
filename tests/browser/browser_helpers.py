"""What the browser tests share: the accessibility check, files to upload, the commune picker,
an official's sign-in, and reading a downloaded PDF."""

from __future__ import annotations

import io

from django.urls import reverse

from motcua.accounts.second_factor import code_now
from motcua.dossiers.tests.fixtures import PDF_BYTES
from motcua.office.tests.helpers import PASSWORD
from motcua.testing import authenticator_for


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def check_a11y(page, name: str) -> None:
    """axe over the page as a person sees it, every folded section unfolded."""
    for details in page.locator("details").all():
        details.evaluate("element => element.open = true")
    assert serious_violations(page) == [], name


def pdf_file(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def pick_commune(page, label: str, search: str, option: str) -> None:
    """Type into a commune picker's search box and choose from what htmx brought back."""
    page.get_by_label(f"Tìm {label.lower()} theo tên").fill(search)
    select = page.get_by_label(label, exact=True)
    page.wait_for_function(
        """([id, text]) => [...document.getElementById(id).options].some(o => o.text === text)""",
        arg=[select.get_attribute("id"), option],
    )
    select.select_option(label=option)


def fill_guest_applicant(page, *, return_by: str) -> None:
    """The applicant's part of the online form, as the test guest Trần Thị Bích Ngọc fills it,
    and how the result should come back (a radio button's label)."""
    page.get_by_label("Họ và tên người nộp, hoặc tên tổ chức").fill("Trần Thị Bích Ngọc")
    page.get_by_label("Số định danh cá nhân", exact=True).fill("001190012345")
    page.get_by_label("Địa chỉ (số nhà, đường phố, thôn, tổ dân phố)").fill("12 phố Hàng Bạc")
    pick_commune(page, "Xã, phường", "cua nam", "Phường Cửa Nam, Thành phố Hà Nội")
    page.get_by_label("Số điện thoại").fill("0912345678")
    page.get_by_label("Thư điện tử").fill("ngoc@example.vn")
    page.get_by_label(return_by).check()


def sign_in(page, live_server, user, *, check: bool = False) -> None:
    """An official signs in through the office's login page, then gives the code their
    authenticator shows (the second step); `check` runs axe over the code page."""
    device = authenticator_for(user)
    page.goto(live_server.url + reverse("office:login"))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}{reverse('office:second_factor')}**")
    if check:
        check_a11y(page, "second factor")
    page.get_by_label("Mã xác thực").fill(code_now(device))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(live_server.url + reverse("office:home"))


def downloaded_pdf_text(page, link) -> str:
    """Click a download link and return the text of the PDF it gives."""
    from pypdf import PdfReader

    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
