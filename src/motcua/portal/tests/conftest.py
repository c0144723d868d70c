import pytest

from motcua.catalog.tests.factories import FieldFactory, complete_procedure


@pytest.fixture
def building_permit(db):
    construction = FieldFactory(code="XD", name="Hoạt động xây dựng")
    return complete_procedure(
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", field=construction
    )


@pytest.fixture
def birth_registration(db):
    civil = FieldFactory(code="HT", name="Hộ tịch")
    return complete_procedure(name="Đăng ký khai sinh", field=civil, service_level=3)
