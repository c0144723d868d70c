import pytest
from django.core.exceptions import ValidationError

from motcua.accounts.choices import AccountKind
from motcua.accounts.tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "personal_id", ["12345678901", "1234567890123", "12345678901a", "abcdefghijkl"]
)
def test_personal_id_must_be_twelve_digits(personal_id):
    user = UserFactory.build(personal_id=personal_id)
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    # Too long is caught by the length check first; every message names the 12 it expects.
    messages = caught.value.message_dict["personal_id"]
    assert messages and all("12" in message for message in messages)


@pytest.mark.django_db
def test_a_twelve_digit_personal_id_is_accepted():
    user = UserFactory.build(personal_id="001090012345")
    user.full_clean()


@pytest.mark.django_db
def test_an_organisation_needs_a_tax_code():
    user = UserFactory.build(kind=AccountKind.ORGANISATION, tax_code="")
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    assert "tax_code" in caught.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tax_code,ok", [("0101234567", True), ("0101234567-001", True), ("01012345", False)]
)
def test_tax_code_shape(tax_code, ok):
    user = UserFactory.build(kind=AccountKind.ORGANISATION, tax_code=tax_code)
    if ok:
        user.full_clean()
    else:
        with pytest.raises(ValidationError):
            user.full_clean()


@pytest.mark.django_db
def test_empty_identifiers_are_stored_as_null_so_they_never_collide():
    first = UserFactory.build(personal_id="", identity_subject="")
    first.full_clean()
    first.save()
    second = UserFactory.build(personal_id="", identity_subject="")
    second.full_clean()
    second.save()
    assert first.personal_id is None and second.personal_id is None
