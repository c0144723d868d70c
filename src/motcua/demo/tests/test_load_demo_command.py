import pytest
from django.core.management import CommandError, call_command

from motcua.agencies.models import Agency
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.models import Procedure

pytestmark = pytest.mark.django_db


def test_load_demo_refuses_a_database_that_already_has_agencies():
    AgencyFactory()
    with pytest.raises(CommandError, match="đã có cơ quan"):
        call_command("load_demo")
    assert Agency.objects.count() == 1
    assert not Procedure.objects.exists()
