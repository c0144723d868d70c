"""Nothing is asked twice: the declaration's declarant prefills the applicant, the e-mail is
one field, every required input says so, and the error summary has one line per field, in the
order of the page."""

import re

import pytest
from django.urls import reverse

from motcua.portal.tests.submission_fixtures import start_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

DECLARATION = {
    "type": "object",
    "title": "Tờ khai đăng ký khai sinh",
    "properties": {
        "ho_ten": {"type": "string", "title": "Họ, chữ đệm và tên người yêu cầu", "maxLength": 100},
        "so_dinh_danh": {
            "type": "string",
            "title": "Số định danh cá nhân",
            "pattern": r"^\d{12}$",
        },
        "dien_thoai": {"type": "string", "title": "Số điện thoại", "x-widget": "phone"},
        "email": {"type": "string", "title": "Thư điện tử", "format": "email", "maxLength": 254},
        "dia_chi": {"type": "string", "title": "Số nhà, đường phố", "maxLength": 200},
        "ho_ten_tre": {"type": "string", "title": "Họ, chữ đệm và tên của trẻ", "maxLength": 100},
    },
    "required": ["ho_ten", "so_dinh_danh", "ho_ten_tre"],
    "additionalProperties": False,
}


@pytest.fixture
def declared(online):
    online.procedure.eform_schema = DECLARATION
    online.procedure.save()
    return online


def form_url(dossier):
    return reverse("portal:draft_form", args=[dossier.pk])


def test_the_declarant_fills_the_applicant_and_the_email_is_asked_once(client, declared):
    dossier = start_draft(client, declared)
    page = client.get(form_url(dossier)).content.decode()
    assert page.count('type="email"') == 1 and 'name="nn.email"' not in page
    # A guest must give an e-mail: the declaration's field says so.
    email_label = re.search(r'<label for="tk-email">(.*?)</label>', page, re.S).group(1)
    assert "bắt buộc" in email_label

    response = client.post(
        form_url(dossier),
        {
            "tk.ho_ten": "Trần Thị Bích Ngọc",
            "tk.so_dinh_danh": "001190012345",
            "tk.dien_thoai": "0912345678",
            "tk.email": "ngoc@example.vn",
            "tk.dia_chi": "12 phố Hàng Bạc",
            "tk.ho_ten_tre": "Nguyễn Minh An",
            "nn.kind": "citizen",
            "action": "save",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.applicant_name == "Trần Thị Bích Ngọc"
    assert dossier.applicant_personal_id == "001190012345"
    assert dossier.applicant_email == "ngoc@example.vn"
    assert dossier.applicant_address == "12 phố Hàng Bạc"
    page = client.get(form_url(dossier)).content.decode()
    assert 'id="nn-name" name="nn.name" value="Trần Thị Bích Ngọc"' in page


def test_every_required_input_is_labelled_required(client, declared):
    dossier = start_draft(client, declared)
    page = client.get(form_url(dossier)).content.decode()
    for required in re.findall(r'<fieldset id="([^"]+)" class="choices"', page):
        legend = page[page.index(f'<fieldset id="{required}"') :].split("</legend>")[0]
        assert "bắt buộc" in legend, required
    for input_id in re.findall(r'id="([^"]+)"[^>]*aria-required="true"', page):
        label = re.search(rf'<label for="{input_id}">(.*?)</label>', page, re.S)
        assert label and "bắt buộc" in label.group(1), input_id


def test_the_error_summary_has_one_line_per_field_in_page_order(client, declared):
    dossier = start_draft(client, declared)
    response = client.post(
        form_url(dossier),
        {"tk.so_dinh_danh": "12", "tk.email": "khong-phai-email", "action": "next"},
    )
    problems = response.context["problems"]
    anchors = [problem["url"].rsplit("#", 1)[-1] for problem in problems]
    assert len(anchors) == len(set(anchors)), anchors
    order = [
        "tk-ho_ten", "tk-so_dinh_danh", "tk-dien_thoai", "tk-email", "tk-dia_chi",
        "tk-ho_ten_tre", "nn-kind", "nn-name", "nn-personal_id", "nn-address",
        "nn-commune_code", "nn-phone", "nhan-ket-qua",
    ]  # fmt: skip
    positions = [order.index(anchor) for anchor in anchors if anchor in order]
    assert positions == sorted(positions) and "tk-email" in anchors and "tk-ho_ten" in anchors
