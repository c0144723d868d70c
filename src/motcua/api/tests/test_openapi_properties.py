"""Property-based run of our own OpenAPI document against the API, in process.

Schemathesis reads /api/v1/openapi.json from the WSGI app and sends generated requests (valid by
the schema, and invalid ones) to every operation with a key that holds every scope. No answer
may be a 5xx. A request valid by the schema may be refused for what the schema cannot know (an
unknown code, a stale version, a dossier in the wrong status) but never with a 422 for a rule
the schema could have stated. Bounded and derandomized, so the run is fast and repeatable.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from motcua.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Text with a NUL character is refused (422) everywhere, as docs/api.md says; test_openapi_document
# sends it on purpose. Here it would only make positive cases fail on a rule left unstated.
schema.config.generation.update(allow_x00=False)

EXAMPLES = 10

# A request valid by the schema may still be refused with a 422 naming one of these fields: the
# value names something that must exist (the schema cannot list every code), or the rule ties
# two fields together. Any other 422 means the schema failed to state a limit.
NOT_STATABLE = {
    # codes that must name an existing record
    "procedure": "a procedure's code",
    "case": "a case of that procedure",
    "receiving_agency": "an agency's code",
    "responsible_agency": "an agency's code",
    "to_agency": "an agency's code",
    "assignee": "an official's user name",
    "commune_code": "a commune's code",
    "document_code": "a document of the dossier's case",
    "form_data": "the procedure's own form schema",
    "Idempotency-Key": "the same key sent earlier with another request",
    # rules between the applicant's fields (checked when the codes above exist)
    "personal_id": "required for a citizen",
    "tax_code": "required for an organisation",
    "phone": "a phone number or an e-mail address",
    "email": "Django's e-mail validator, stricter at the edges than the `email` format",
    "submitter_name": "required when a submitter's ID is given",
    "submitter_personal_id": "required when a submitter is named",
    # a webhook's address: no credentials or fragment, a real host and port, plain HTTP to the
    # loopback only when the server allows it, and a number of subscriptions per client
    # a complaint (api/feedback.py): about a procedure or a dossier, a way to answer its sender
    "procedure_code": "a procedure's code, required when no dossier's code is given",
    "contact_phone": "a phone number or an e-mail address",
    "contact_email": "Django's e-mail validator, stricter at the edges than the `email` format",
    "url": "what the server accepts as a receiving address (integrations/webhooks/client.py)",
    # the reports and the open data (api/reports.py, api/open_data.py)
    "agency": "an agency's code or id",
    "field": "a field's code or id",
}


@pytest.fixture
def in_process():
    """Keep the test's database connection open across requests, as Django's test client does:
    the WSGI handler closes it when a request ends."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(world, in_process):
    from motcua.accounts.apiclients import SCOPES, create_api_client

    _client, key = create_api_client("Kiểm thử", agency=world.centre.parent, scopes=list(SCOPES))
    return key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx(case, api_key):
    response = case.call(headers={"X-API-Key": api_key})
    assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
    if case.meta.generation.mode == GenerationMode.POSITIVE and response.status_code == 422:
        fields = {error["field"] for error in response.json()["errors"]}
        fields -= _calendar_rules_broken(case)
        assert fields <= set(NOT_STATABLE), (case.as_curl_command(), response.text)


def _calendar_rules_broken(case) -> set[str]:
    """The calendar's rules between two parameters that this request breaks, by field."""
    from datetime import date, timedelta

    query = case.query or {}
    if case.path.endswith("/calendar/due"):
        given = [name for name in ("days", "hours", "calendar_days") if name in query]
        return set() if len(given) == 1 else {*given, "days"}
    if case.path.endswith("/calendar/days"):
        first, last = date.fromisoformat(query["from"]), date.fromisoformat(query["to"])
        return {"to"} if last < first or last - first >= timedelta(days=366) else set()
    if case.path.endswith(("/reports/figures", "/reports/service-index")):
        first, last = date.fromisoformat(query["start"]), date.fromisoformat(query["end"])
        return {"end"} if last < first or last - first >= timedelta(days=366) else set()
    if case.path.endswith("/open/figures"):
        return _open_period_broken(query)
    return set()


def _open_period_broken(query) -> set[str]:
    """The open data's period rules (whole months, not after this month, at most
    OPEN_DATA_MAX_MONTHS) that this request breaks, by field."""
    from datetime import date

    from django.conf import settings
    from django.utils import timezone

    if "start" not in query and "end" not in query:
        return set()
    start = date.fromisoformat(query.get("start") or query["end"])
    end = date.fromisoformat(query.get("end") or query["start"])
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    broken = set()
    if months < 1 or months > settings.OPEN_DATA_MAX_MONTHS:
        broken.add("end")
    if (start.year, start.month) > (timezone.localdate().year, timezone.localdate().month):
        broken.add("start")
    return broken
