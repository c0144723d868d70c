"""Existing dossiers get the facts that lived only in their audit events: a decision's reason,
a refusal's reasons, each return for completion (its list and note), and for a dossier
submitted online the receipt deadline of its latest submission and when reception answered.

The audit trail is only read. Receipt deadlines of old dossiers are counted on the calendar of
the settings and the holidays package (without administrators' overrides, which a migration
cannot read through today's code safely); new dossiers use the full calendar.
"""

from django.db import migrations

ONLINE = ("online", "national_portal")
ANSWERS = ("receive", "return_for_completion", "refuse")
ACTIONS = ("submit", "decide", *ANSWERS)


def _flush(Dossier, pk, facts, calendar):
    if not facts:
        return
    from motcua.dossiers.deadlines import receipt_due

    changes = {key: facts[key] for key in ("refusal_reasons", "decision_reason") if key in facts}
    if facts.get("online") and facts.get("submitted"):
        changes["receipt_due_at"] = receipt_due(calendar, facts["submitted"])
        changes["receipt_answered_at"] = facts.get("answered")
    if changes:
        Dossier.objects.filter(pk=pk).update(**changes)


def forwards(apps, schema_editor):
    from motcua.workdays.services import base_calendar

    Dossier = apps.get_model("dossiers", "Dossier")
    CompletionRequest = apps.get_model("dossiers", "CompletionRequest")
    AuditEvent = apps.get_model("events", "AuditEvent")
    online = set(Dossier.objects.filter(channel__in=ONLINE).values_list("pk", flat=True))
    calendar = base_calendar()
    events = (
        AuditEvent.objects.filter(action__in=ACTIONS)
        .order_by("dossier_id", "seq")
        .values_list("dossier_id", "action", "at", "actor_id", "data")
    )
    current, facts, requests = None, {}, []
    for dossier_id, action, at, actor_id, data in events.iterator(chunk_size=2000):
        if dossier_id != current:
            _flush(Dossier, current, facts, calendar)
            current, facts = dossier_id, {"online": dossier_id in online}
        data = data if isinstance(data, dict) else {}
        if action == "submit":
            facts["submitted"], facts["answered"] = at, None
        elif action in ANSWERS and facts.get("submitted") and facts.get("answered") is None:
            facts["answered"] = at
        if action == "return_for_completion":
            missing = data.get("missing")
            requests.append(
                CompletionRequest(
                    dossier_id=dossier_id,
                    items=[str(item) for item in missing] if isinstance(missing, list) else [],
                    note=str(data.get("note") or ""),
                    requested_at=at,
                    requested_by_id=actor_id,
                )
            )
        elif action == "refuse":
            facts["refusal_reasons"] = str(data.get("reasons") or "")
        elif action == "decide":
            facts["decision_reason"] = str(data.get("reason") or "")
        if len(requests) >= 2000:
            CompletionRequest.objects.bulk_create(requests)
            requests = []
    _flush(Dossier, current, facts, calendar)
    CompletionRequest.objects.bulk_create(requests)


def backwards(apps, schema_editor):
    apps.get_model("dossiers", "CompletionRequest").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_receipt_clock_and_reception_facts"),
        ("events", "0002_audit_append_only"),
        ("workdays", "0002_override_updated_at"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
