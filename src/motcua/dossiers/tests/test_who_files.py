"""Creating a dossier checks who asks, inside the service (policies.can_create): the counter and
post channels need reception on the receiving agency; an online dossier is its applicant's own;
an API client files only inside its agency's subtree; the national portal's channel is its own
client's alone."""

from __future__ import annotations

import pytest

from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE, create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.dossiers import services
from motcua.dossiers.choices import Channel, DossierStatus
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import pdf, vn

AT = vn(2026, 3, 2, 9)


def create(world, channel, *, actor=None, client=None, owner=None, receiving=None, submit=True):
    return services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel=channel,
        applicant=world.applicant(),
        receiving_agency=receiving or world.centre,
        form_data={"dien_tich": "80"},
        uploads=[services.Upload("DON", pdf()), services.Upload("GCN", pdf())],
        actor=actor,
        client=client,
        owner=owner,
        submit=submit,
        now=AT,
    ).dossier


def refused(world, channel, **who) -> str:
    before = Dossier.objects.count()
    with pytest.raises(NotAllowed) as caught:
        create(world, channel, **who)
    assert Dossier.objects.count() == before
    return caught.value.message


@pytest.fixture(autouse=True)
def post_accepted(world):
    world.procedure.via_post = True
    world.procedure.save(update_fields=["via_post"])


@pytest.mark.parametrize("channel", [Channel.COUNTER, Channel.POST])
def test_the_counter_and_post_need_reception_on_the_receiving_agency(world, channel):
    citizen = UserFactory()
    reader = UserFactory(official=True)
    RoleGrantFactory(user=reader, agency=world.centre, role=Role.REPORT_READER)
    for someone in (None, citizen, reader, world.specialist, world.leader, world.returner):
        message = refused(world, channel, actor=someone)
        assert "Tiếp nhận hồ sơ" in message and world.centre.name in message
    # Reception elsewhere does not count.
    other_desk = UserFactory(official=True)
    RoleGrantFactory(user=other_desk, agency=world.other, role=Role.RECEPTION)
    refused(world, channel, actor=other_desk)
    dossier = create(world, channel, actor=world.receptionist)
    assert dossier.channel == channel and dossier.status == DossierStatus.SUBMITTED
    assert dossier.owner is None


def test_a_signed_in_citizen_filing_online_becomes_the_owner(world):
    citizen = UserFactory()
    dossier = create(world, Channel.ONLINE, actor=citizen)
    assert dossier.owner == citizen
    event = dossier.audit_events.get()
    assert event.actor == citizen


def test_nobody_files_online_for_someone_else(world):
    citizen, other = UserFactory(), UserFactory()
    assert refused(world, Channel.ONLINE, actor=other, owner=citizen) == (
        "Hồ sơ trực tuyến chỉ do chính người nộp tạo."
    )
    refused(world, Channel.ONLINE, actor=None, owner=citizen)
    refused(world, Channel.ONLINE, actor=world.receptionist, owner=citizen)


def test_an_official_does_not_file_online_but_a_guest_does(world):
    message = refused(world, Channel.ONLINE, actor=world.receptionist)
    assert "tại quầy" in message
    dossier = create(world, Channel.ONLINE, actor=None)
    assert dossier.owner is None and dossier.status == DossierStatus.SUBMITTED


def test_an_api_client_files_only_inside_its_agency_subtree(world):
    kiosk, _key = create_api_client(
        "Ki-ốt trung tâm", agency=world.centre, scopes=["dossiers:submit"]
    )
    message = refused(world, Channel.ONLINE, actor=kiosk.user, client=kiosk, receiving=world.other)
    assert message == f"Khóa API này không được nộp hồ sơ vào {world.other.name}."
    dossier = create(world, Channel.ONLINE, actor=kiosk.user, client=kiosk)
    assert dossier.receiving_agency == world.centre and dossier.owner is None
    # Its key does not stand in for another user, nor its service user for another client.
    refused(world, Channel.ONLINE, actor=world.receptionist, client=kiosk)
    # The counter needs reception even through a client: a submit-only key has none.
    refused(world, Channel.COUNTER, actor=kiosk.user, client=kiosk)
    desk, _key = create_api_client(
        "Quầy điện tử", agency=world.centre, scopes=["dossiers:submit", "dossiers:receive"]
    )
    assert create(world, Channel.COUNTER, actor=desk.user, client=desk).channel == Channel.COUNTER


def test_the_national_portal_channel_is_its_own_clients_alone(world):
    kiosk, _key = create_api_client(
        "Ki-ốt trung tâm", agency=world.centre, scopes=["dossiers:submit"]
    )
    portal, _key = create_api_client(
        "Cổng Dịch vụ công quốc gia",
        agency=world.centre.parent,
        scopes=["dossiers:submit", NATIONAL_PORTAL_SCOPE],
    )
    assert portal.is_national_portal and not kiosk.is_national_portal
    expected = "Chỉ kết nối với Cổng Dịch vụ công quốc gia mới được nộp hồ sơ qua kênh này."
    for who in (
        {"actor": None},
        {"actor": UserFactory()},
        {"actor": world.receptionist},
        {"actor": kiosk.user, "client": kiosk},
    ):
        assert refused(world, Channel.NATIONAL_PORTAL, **who) == expected
    dossier = create(world, Channel.NATIONAL_PORTAL, actor=portal.user, client=portal)
    assert dossier.channel == Channel.NATIONAL_PORTAL


def test_receiving_at_the_counter_is_receptions_alone(world):
    from motcua.dossiers.services import ChecklistLine

    checklist = [ChecklistLine("DON", "original", 1), ChecklistLine("GCN", "copy", 1)]
    for someone in (world.specialist, world.leader, UserFactory()):
        with pytest.raises(NotAllowed):
            services.receive_at_counter(
                actor=someone,
                procedure=world.procedure,
                case=world.case,
                applicant=world.applicant(),
                receiving_agency=world.centre,
                checklist=checklist,
                form_data={"dien_tich": "80"},
                now=AT,
            )
    assert not Dossier.objects.exists()
