"""A procedure open for online submission, and a guest who fills it in through the screens.

Builds on the dossier tests' small province (the `world` fixture: a service centre receiving
for the Department of Construction, its officials, a three-step process), with an e-form that
uses every widget a citizen meets. The fixtures built on these are in conftest.py.
"""

from __future__ import annotations

from django.urls import reverse

from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import World, pdf

EFORM = {
    "type": "object",
    "title": "Đơn đề nghị cấp giấy phép xây dựng",
    "properties": {
        "chu_dau_tu": {"type": "string", "title": "Chủ đầu tư", "maxLength": 100},
        "dia_diem": {"type": "string", "title": "Xã, phường nơi xây dựng", "x-widget": "commune"},
        "dien_tich": {"type": "number", "title": "Diện tích xây dựng (m²)", "minimum": 1},
        "so_tang": {"type": "integer", "title": "Số tầng", "minimum": 1, "maximum": 50},
        "ngay_khoi_cong": {"type": "string", "title": "Ngày dự kiến khởi công", "format": "date"},
        "loai": {
            "type": "string",
            "title": "Loại công trình",
            "enum": ["nha_o", "khac"],
            "x-enumNames": ["Nhà ở riêng lẻ", "Công trình khác"],
        },
        "dien_thoai_lien_he": {
            "type": "string",
            "title": "Điện thoại liên hệ",
            "x-widget": "phone",
        },
        "mo_ta": {"type": "string", "title": "Mô tả công trình", "x-widget": "textarea"},
        "cam_doan": {"type": "boolean", "title": "Tôi cam đoan nội dung khai là đúng sự thật"},
    },
    "required": ["chu_dau_tu", "dien_tich", "cam_doan"],
    "additionalProperties": False,
}

GOOD_FORM = {
    "tk.chu_dau_tu": "Trần Thị Bích Ngọc",
    "tk.dia_diem": "00070",
    "tk.dien_tich": "120.5",
    "tk.so_tang": "4",
    "tk.ngay_khoi_cong": "2026-04-01",
    "tk.loai": "nha_o",
    "tk.dien_thoai_lien_he": "0912 345 678",
    "tk.mo_ta": "Nhà ở bốn tầng",
    "tk.cam_doan": "true",
    "nn.kind": "citizen",
    "nn.name": "Trần Thị Bích Ngọc",
    "nn.personal_id": "001190012345",
    "nn.address": "12 phố Hàng Bạc",
    "nn.commune_code": "00070",
    "nn.phone": "0912345678",
    "nn.email": "ngoc@example.vn",
    "nhan_ket_qua": "online",
}


def open_online(world: World) -> World:
    """The dossier tests' province, its procedure with an e-form using every widget."""
    world.procedure.eform_schema = EFORM
    world.procedure.save()
    return world


def start_draft(client, world) -> Dossier:
    response = client.post(
        reverse("portal:submission_start", args=[world.procedure.code]),
        {"case": world.case.pk, "receiving_agency": world.centre.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.order_by("-pk").first()
    assert response["Location"] == reverse("portal:draft_form", args=[dossier.pk])
    return dossier


def fill_form(client, dossier, **changes):
    data = {**GOOD_FORM, "action": "next", **changes}
    return client.post(reverse("portal:draft_form", args=[dossier.pk]), data)


def upload_documents(client, dossier, files=None, action="next"):
    files = files or {"giay_to.DON": pdf("don.pdf"), "giay_to.GCN": pdf("gcn.pdf")}
    return client.post(
        reverse("portal:draft_documents", args=[dossier.pk]), {**files, "action": action}
    )


def review_token(client, dossier) -> str:
    response = client.get(reverse("portal:draft_review", args=[dossier.pk]))
    assert response.status_code == 200
    token = response.context["token"]
    assert token, response.context["problems"]
    return token


def submit(client, dossier, token):
    return client.post(reverse("portal:draft_submit", args=[dossier.pk]), {"token": token})


def apply_online_through_portal(client, world, **form_changes):
    """The whole application as a guest, through the portal's screens (`submit_online` in
    dossiers/tests/fixtures.py calls the service instead); returns the dossier and the lookup
    secret shown."""
    dossier = start_draft(client, world)
    assert fill_form(client, dossier, **form_changes).status_code == 302
    assert upload_documents(client, dossier).status_code == 302
    response = submit(client, dossier, review_token(client, dossier))
    assert response.status_code == 302
    page = client.get(response["Location"])
    dossier.refresh_from_db()
    return dossier, page.context["secret"]
