"""The national portal integration's tables. The inbound side's live in inbound_models.py."""

from motcua.integrations.national_portal.inbound_models import (  # noqa: F401
    InboundDossier,
    PollCursor,
)
