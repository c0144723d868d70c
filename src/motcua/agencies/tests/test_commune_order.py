"""Communes are listed in Vietnamese alphabetical order wherever no other order is asked for
(the admin's list, a choice of commune), on every database."""

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.lib.text import vi_sort_key
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def test_the_admin_lists_a_provinces_communes_in_vietnamese_order(client):
    sign_in_official(client, UserFactory(is_staff=True, is_superuser=True))
    response = client.get(
        reverse("admin:agencies_commune_changelist"), {"province__code__exact": "01"}
    )
    names = [commune.name for commune in response.context["cl"].result_list]
    assert len(names) == 100  # the first page of Hà Nội's 126
    # By code points "Phường Hoàng Mai" comes first ('o' is before 'à').
    assert names.index("Phường Hà Đông") < names.index("Phường Hoàng Mai")
    assert names == sorted(names, key=vi_sort_key)
