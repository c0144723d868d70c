"""The home page: a search box, the fields with their counts, the online share."""

import pytest
from django.urls import reverse

from motcua.catalog.choices import OnlineClass
from motcua.catalog.tests.factories import FieldFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def test_home_has_a_labelled_search_box_that_goes_to_the_search_page(client, db):
    html = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="vi">' in html
    assert html.count("<h1") == 1
    assert f'action="{reverse("portal:procedure_list")}"' in html
    assert '<label for="home-q">' in html and 'id="home-q" name="q"' in html


def test_home_lists_fields_with_their_public_procedure_counts(client, db):
    civil = FieldFactory(code="HT", name="Hộ tịch")
    land = FieldFactory(code="DD", name="Đất đai")
    FieldFactory(code="RONG", name="Lĩnh vực chưa có thủ tục")
    ProcedureFactory.create_batch(3, field=civil)
    ProcedureFactory(field=land)
    ProcedureFactory(field=land, draft=True)
    html = client.get(reverse("portal:home")).content.decode()
    assert 'Hộ tịch</span>\n          <span class="field-count">3 thủ tục' in html
    assert 'Đất đai</span>\n          <span class="field-count">1 thủ tục' in html
    assert "Lĩnh vực chưa có thủ tục" not in html
    assert f"{reverse('portal:procedure_list')}?field=HT" in html


def test_home_computes_the_online_share_from_public_procedures(client, db):
    ProcedureFactory.create_batch(3, service_level=4, online_class=OnlineClass.FULL)
    ProcedureFactory(service_level=3, online_class=OnlineClass.PARTIAL)
    ProcedureFactory.create_batch(4, offline=True)
    ProcedureFactory(draft=True, service_level=4)
    html = client.get(reverse("portal:home")).content.decode()
    assert "50%</strong>" in html
    assert "mức độ 3, 4 (4/8)" in html
    assert "toàn trình (3/8)" in html


def test_home_with_no_procedures_says_so(client, db):
    html = client.get(reverse("portal:home")).content.decode()
    assert "Chưa có thủ tục hành chính nào được công khai." in html


def test_home_runs_two_queries_however_many_procedures(client, django_assert_num_queries, db):
    for code in ["A", "B", "C"]:
        ProcedureFactory.create_batch(4, field=FieldFactory(code=code))
    # The fields with their counts, and the online figures in one aggregate.
    with django_assert_num_queries(2):
        assert client.get(reverse("portal:home")).status_code == 200


def test_the_language_switch_is_a_button_that_changes_nothing_on_its_own(client, db):
    """WCAG 3.2.2: a form control does not submit when changed; the switch is a button."""
    html = client.get("/").content.decode()
    form = html[
        html.index('class="lang-switch"') : html.index("</form>", html.index('class="lang-switch"'))
    ]
    assert "<select" not in form
    assert 'type="submit" name="language" value="en" lang="en">English</button>' in form
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert switched.status_code == 302
    html = client.get("/").content.decode()
    assert 'value="vi" lang="vi">Tiếng Việt</button>' in html
