"""Rating a returned dossier: once, only after the return, only by its applicant; the figures."""

from __future__ import annotations

import pytest

from motcua.dossiers.errors import NotAllowed, TransitionRefused
from motcua.dossiers.policies import ApplicantProof
from motcua.dossiers.tests.fixtures import received, tracking, vn
from motcua.events.models import AuditEvent, OutboxEvent
from motcua.feedback import selectors, services
from motcua.feedback.choices import Overall
from motcua.feedback.models import Rating
from motcua.feedback.tests.conftest import advance_to_return, owned_dossier

pytestmark = pytest.mark.django_db

GOOD = services.RatingData(
    scores={"access": 5, "procedure": 4, "attitude": 5, "timeliness": 4, "result": 5},
    overall=Overall.VERY_SATISFIED,
    comment="Cán bộ hướng dẫn tận tình.",
)
POOR = services.RatingData(
    scores={"access": 2, "procedure": 2, "attitude": 1, "timeliness": 1, "result": 3},
    overall=Overall.UNSATISFIED,
    comment="Trễ hẹn, không được báo trước.",
)


def test_the_owner_rates_a_returned_dossier_once(world, citizen):
    dossier = owned_dossier(world, citizen)
    rating = services.rate_dossier(dossier, GOOD, actor=citizen, now=vn(2026, 3, 7, 9))
    assert rating.attitude == 5 and rating.overall == Overall.VERY_SATISFIED
    assert rating.agency_id == dossier.responsible_agency_id
    event = AuditEvent.objects.filter(dossier=dossier).order_by("-seq").first()
    assert event.action == "rating_given" and event.data["overall"] == "very_satisfied"
    assert OutboxEvent.objects.filter(type="feedback.rating_given", dossier=dossier).count() == 1
    with pytest.raises(TransitionRefused):
        services.rate_dossier(dossier, POOR, actor=citizen, now=vn(2026, 3, 8, 9))
    assert Rating.objects.filter(dossier=dossier).count() == 1


def test_not_before_the_result_is_returned(world, citizen):
    dossier = owned_dossier(world, citizen, returned=False)
    with pytest.raises(TransitionRefused):
        services.rate_dossier(dossier, GOOD, actor=citizen, now=vn(2026, 3, 5, 10))
    assert not Rating.objects.exists()


def test_only_by_its_applicant(world, citizen, other_citizen):
    dossier = owned_dossier(world, citizen)
    for stranger in (other_citizen, world.returner, None):
        with pytest.raises(NotAllowed):
            services.rate_dossier(dossier, GOOD, actor=stranger, now=vn(2026, 3, 7, 9))
    # A guest holding a wrong secret is a stranger too.
    with pytest.raises(NotAllowed):
        services.rate_dossier(dossier, GOOD, actor=None, proof=ApplicantProof(secret_hash="0" * 64))
    assert not Rating.objects.exists()


def test_a_guest_rates_with_the_lookup_secret(world):
    dossier = advance_to_return(world, received(world))
    rating = services.rate_dossier(
        dossier, POOR, actor=None, proof=tracking(dossier), now=vn(2026, 3, 7, 9)
    )
    assert rating.rated_by is None and rating.overall == Overall.UNSATISFIED


def test_bad_scores_are_refused_field_by_field(world, citizen):
    dossier = owned_dossier(world, citizen)
    bad = services.RatingData(scores={"access": 7, "attitude": "x"}, overall="meh")
    with pytest.raises(services.DossierError) as refused:
        services.rate_dossier(dossier, bad, actor=citizen, now=vn(2026, 3, 7, 9))
    assert {"access", "attitude", "procedure", "overall"} <= set(refused.value.errors)


def test_figures_count_ratings_and_the_poor_share(world, citizen):
    first = owned_dossier(world, citizen)
    second = advance_to_return(world, received(world))
    services.rate_dossier(first, GOOD, actor=citizen, now=vn(2026, 3, 7, 9))
    services.rate_dossier(second, POOR, actor=None, proof=tracking(second), now=vn(2026, 3, 9, 9))
    (row,) = selectors.rating_figures(start=vn(2026, 3, 1), end=vn(2026, 4, 1))
    assert (row.count, row.poor, row.poor_share) == (2, 1, 0.5)
    assert row.agency_id == world.department.pk and row.procedure_id == world.procedure.pk
    assert row.averages["attitude"] == 3
    assert selectors.rating_figures(start=vn(2026, 4, 1), end=vn(2026, 5, 1)) == []
