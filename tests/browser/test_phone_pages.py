"""Long pages on a 390-pixel phone. The page of a procedure every ward of Hà Nội carries out:
the 126 ward cards are folded away, the applicant picks their ward with a plain form and sees
its own card, the page stays a phone's length, scrolls only downwards, and axe finds nothing
serious (folded sections unfolded). The office's load table: its scrolling box takes the
keyboard's focus."""

from __future__ import annotations

import pytest
from browser_helpers import check_a11y
from django.urls import reverse

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency, Commune, Province
from motcua.agencies.places import load_places
from motcua.catalog.choices import ImplementingLevel
from motcua.catalog.models import ProcedureAgency
from motcua.catalog.tests.factories import complete_procedure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
CITY = "Thành phố Hà Nội"
# A phone-length page: the page's own sections, not one card per ward (the 126 cards made it
# 26,841 pixels tall at this width).
MAX_HEIGHT = 6000


@pytest.fixture
def every_ward(db):
    if not Commune.objects.filter(province__code="01").exists():
        load_places(Province, Commune)
    procedure = complete_procedure(name="Chứng thực bản sao từ bản chính",
                                   implementing_level=ImplementingLevel.COMMUNE)  # fmt: skip
    communes = list(Commune.objects.filter(province__code="01").order_by("code"))
    wards = Agency.objects.bulk_create(
        Agency(
            code=f"W{commune.code}",
            name=f"Ủy ban nhân dân {commune.name}",
            kind=AgencyKind.COMMUNE,
            commune_id=commune.pk,
            address=f"{commune.name}, {CITY}",
            phone="024 3825 0000",
            counter_hours="Sáng 8:00–12:00, chiều 13:30–17:00",
            receives_dossiers=True,
            path=f"W{commune.code}",
        )
        for commune in communes
    )
    ProcedureAgency.objects.bulk_create(
        ProcedureAgency(procedure=procedure, agency=ward) for ward in wards
    )
    procedure.save()
    return procedure, communes


def height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth <= 0"
    )


def test_the_procedure_page_on_a_phone_narrows_to_the_applicants_ward(
    live_server, page, every_ward
):
    procedure, communes = every_ward
    assert len(communes) == 126
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("portal:procedure_detail", args=[procedure.code]))
    assert height(page) < MAX_HEIGHT, height(page)
    assert no_sideways_scroll(page)
    assert page.get_by_text("Xem 126 nơi tiếp nhận").is_visible()

    ward = next(c for c in communes if c.name == "Phường Hoàn Kiếm")
    page.get_by_label("Xã, phường nơi bạn cư trú").select_option(label=ward.name)
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_url(f"**?xa={ward.code}*")
    local = page.locator("ul.place-list.local")
    assert "Ủy ban nhân dân Phường Hoàn Kiếm" in local.inner_text()
    assert local.inner_text().count("Phường Hoàn Kiếm") == 1  # the address does not repeat it
    assert height(page) < MAX_HEIGHT, height(page)
    assert no_sideways_scroll(page)
    folded = height(page)
    check_a11y(page, "procedure page")  # unfolds every list
    print(f"390 px: {folded} px folded, {height(page)} px unfolded")
    assert height(page) > MAX_HEIGHT  # the folding is what keeps it short


def test_the_load_table_on_a_phone_scrolls_by_keyboard_and_passes_axe(live_server, page, world):
    """The unit leader's load table, wider than a phone: its box takes the keyboard's focus
    (axe's scrollable-region-focusable is a serious finding)."""
    from browser_helpers import sign_in

    from motcua.office.tests.helpers import received

    received(world)
    sign_in(page, live_server, world.leader)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("office:load"))
    box = page.locator(".table-scroll").first
    assert box.get_attribute("tabindex") == "0"
    check_a11y(page, "load table (phone)")
