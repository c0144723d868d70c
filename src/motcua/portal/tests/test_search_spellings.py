"""Search as people type: the i/y spelling of a final vowel ("kí", "ký"), and the phrases
catalog administrators list as synonyms ("làm giấy khai sinh")."""

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.catalog.models import SearchSynonym
from motcua.catalog.selectors import expand_query, search_procedures
from motcua.catalog.tests.factories import ProcedureFactory
from motcua.lib.text import spelling_fold, spelling_variants
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def civil_status():
    birth = ProcedureFactory(name="Đăng ký khai sinh")
    ProcedureFactory(name="Đăng ký kết hôn")
    ProcedureFactory(name="Cấp Phiếu lý lịch tư pháp")
    ProcedureFactory(name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ")
    SearchSynonym.objects.create(phrase="làm giấy khai sinh", meaning="đăng ký khai sinh")
    SearchSynonym.objects.create(phrase="giấy khai sinh", meaning="khai sinh")
    SearchSynonym.objects.create(phrase="Xây nhà", meaning="xây dựng nhà ở riêng lẻ")
    return birth


def names(queryset):
    return [procedure.name for procedure in queryset]


def test_final_i_and_y_are_one_spelling_where_they_may_be_either():
    assert spelling_fold("Đăng kí") == spelling_fold("đăng ký") == "dang ki"
    assert spelling_fold("Quý, lí lịch") == "qui, li lich"
    # y alone and y after a vowel are another vowel: kept.
    assert spelling_fold("y tế thủy lợi xây") == "y te thuy loi xay"
    assert spelling_variants("ky") == spelling_variants("ki") == ["ki", "ky"]
    assert spelling_variants("kinh") == ["kinh"]
    assert spelling_variants("thuy") == ["thuy"]


@pytest.mark.parametrize(
    "query",
    [
        "đăng kí khai sinh",
        "dang ki khai sinh",
        "ĐĂNG KÝ KHAI SINH",
        "làm giấy khai sinh",
        "lam giay khai sinh",
        "giấy khai sinh",
    ],
)
def test_the_birth_registration_is_found_as_people_ask_for_it(civil_status, query):
    assert names(search_procedures(query))[:1] == ["Đăng ký khai sinh"]


def test_li_lich_finds_ly_lich_and_a_synonym_finds_the_catalogs_words(civil_status):
    assert names(search_procedures("phiếu lí lịch")) == ["Cấp Phiếu lý lịch tư pháp"]
    assert names(search_procedures("xin phép xây nhà")) == []  # "xin phép" is in no name
    assert names(search_procedures("giấy phép xây nhà")) == [
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    ]


def test_a_meaning_is_not_replaced_again(civil_status):
    # "làm giấy khai sinh" is replaced whole; the shorter "giấy khai sinh" does not then
    # rewrite what it became.
    assert expand_query("Làm giấy khai sinh") == "dang ki khai sinh"


def test_the_portal_search_page_finds_dang_ki_khai_sinh(client, civil_status):
    page = client.get(reverse("portal:procedure_list"), {"q": "dang ki khai sinh"})
    assert page.status_code == 200
    assert "Đăng ký khai sinh" in page.content.decode()
    assert "Đăng ký kết hôn" not in page.content.decode()


def test_administrators_edit_synonyms_in_the_admin(client):
    sign_in_official(client, UserFactory(is_staff=True, is_superuser=True))
    admin_client = client
    response = admin_client.post(
        reverse("admin:catalog_searchsynonym_add"),
        {"phrase": "sổ đỏ", "meaning": "giấy chứng nhận quyền sử dụng đất"},
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.get(phrase="sổ đỏ").meaning.startswith("giấy chứng nhận")
    same = admin_client.post(
        reverse("admin:catalog_searchsynonym_add"), {"phrase": "Đăng kí", "meaning": "đăng ký"}
    )
    assert same.status_code == 200 and not SearchSynonym.objects.filter(phrase="Đăng kí").exists()
