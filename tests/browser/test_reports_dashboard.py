"""The leaders' dashboard in the browser: a city leader opens it from the office's navigation,
drills from the city down to one ward through the breakdown (htmx swaps the body, the address
follows), downloads the ward's table as CSV, opens the service index and an indicator's
drill-down; the pages pass axe, the charts included."""

import csv
import io

import pytest
from browser_helpers import check_a11y, sign_in
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.office.tests.helpers import decided, received
from motcua.reports.maintenance import rebuild

pytestmark = pytest.mark.browser


def test_a_leader_drills_from_the_city_to_a_ward_and_exports(live_server, page, world):
    city = world.centre.parent
    ward = AgencyFactory(name="UBND phường Ba Đình", kind=AgencyKind.COMMUNE, parent=city)
    AgencyFactory(name="Bộ phận một cửa phường Ba Đình", kind=AgencyKind.UNIT, parent=ward)
    AgencyFactory(name="UBND phường Hoàn Kiếm", kind=AgencyKind.COMMUNE, parent=city)
    received(world, personal_id="001190000061")
    decided(world, personal_id="001190000062")
    rebuild()  # the reports' aggregates, from the dossiers made above
    leader = UserFactory(official=True, full_name="Chủ tịch UBND Thành phố")
    RoleGrantFactory(user=leader, agency=city, role=Role.UNIT_LEADER, includes_subtree=True)

    sign_in(page, live_server, leader)
    page.get_by_role("link", name="Báo cáo, thống kê").click()
    page.get_by_label("Từ ngày").fill("2026-03-01")
    page.get_by_label("Đến ngày").fill("2026-03-31")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url("**tu=2026-03-01**")
    check_a11y(page, "dashboard, whole province")
    assert page.locator("svg.chart-svg").count() == 2

    page.get_by_role("link", name="UBND Thành phố Hà Nội").click()
    page.wait_for_url(f"**co_quan={city.pk}**")
    page.get_by_role("link", name="UBND phường Ba Đình").click()
    page.wait_for_url(f"**co_quan={ward.pk}**")
    trail = page.get_by_role("navigation", name="Cấp cơ quan đang xem")
    assert trail.get_by_text("UBND phường Ba Đình").get_attribute("aria-current") == "page"
    assert page.get_by_role("link", name="Bộ phận một cửa phường Ba Đình").is_visible()
    check_a11y(page, "dashboard, one ward")

    exports = page.locator("p.exports", has_text="Bảng chi tiết")
    with page.expect_download() as info:
        exports.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename.endswith("-chi-tiet.csv")
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "Cơ quan, đơn vị"
    assert [row[0] for row in rows[1:]] == ["Bộ phận một cửa phường Ba Đình"]

    page.get_by_role("link", name="Chỉ số phục vụ").click()
    page.wait_for_url(f"**{reverse('office:service_index')}**")
    check_a11y(page, "service index")
    page.locator("table a[href*='/chi-so/']").first.click()
    page.get_by_role("heading", name="Điều làm giảm chỉ số").wait_for()
    check_a11y(page, "service index drill-down")

    page.goto(live_server.url + reverse("office:log_book"))
    check_a11y(page, "log book")
