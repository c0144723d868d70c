"""Dossiers over HTTP: submission with an Idempotency-Key, scoped reads, one POST per action,
and the public lookup.

Every endpoint calls the same service functions as the screens; this package only parses,
authorises (scope of the key; the services check roles on agencies), and renders:

- `common`: the router of `/dossiers`, its error statuses, refusals and codes translated;
- `rendering`: a dossier as the API shows it;
- `submission`: `POST /dossiers` and its Idempotency-Key;
- `reads`: the list, one dossier, one file;
- `actions`: one `POST /dossiers/{code}/<action>` per action;
- `lookup`: `/lookup`, its own router (public, rate-limited).

`motcua.api.main` mounts `router` on `/dossiers` and `lookup_router` on `/lookup`.
"""

from motcua.api import dossier_schemas
from motcua.api.dossiers.common import router
from motcua.api.dossiers.lookup import lookup_router

# Importing a module registers its endpoints on `router`, in the order the OpenAPI lists them.
# isort: off
from motcua.api.dossiers import submission  # noqa: F401
from motcua.api.dossiers import reads  # noqa: F401
from motcua.api.dossiers import actions  # noqa: F401

# isort: on

# The submission's body is parsed by the view (JSON or multipart), so its schema is added to the
# OpenAPI components by hand.
extra_components = [dossier_schemas.DossierIn]

__all__ = ["extra_components", "lookup_router", "router"]
