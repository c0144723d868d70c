"""The lookup secret an applicant without an account tracks a dossier with."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers import codes
from motcua.dossiers.choices import Action
from motcua.dossiers.errors import TransitionRefused
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import can_reissue_secret, check
from motcua.dossiers.services.base import check_allowed, lock, now_or, record


def reissue_lookup_secret(dossier: Dossier, *, actor, now=None, expected_version=None) -> str:
    """Issue a new lookup secret to an applicant who lost theirs, at the counter of the agency
    that received the dossier, after checking who they are. The old secret stops working at
    once. Any dossier with a code qualifies, a closed one too: it can still be looked up. Only
    the secret's HMAC is saved; the audit event records that it was reissued, never the secret.
    Returns the new secret, for the official to hand over once."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_reissue_secret(actor, dossier))
        check_allowed(dossier, Action.REISSUE_SECRET)
        if not dossier.code:
            raise TransitionRefused(
                _("Hồ sơ chưa nộp nên chưa có mã hồ sơ và mã tra cứu."), field="status"
            )
        secret = codes.new_lookup_secret()
        dossier.lookup_secret_hash = codes.hash_lookup_secret(secret)
        record(
            dossier,
            actor=actor,
            action=Action.REISSUE_SECRET,
            from_status=dossier.status,
            now=now,
            changed=("lookup_secret_hash",),
        )
    return secret
