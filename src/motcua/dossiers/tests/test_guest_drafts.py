"""A guest (no account) prepares a draft online: who may edit and submit it, what a submission
without an account needs, and the dry run of submission's checks that screens show."""

from __future__ import annotations

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.dossiers import codes, services
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import DossierStatus, ReturnChannel
from motcua.dossiers.errors import DossierError, NotAllowed
from motcua.dossiers.policies import ApplicantProof
from motcua.dossiers.tests.fixtures import pdf, vn


def held(draft) -> ApplicantProof:
    """What the guest session that created `draft` shows."""
    return ApplicantProof(drafts=frozenset({draft.pk}))


def knowing(secret: str) -> ApplicantProof:
    """What a visitor who gave the lookup secret shows."""
    return ApplicantProof(secret_hash=codes.hash_lookup_secret(secret))


def guest_draft(world, **applicant):
    values = {"kind": "citizen", "name": ""}
    values.update(applicant)
    return services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=Applicant(**values),
        receiving_agency=world.centre,
        submit=False,
        now=vn(2026, 3, 2, 8),
    ).dossier


def test_a_guest_draft_is_saved_only_by_a_verified_holder(world):
    world.procedure.via_post = (
        True  # the result by post is offered (Procedure.offers_postal_service)
    )
    world.procedure.save(update_fields=["via_post"])
    draft = guest_draft(world)
    with pytest.raises(NotAllowed):
        services.update_draft(draft, actor=None, form_data={"dien_tich": "80"})
    other = guest_draft(world)
    with pytest.raises(NotAllowed):  # another draft's session
        services.update_draft(draft, actor=None, proof=held(other), form_data={})
    services.update_draft(
        draft,
        actor=None,
        proof=held(draft),
        applicant=world.applicant(),
        form_data={"dien_tich": "80"},
        requested_return_channel=ReturnChannel.POST,
        now=vn(2026, 3, 2, 8, 5),
    )
    draft.refresh_from_db()
    assert draft.form_data == {"dien_tich": "80"}
    assert draft.applicant_name == "Trần Thị Bích Ngọc"
    assert draft.requested_return_channel == ReturnChannel.POST


def test_a_guest_cannot_take_over_a_signed_in_citizens_draft(world):
    citizen = UserFactory()
    draft = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        owner=citizen,
        actor=citizen,
        submit=False,
    ).dossier
    with pytest.raises(NotAllowed):
        services.update_draft(draft, actor=None, proof=held(draft), form_data={})
    with pytest.raises(NotAllowed):
        services.submit_dossier(draft, actor=UserFactory(), proof=held(draft))
    services.update_draft(draft, actor=citizen, form_data={"dien_tich": "9"})


def test_an_unknown_return_channel_is_a_field_error(world):
    draft = guest_draft(world)
    with pytest.raises(DossierError) as caught:
        services.update_draft(
            draft, actor=None, proof=held(draft), requested_return_channel="pigeon"
        )
    assert caught.value.field == "requested_return_channel"


def test_check_draft_lists_what_submission_would_refuse_and_changes_nothing(world):
    draft = guest_draft(world)
    version = draft.version
    problems = services.check_draft(draft)
    assert {"name", "personal_id", "email", "form_data.dien_tich", "documents.DON"} <= set(problems)
    draft.refresh_from_db()
    assert draft.version == version and draft.status == DossierStatus.DRAFT


def test_a_guest_submission_needs_an_email_even_with_a_phone(world):
    draft = guest_draft(world)
    draft = services.update_draft(
        draft,
        actor=None,
        proof=held(draft),
        applicant=world.applicant(email=""),
        form_data={"dien_tich": "80"},
        uploads=[services.Upload("DON", pdf()), services.Upload("GCN", pdf())],
    )
    assert list(services.check_draft(draft)) == ["email"]
    with pytest.raises(DossierError) as caught:
        services.submit_dossier(draft, proof=held(draft))
    assert list(caught.value.errors) == ["email"]


def test_a_verified_guest_submits_their_draft_and_gets_the_secret(world):
    draft = guest_draft(world)
    draft = services.update_draft(
        draft,
        actor=None,
        proof=held(draft),
        applicant=world.applicant(),
        form_data={"dien_tich": "80"},
        uploads=[services.Upload("DON", pdf()), services.Upload("GCN", pdf())],
    )
    assert services.check_draft(draft) == {}
    with pytest.raises(NotAllowed):
        services.submit_dossier(draft)
    submission = services.submit_dossier(draft, proof=held(draft), now=vn(2026, 3, 2, 9))
    assert submission.dossier.status == DossierStatus.SUBMITTED
    assert submission.lookup_secret and submission.dossier.code
    # Submitted, the draft's session no longer proves anything: the lookup secret does.
    dossier = submission.dossier
    with pytest.raises(NotAllowed):
        services.withdraw_dossier(dossier, reason="Nộp nhầm", proof=held(dossier))
    with pytest.raises(NotAllowed):
        services.withdraw_dossier(dossier, reason="Nộp nhầm", proof=knowing("SAI-MA-TRA-CUU"))
    services.withdraw_dossier(dossier, reason="Nộp nhầm", proof=knowing(submission.lookup_secret))
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN


def test_withdrawing_needs_a_reason(world):
    draft = guest_draft(world)
    with pytest.raises(DossierError) as caught:
        services.withdraw_dossier(draft, reason="  ", proof=held(draft))
    assert caught.value.field == "reason"


def test_an_anonymous_visitor_is_not_the_owner_of_a_guests_dossier(world):
    from django.contrib.auth.models import AnonymousUser

    from motcua.dossiers.choices import PauseReason

    draft = guest_draft(world)
    draft = services.update_draft(
        draft,
        actor=None,
        proof=held(draft),
        applicant=world.applicant(),
        form_data={"dien_tich": "80"},
        uploads=[services.Upload("DON", pdf()), services.Upload("GCN", pdf())],
    )
    submission = services.submit_dossier(draft, proof=held(draft))
    dossier = submission.dossier
    services.receive_dossier(dossier, actor=world.receptionist)
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    services.pause_dossier(
        dossier, actor=world.specialist, reason=PauseReason.SUPPLEMENT, note="Thiếu", items=["X"]
    )
    with pytest.raises(NotAllowed):
        services.provide_supplement(dossier, files=[pdf()], actor=AnonymousUser())
    with pytest.raises(NotAllowed):  # an outsider official is not the applicant
        services.provide_supplement(dossier, files=[pdf()], actor=world.outsider)
    services.provide_supplement(
        dossier, files=[pdf()], actor=None, proof=knowing(submission.lookup_secret)
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
