import pytest
from django.core.cache import cache

from motcua.catalog.tests.factories import FieldFactory, complete_procedure
from motcua.portal.tests.submission_fixtures import open_online


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


@pytest.fixture
def online(world):
    """A procedure open for online submission, with an e-form using every widget."""
    return open_online(world)


@pytest.fixture
def fresh_rate_limits(pinned_rate_windows):
    """Rate-limit counters live in the cache, which outlives a test: start each at zero (in
    windows that no boundary cuts: `pinned_rate_windows`)."""
    cache.clear()
    yield
    cache.clear()
