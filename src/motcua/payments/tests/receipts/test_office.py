"""The office's receipts: listed for the officials of the collecting agency only, searched by
number, payer or dossier code with or without diacritics, exported as CSV and XLSX, every
read of payers recorded; cancelled and replaced from the receipt's page, staying listed as
cancelled."""

import csv
import io

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.events.models import PersonalDataAccess
from motcua.payments.models import Receipt
from motcua.payments.tests.receipts.fixtures import paid_dossier
from motcua.payments.tests.receipts.xlsx import read_rows
from motcua.testing import sign_in_official


@pytest.fixture
def three(desk):
    """Three paid dossiers of the centre: receipts 1, 2 and 3."""
    return [
        paid_dossier(desk, name="Trần Thị Bích Ngọc"),
        paid_dossier(desk, name="Lê Văn Đức", personal_id="001085000111"),
        paid_dossier(desk, name="Phạm Quốc Anh", personal_id="001072000222"),
    ]


def _numbers(response) -> list[str]:
    return [receipt.number_text for receipt in response.context["receipts"]]


def test_reception_lists_the_agencys_receipts_newest_first(client, desk, three):
    sign_in_official(client, desk.cashier)
    response = client.get(reverse("office:receipts"))
    assert response.status_code == 200
    assert _numbers(response) == ["0000003", "0000002", "0000001"]
    assert "Lê Văn Đức" in response.content.decode()
    reads = PersonalDataAccess.objects.filter(user=desk.cashier, context="office:receipts")
    assert {read.dossier_id for read in reads} == {dossier.pk for dossier, *_ in three}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("le van duc", ["0000002"]),
        ("LÊ VĂN", ["0000002"]),
        ("0000003", ["0000003"]),
        ("3", ["0000003"]),
        ("001072000222", ["0000003"]),
    ],
)
def test_search_by_number_payer_or_id_without_diacritics(client, desk, three, query, expected):
    sign_in_official(client, desk.cashier)
    response = client.get(reverse("office:receipts"), {"q": query})
    assert _numbers(response) == expected
    assert PersonalDataAccess.objects.filter(
        user=desk.cashier, context="office:receipts", query=query
    ).exists()


def test_search_by_dossier_code(client, desk, three):
    sign_in_official(client, desk.cashier)
    dossier = three[0][0]
    response = client.get(reverse("office:receipts"), {"q": dossier.code.lower()})
    assert _numbers(response) == ["0000001"]


def test_officials_of_other_agencies_see_none_and_citizens_are_refused(client, desk, three):
    sign_in_official(client, desk.world.outsider)
    response = client.get(reverse("office:receipts"))
    assert _numbers(response) == []
    pk = three[0][2].pk
    assert client.get(reverse("office:receipt", args=[pk])).status_code == 404
    assert client.get(reverse("office:receipt_pdf", args=[pk])).status_code == 404
    client.logout()
    client.force_login(UserFactory())  # a citizen's account
    assert client.get(reverse("office:receipts")).status_code == 403


def test_csv_export_with_the_figures_and_words(client, desk, three):
    sign_in_official(client, desk.cashier)
    response = client.get(reverse("office:receipts"), {"xuat": "csv", "q": "duc"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Mẫu số", "Ký hiệu", "Số"]
    assert len(rows) == 2
    assert rows[1][2] == "0000002" and rows[1][6] == "Lê Văn Đức"
    assert rows[1][9] == "105000" and rows[1][10] == "Một trăm linh năm nghìn đồng"
    assert PersonalDataAccess.objects.filter(context="office:receipts-export-csv").count() == 1


def test_xlsx_export(client, desk, three):
    sign_in_official(client, desk.cashier)
    response = client.get(reverse("office:receipts"), {"xuat": "xlsx"})
    assert response.status_code == 200
    rows = read_rows(response.content)
    assert rows[0] == ["Biên lai điện tử"]
    header, *receipts = rows[1:]
    assert header[2] == "Số" and len(receipts) == 3
    assert [row[2] for row in receipts] == ["0000003", "0000002", "0000001"]
    assert sum(row[9] for row in receipts) == 315_000


def test_a_payer_named_like_a_formula_stays_text_in_the_csv(client, desk):
    paid_dossier(desk, name="=HYPERLINK(1)")
    sign_in_official(client, desk.cashier)
    text = client.get(reverse("office:receipts"), {"xuat": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_cancel_from_the_page_keeps_the_receipt_listed_as_cancelled(client, desk, three):
    receipt = three[0][2]
    sign_in_official(client, desk.cashier)
    page = client.get(reverse("office:receipt", args=[receipt.pk]))
    assert "Huỷ biên lai" in page.content.decode()
    url = reverse("office:receipt_correct", args=[receipt.pk, "huy"])
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 400
    assert "Hãy ghi lý do huỷ biên lai." in refused.content.decode()
    response = client.post(url, {"reason": "Thu nhầm"})
    assert response.status_code == 302
    listed = client.get(reverse("office:receipts"), {"trang-thai": "cancelled"})
    assert _numbers(listed) == ["0000001"]
    assert "Đã huỷ" in listed.content.decode()
    page = client.get(reverse("office:receipt", args=[receipt.pk])).content.decode()
    assert "Thu nhầm" in page and "Lý do huỷ" not in page
    assert "Lập biên lai thay thế" in page  # a cancelled receipt may still be replaced
    pdf = client.get(reverse("office:receipt_pdf", args=[receipt.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_replace_from_the_page(client, desk, three):
    receipt = three[0][2]
    sign_in_official(client, desk.cashier)
    url = reverse("office:receipt_correct", args=[receipt.pk, "thay-the"])
    refused = client.post(url, {"reason": "Sai tên", "payer_name": ""})
    assert refused.status_code == 400
    assert "Hãy nhập tên người nộp tiền." in refused.content.decode()
    response = client.post(
        url, {"reason": "Sai tên", "payer_name": "Trần Thị Bích Ngọc", "payer_address": "Số 5"}
    )
    new = Receipt.objects.get(replaces=receipt)
    assert response.status_code == 302 and response["Location"].endswith(f"/{new.pk}/")
    assert new.number_text == "0000004" and new.payer_address == "Số 5"
    assert _numbers(client.get(reverse("office:receipts"), {"trang-thai": "replaced"})) == [
        "0000001"
    ]
    assert (
        client.post(
            reverse("office:receipt_correct", args=[receipt.pk, "sua"]), {"reason": "x"}
        ).status_code
        == 404
    )


def test_a_result_returner_reads_but_may_not_cancel(client, desk, three):
    receipt = three[0][2]
    sign_in_official(client, desk.world.returner)
    page = client.get(reverse("office:receipt", args=[receipt.pk]))
    assert page.status_code == 200 and "Lập biên lai thay thế" not in page.content.decode()
    response = client.post(
        reverse("office:receipt_correct", args=[receipt.pk, "huy"]), {"reason": "Sai"}
    )
    assert response.status_code == 403
    assert not Receipt.objects.get(pk=receipt.pk).is_cancelled
