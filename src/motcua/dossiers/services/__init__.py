"""Every state change of a dossier, one function per action (docs/domain.md, the life of a
dossier), and the few questions a face asks before offering one (queries.py).

Each runs in a transaction, locks the dossier, refuses a transition its status does not allow
(with a message saying why) and a stale `expected_version`, checks the actor's role on the
agency concerned, appends the audit event and writes the outbox event. Faces call these and
nothing else.
"""

from motcua.dossiers.services.decisions import ResultDocumentData, decide_dossier
from motcua.dossiers.services.drafts import (
    Submission,
    Upload,
    check_draft,
    create_dossier,
    expire_abandoned_drafts,
    submit_dossier,
    update_draft,
)
from motcua.dossiers.services.identity import (
    IdentityCheckData,
    latest_identity_check,
    record_identity_check,
)
from motcua.dossiers.services.lateness import apologise, sweep_due_warnings
from motcua.dossiers.services.pauses import (
    end_financial_pause,
    pause_dossier,
    provide_supplement,
    resume_dossier,
)
from motcua.dossiers.services.queries import (
    action_allowed,
    current_step,
    earlier_process_steps,
    next_process_step,
    process_steps,
)
from motcua.dossiers.services.reception import (
    ChecklistLine,
    receive_at_counter,
    receive_dossier,
    refuse_dossier,
    return_for_completion,
    withdraw_dossier,
)
from motcua.dossiers.services.results import return_result
from motcua.dossiers.services.reuse import reuse_national_document, reuse_own_file
from motcua.dossiers.services.secrets import reissue_lookup_secret
from motcua.dossiers.services.stops import stop_dossier
from motcua.dossiers.services.work import assign_step, forward_dossier, hand_over, return_to_step

__all__ = [
    "ChecklistLine",
    "IdentityCheckData",
    "reuse_national_document",
    "reuse_own_file",
    "latest_identity_check",
    "record_identity_check",
    "ResultDocumentData",
    "Submission",
    "Upload",
    "action_allowed",
    "apologise",
    "assign_step",
    "check_draft",
    "create_dossier",
    "current_step",
    "decide_dossier",
    "earlier_process_steps",
    "end_financial_pause",
    "expire_abandoned_drafts",
    "forward_dossier",
    "hand_over",
    "next_process_step",
    "pause_dossier",
    "process_steps",
    "provide_supplement",
    "receive_at_counter",
    "receive_dossier",
    "refuse_dossier",
    "reissue_lookup_secret",
    "resume_dossier",
    "return_for_completion",
    "return_result",
    "return_to_step",
    "stop_dossier",
    "submit_dossier",
    "sweep_due_warnings",
    "update_draft",
    "withdraw_dossier",
]
