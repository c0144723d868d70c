import factory

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.models import Agency, RoleGrant


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(
        lambda n: f"{n // 10000 % 1000:03d}.{n // 100 % 100:02d}.{n % 100:02d}.H26"
    )
    code_is_official = False
    name = factory.Sequence(lambda n: f"Cơ quan thử nghiệm số {n}")
    short_name = factory.Sequence(lambda n: f"CQ{n}")
    kind = AgencyKind.DEPARTMENT
    receives_dossiers = True

    class Params:
        commune = factory.Trait(kind=AgencyKind.COMMUNE)


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory, official=True)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.RECEPTION
    includes_subtree = False
