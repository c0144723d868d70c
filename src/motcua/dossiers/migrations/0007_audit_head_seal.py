"""Seal every dossier's audit head with AUDIT_HMAC_KEY (events/chain.head_seal), so that a head
set back to an earlier event is detected. Dossiers with events get their seal here; the key
must be the one that sealed the events."""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models


def seal_heads(apps, schema_editor):
    # The same message as events/chain.head_seal, written out: a migration keeps working when
    # the application's code moves on.
    Dossier = apps.get_model("dossiers", "Dossier")
    key = settings.AUDIT_HMAC_KEY.encode()
    manager = Dossier.objects.using(schema_editor.connection.alias)
    batch = []
    heads = manager.filter(audit_head_seq__gt=0)
    for dossier in heads.only("pk", "audit_head_seq", "audit_head_hmac").iterator():
        message = f"head\n{dossier.pk}\n{dossier.audit_head_seq}\n{dossier.audit_head_hmac}"
        dossier.audit_head_seal = hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
        batch.append(dossier)
        if len(batch) >= 1000:
            manager.bulk_update(batch, ["audit_head_seal"])
            batch = []
    manager.bulk_update(batch, ["audit_head_seal"])


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0006_idempotency_record_moved_to_api")]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="audit_head_seal",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(seal_heads, migrations.RunPython.noop),
    ]
