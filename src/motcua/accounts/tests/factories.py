import factory

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    kind = AccountKind.CITIZEN
    password = factory.django.Password("mat-khau-thu-nghiem")

    class Params:
        official = factory.Trait(kind=AccountKind.OFFICIAL, is_staff=True)
        citizen_with_id = factory.Trait(
            personal_id=factory.Sequence(lambda n: f"{1000000000 + n:012d}")
        )
