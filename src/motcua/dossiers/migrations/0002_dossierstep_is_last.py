"""DossierStep.is_last: whether the process has no step after this one, recorded when the step
opens (services.steps.is_last_order) so the office's "to decide" queue reads a column instead
of each database's JSON functions over the dossier's snapshot.

Existing rows are filled from each dossier's snapshot by the same rule: a step is the last
when its order is at least the largest order the snapshot lists (a snapshot listing no step
has one, of order 1). The rule is written out here, not imported, so that this migration keeps
doing what it did when it was written.
"""

from collections import defaultdict

from django.db import migrations, models

CHUNK = 500


def last_order(snapshot) -> int:
    steps = (snapshot or {}).get("steps") or []
    return max((int(step["order"]) for step in steps), default=1)


def backfill(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierStep = apps.get_model("dossiers", "DossierStep")
    # Dossiers grouped by the order of their last step: one UPDATE per group and chunk.
    by_last = defaultdict(list)
    with_steps = Dossier.objects.filter(pk__in=DossierStep.objects.values("dossier_id"))
    for pk, snapshot in with_steps.values_list("pk", "snapshot").iterator(chunk_size=2000):
        by_last[last_order(snapshot)].append(pk)
    for order, pks in by_last.items():
        for start in range(0, len(pks), CHUNK):
            DossierStep.objects.filter(
                dossier_id__in=pks[start : start + CHUNK], order__gte=order
            ).update(is_last=True)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="dossierstep",
            name="is_last",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Quy trình không còn bước nào sau bước này: hồ sơ được ghi nhận kết quả "
                    "tại đây, không chuyển tiếp."
                ),
                verbose_name="bước cuối của quy trình",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
