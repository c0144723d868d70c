"""The national portal app's models: the outbound side's (mappings, what was sent) and the
inbound side's."""

from motcua.integrations.national_portal.inbound_models import (  # noqa: F401
    InboundDossier,
    PollCursor,
    PollRetry,
)
from motcua.integrations.national_portal.outbound_models import (  # noqa: F401
    ChannelMapping,
    PortalDossier,
    ProcedureMapping,
    StatusMapping,
)
