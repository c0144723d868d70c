"""Refusals a dossier service can give, each with a message a person understands."""

from __future__ import annotations


class DossierError(Exception):
    """An action refused: the status does not allow it, a field is wrong, a rule says no."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        # field -> [messages], for forms and the API's field-level answer
        self.errors = errors or ({field: [message]} if field else {})


class TransitionRefused(DossierError):
    status = 409


class StaleVersion(DossierError):
    status = 409


class NotAllowed(DossierError):
    """The actor may see the dossier but not do this to it."""

    status = 403


class NotFound(DossierError):
    """The dossier does not exist or the actor may not see it (the two look the same)."""

    status = 404
