import pytest
from django.core.management import CommandError, call_command

from motcua.accounts.models import User
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


def test_load_demo_refuses_to_run_unless_the_demo_configuration_is_on(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="DEMO_MODE=1"):
        call_command("load_demo", "--dossiers", "0")
    assert not Agency.objects.exists()
    assert not User.objects.filter(is_superuser=True).exists()
