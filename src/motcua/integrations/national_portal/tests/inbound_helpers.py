"""Dossiers submitted on the national portal simulator, and their delivery to our endpoint
signed as the portal signs it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from django.core.management import call_command

from motcua.dossiers.tests.fixtures import PDF_BYTES

URL = "/api/v1/national-portal/dossiers"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def portal_file(code: str, name: str, content: bytes = PDF_BYTES, title: str = "") -> dict:
    return {
        "MaThanhPhanHoSo": code,
        "TenGiayTo": title or name,
        "name": name,
        "content_base64": base64.b64encode(content).decode(),
    }


def submit_on_portal(sim, world, *, files=None, form=None, procedure=None, agency=None) -> dict:
    """A citizen's submission on the simulator (VNeID-verified) for the world's procedure at
    its service centre; returns the body the portal delivers."""
    answer = sim.submit(
        MaTTHC=procedure or world.procedure.code,
        MaDonViTiepNhan=agency or world.centre.code,
        ThongTinNguoiNop={
            "HoVaTen": "Nguyễn Thị Mai",
            "SoDinhDanh": "001190012345",
            "NgaySinh": "19900312",
            "SoDienThoai": "0912345678",
            "Email": "mai@example.vn",
            "MaTinh": "01",
            "MaXa": "00070",
            "DiaChi": "12 phố Hàng Bạc",
        },
        VNeID=True,
        DuLieuBieuMau={"dien_tich": 120.5, "so_tang": 4} if form is None else form,
        files=[
            portal_file("DON", "don.pdf", title="Đơn đề nghị"),
            portal_file("GCN", "gcn.png", PNG_BYTES, title="Giấy chứng nhận"),
        ]
        if files is None
        else files,
    )
    return portal_body(sim, answer["MaHoSoQG"])


def portal_body(sim, national_code: str) -> dict:
    for submission in sim.submissions():
        if submission["MaHoSoQG"] == national_code:
            return submission["body"]
    raise AssertionError(f"{national_code} not on the simulator")


def signed_post(client, body, *, secret, stamp=None, raw=None):
    raw = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
    stamp = str(int(time.time()) if stamp is None else stamp)
    signature = hmac.new(secret.encode(), stamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    return client.post(
        URL,
        raw,
        content_type="application/json",
        headers={"X-NP-Timestamp": stamp, "X-NP-Signature": f"sha256={signature}"},
    )


def connect(settings, sim) -> None:
    """Point our side at the simulator: its protocol URL, credentials and push secret, and the
    integration's own API client."""
    settings.NATIONAL_PORTAL_URL = sim.api_url
    settings.NATIONAL_PORTAL_USERNAME = sim.username
    settings.NATIONAL_PORTAL_PASSWORD = sim.password
    settings.NATIONAL_PORTAL_DSTCODE = sim.province
    settings.NATIONAL_PORTAL_INBOUND_SECRET = sim.inbound_secret


def integration_client(world) -> None:
    call_command("setup_national_portal_client", agency=world.centre.parent.code)
