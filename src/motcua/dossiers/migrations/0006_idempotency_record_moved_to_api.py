"""The Idempotency-Key records move to the api app (api.0001_idempotency_record_sealed), which
stores them sealed and keeps them 24 hours.

The old table is dropped, not copied: its rows kept each answer's lookup secret in clear, and
they exist only so that a client's retry within minutes gets the first answer. Dropping them
at a deployment means at worst that a retry of a submission made just before it is treated as
a new one; the secrets the old rows held are gone with them.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0005_reception_facts_from_audit'),
    ]

    operations = [
        migrations.DeleteModel(
            name='IdempotencyRecord',
        ),
    ]
