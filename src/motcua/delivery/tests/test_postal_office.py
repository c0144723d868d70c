"""The office's postal pages: the agency's orders with status and zone, the report by status
and zone as HTML, CSV and XLSX, who sees them, and cancelling an untaken order."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from motcua.agencies.models import Commune
from motcua.delivery import services
from motcua.delivery.choices import OrderStatus, PostalOption, Zone
from motcua.delivery.models import PostalOrder
from motcua.delivery.tests.helpers import guest_draft, load_postal_reference, open_to_post
from motcua.dossiers import services as dossier_services
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _orders(world, communes):
    """One submitted dossier per commune, each with a collection order written (pending)."""
    load_postal_reference(world)
    open_to_post(world.procedure)
    orders = []
    for code in communes:
        draft, proof = guest_draft(world)
        services.choose_postal_service(
            draft,
            actor=None,
            proof=proof,
            option=PostalOption.COLLECT,
            recipient_name="Trần Thị Bích Ngọc",
            phone="0912345678",
            address="12 phố Hàng Bạc",
            commune=Commune.objects.get(code=code),
            weight_grams=250,
        )
        dossier = dossier_services.submit_dossier(draft, actor=None, proof=proof).dossier
        orders.append(services.open_order(dossier, "collection"))
    return orders


def test_the_agencys_orders_are_listed_with_status_and_zone(client, world):
    urban, rural = _orders(world, ["00070", "10441"])
    services.order_registered(rural, operator_order_id="VN00000042")
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:postal_orders")).content.decode()
    assert urban.reference in page and rural.reference in page
    assert "Phường nội thành" in page and "Nông thôn" in page and "VN00000042" in page
    only_rural = client.get(reverse("office:postal_orders"), {"vung": "rural"}).content.decode()
    assert rural.reference in only_rural and urban.reference not in only_rural
    dossier_page = client.get(reverse("office:dossier", args=[rural.dossier.code])).content
    assert rural.reference in dossier_page.decode() and "Gửi hồ sơ qua bưu chính" in (
        dossier_page.decode()
    )


def test_an_official_of_another_agency_sees_none_of_them(client, world):
    (order,) = _orders(world, ["00070"])
    sign_in_official(client, world.outsider)
    page = client.get(reverse("office:postal_orders")).content.decode()
    assert order.reference not in page


def test_the_report_counts_by_status_and_zone_in_html_csv_and_xlsx(client, world):
    first, second, third = _orders(world, ["00070", "00070", "09700"])
    services.order_registered(second, operator_order_id="VN1")
    sign_in_official(client, world.receptionist)
    html = client.get(reverse("office:postal_report")).content.decode()
    assert "Miền núi" in html
    response = client.get(reverse("office:postal_report"), {"dinh_dang": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    zones = rows[0][1:-1]
    assert zones == [str(zone.label) for zone in Zone]
    by_status = {row[0]: [int(n) for n in row[1:]] for row in rows[1:]}
    urban, mountainous = zones.index("Phường nội thành"), zones.index("Miền núi")
    pending = by_status[str(OrderStatus.PENDING.label)]
    assert pending[urban] == 1 and pending[mountainous] == 1 and pending[-1] == 2
    assert by_status[str(OrderStatus.REGISTERED.label)][urban] == 1
    assert by_status["Tổng"][-1] == 3
    book = client.get(reverse("office:postal_report"), {"dinh_dang": "xlsx"})
    assert book["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(book.content)) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert "Miền núi" in strings and str(OrderStatus.PENDING.label) in strings


def test_reception_cancels_an_untaken_order_with_a_reason(client, world):
    (order,) = _orders(world, ["00070"])
    sign_in_official(client, world.specialist)
    client.post(reverse("office:postal_cancel", args=[order.pk]), {"reason": "Sai địa chỉ"})
    assert PostalOrder.objects.get(pk=order.pk).status == OrderStatus.PENDING
    sign_in_official(client, world.receptionist)
    client.post(reverse("office:postal_cancel", args=[order.pk]), {"reason": ""})
    assert PostalOrder.objects.get(pk=order.pk).status == OrderStatus.PENDING
    client.post(reverse("office:postal_cancel", args=[order.pk]), {"reason": "Sai địa chỉ"})
    cancelled = PostalOrder.objects.get(pk=order.pk)
    assert (
        cancelled.status == OrderStatus.CANCELLED and cancelled.cancelled_by == world.receptionist
    )
