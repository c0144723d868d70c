"""What the postal tests share: the province's administrator loading the demo tariff and
Hà Nội's zones through the services, a procedure open to the postal service, and a guest's
draft with its proof."""

from __future__ import annotations

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.delivery import services, zones
from motcua.dossiers import services as dossier_services
from motcua.dossiers.policies import ApplicantProof
from motcua.dossiers.tests.fixtures import pdf, vn


def postal_admin(world):
    """A system administrator of the whole province (the world's city at its top)."""
    admin = UserFactory(official=True, full_name="Quản trị hệ thống")
    RoleGrantFactory(
        user=admin, agency=world.centre.parent, role=Role.SYSTEM_ADMIN, includes_subtree=True
    )
    return admin


def load_postal_reference(world):
    admin = postal_admin(world)
    services.load_zones(actor=admin, rows=zones.read_zones())
    services.load_tariff(actor=admin, rows=zones.read_tariff())
    return admin


def open_to_post(procedure):
    procedure.via_post = True
    procedure.save(update_fields=["via_post"])
    return procedure


def guest_draft(world, now=None):
    """A guest's online draft with both documents and a valid e-form, and the proof its
    session holds."""
    draft = dossier_services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[
            dossier_services.Upload("DON", pdf("don.pdf")),
            dossier_services.Upload("GCN", pdf("gcn.pdf")),
        ],
        submit=False,
        now=now or vn(2026, 3, 2, 8, 0),
    ).dossier
    return draft, ApplicantProof(drafts=frozenset({draft.pk}))


def tariff_price(service: str, zone: str, grams: int) -> int:
    """The demo tariff's own row, read from its file (never a figure typed in a test)."""
    for rate in zones.read_tariff():
        if (rate.service, rate.zone, rate.max_weight_grams) == (service, zone, grams):
            return rate.price
    raise LookupError((service, zone, grams))
