"""A dossier submitted on the national portal (the simulator, a real process with its own
citizen front) is received at a ward: the citizen submits there, the portal pushes it to our
running server, the ward's reception official sees it in the queue and receives it, the
delivery worker syncs the reception, and the portal's page shows "Được tiếp nhận" with the
appointment date."""

from __future__ import annotations

import pytest
from browser_helpers import pdf_file, serious_violations, sign_in
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog.tests.factories import ProcedureAgencyFactory
from motcua.dossiers.choices import Channel, DossierStatus
from motcua.events import consumers
from motcua.events.choices import DeliveryStatus
from motcua.events.models import Delivery
from motcua.events.services import run_deliveries
from motcua.integrations.national_portal import mapping, sync
from motcua.integrations.national_portal.inbound_models import InboundDossier
from motcua.integrations.national_portal.tests.inbound_helpers import (
    connect,
    integration_client,
)
from motcua.workdays.zone import VIETNAM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def ward(world):
    """A ward's People's Committee that carries out the world's procedure and receives its
    dossiers, with its reception official."""
    ward = AgencyFactory(
        name="UBND Phường Hoàn Kiếm",
        parent=world.centre.parent,
        kind=AgencyKind.PEOPLES_COMMITTEE,
        receives_dossiers=True,
    )
    ProcedureAgencyFactory(procedure=world.procedure, agency=ward)
    official = UserFactory(official=True, full_name="Đặng Thu Tiếp")
    RoleGrantFactory(user=official, agency=ward, role=Role.RECEPTION)
    ward.receptionist = official
    return ward


@pytest.fixture
def portal(settings, world, ward, national_portal_sim, live_server):
    connect(settings, national_portal_sim)
    settings.NATIONAL_PORTAL_VERIFY = True
    national_portal_sim.configure(motcua_url=live_server.url)
    integration_client(world)
    mapping.load_defaults()
    sync.register_consumer()
    yield national_portal_sim
    consumers.unregister(sync.CONSUMER_NAME)


def test_a_dossier_submitted_on_the_national_portal_is_received_at_the_ward(
    live_server, browser, world, ward, portal
):
    citizen = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    citizen.set_default_timeout(15_000)
    front = citizen.new_page()

    # The citizen finds the procedure on the portal (its catalog fetched from ours) and submits.
    front.goto(portal.url + "/")
    front.get_by_role("link", name=world.procedure.name).first.click()
    front.get_by_role("heading", level=1, name=world.procedure.name).wait_for()
    front.get_by_label("Chọn cơ quan").select_option(ward.code)
    front.get_by_label("Diện tích xây dựng (m²)").fill("95")
    front.get_by_label("Số tầng").fill("3")
    front.locator("#doc_0").set_input_files(pdf_file("don-de-nghi.pdf"))
    front.locator("#doc_1").set_input_files(pdf_file("giay-chung-nhan.pdf"))
    front.get_by_role("button", name="Nộp hồ sơ").click()
    front.wait_for_url("**/ho-so/**")
    national_code = front.locator("h1").inner_text().removeprefix("Hồ sơ").strip()
    assert front.locator("#trang-thai").inner_text() == "Được gửi tới cơ quan tiếp nhận"

    # It arrived by the push, as an online dossier of the national portal's channel.
    inbound = InboundDossier.objects.select_related("dossier").get(national_code=national_code)
    dossier = inbound.dossier
    assert dossier.channel == Channel.NATIONAL_PORTAL
    assert dossier.receiving_agency == ward and dossier.status == DossierStatus.SUBMITTED
    assert inbound.vneid_verified

    # The ward's reception official sees it in the queue and receives it.
    office = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    office.set_default_timeout(15_000)
    reception = office.new_page()
    sign_in(reception, live_server, ward.receptionist)
    tile = reception.locator(".tiles").get_by_role("link", name="Chờ tiếp nhận")
    assert tile.locator(".tile-count").inner_text() == "1"
    tile.click()
    reception.wait_for_url("**/can-bo/ho-so/?hang=*")
    reception.locator("#queue-results").get_by_role("link", name=dossier.code, exact=True).click()
    reception.wait_for_url(f"**{reverse('office:dossier', args=[dossier.code])}")
    assert serious_violations(reception) == []
    card = reception.locator("#thao-tac-receive")
    card.locator("summary").click()
    card.get_by_role("button", name="Tiếp nhận và cấp giấy hẹn (mẫu 01)").click()
    reception.locator(".messages").filter(has_text="Đã thực hiện").wait_for()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING and dossier.due_at is not None

    # The delivery worker syncs the submission, then the reception (one at a time per
    # dossier, in order); the portal's page shows it with the appointment date.
    for _round in range(10):
        done, failed = run_deliveries()
        assert failed == 0
        if not done:
            break
    assert not Delivery.objects.exclude(status=DeliveryStatus.DONE).exists()
    front.reload()
    assert front.locator("#trang-thai").inner_text() == "Được tiếp nhận"
    due = dossier.due_at.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
    assert front.locator("#ngay-hen-tra").inner_text() == due
    citizen.close()
    office.close()
