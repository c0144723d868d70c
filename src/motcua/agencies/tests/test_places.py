import pytest

from motcua.agencies.models import Commune, Province


@pytest.mark.django_db
def test_reference_places_are_loaded_by_migration():
    assert Province.objects.count() == 34
    assert Commune.objects.count() == 3321
    assert Commune.objects.filter(province_id="01").count() == 126
    hoan_kiem = Commune.objects.get(code="00070")
    assert hoan_kiem.name == "Phường Hoàn Kiếm"
    assert hoan_kiem.kind == "ward"
    assert hoan_kiem.search_text == "phuong hoan kiem"
