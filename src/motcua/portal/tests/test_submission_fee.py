"""The fee is told before submission (on the form), on the review and on the receipt."""

import pytest
from django.urls import reverse

from motcua.catalog.choices import FeeKind
from motcua.catalog.tests.factories import FeeFactory
from motcua.portal.tests.submission_fixtures import (
    fill_form,
    review_token,
    start_draft,
    submit,
    upload_documents,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def test_the_fee_is_shown_on_the_form_the_review_and_the_receipt(client, online):
    FeeFactory(procedure=online.procedure, name="Lệ phí cấp giấy phép", amount=75000)
    FeeFactory(procedure=online.procedure, name="Phí sao", kind=FeeKind.PER_COPY, amount=8000)
    expected = ["Lệ phí cấp giấy phép: 75.000 đồng", "Phí sao: 8.000 đồng mỗi bản"]
    dossier = start_draft(client, online)

    form = client.get(reverse("portal:draft_form", args=[dossier.pk])).content.decode()
    assert all(line in form for line in expected)

    assert fill_form(client, dossier).status_code == 302
    assert upload_documents(client, dossier).status_code == 302
    review = client.get(reverse("portal:draft_review", args=[dossier.pk])).content.decode()
    assert all(line in review for line in expected)

    done = submit(client, dossier, review_token(client, dossier))
    submitted = client.get(done["Location"]).content.decode()
    receipt = client.get(reverse("portal:acknowledgement", args=[dossier.pk])).content.decode()
    for page in (submitted, receipt):
        assert all(line in page for line in expected)


def test_a_procedure_without_fees_says_so(client, online):
    online.procedure.fees.all().delete()
    dossier = start_draft(client, online)
    form = client.get(reverse("portal:draft_form", args=[dossier.pk])).content.decode()
    assert "Không thu phí, lệ phí" in form
