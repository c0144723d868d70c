"""The Idempotency-Key store of `POST /dossiers`, in the api app: the key as a keyed digest, the
answer's lookup secret sealed with a key derived from the server key and the client's key.
A new, empty table: the old one (dossiers_idempotencyrecord, dropped by
dossiers.0004_idempotency_record_moved_to_api) held short-lived records with secrets in clear,
and they are not carried over.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('dossiers', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='IdempotencyRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('client', models.CharField(max_length=100)),
                ('key_digest', models.CharField(max_length=64)),
                ('fingerprint', models.CharField(max_length=64)),
                ('status_code', models.PositiveSmallIntegerField()),
                ('response', models.JSONField(help_text='The answer, without its lookup secret.')),
                ('sealed_secret', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(db_index=True)),
                ('dossier', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='dossiers.dossier')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('client', 'key_digest'), name='uniq_api_idempotency_key')],
            },
        ),
    ]
