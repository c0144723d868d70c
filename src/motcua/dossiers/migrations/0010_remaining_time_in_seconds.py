"""A pause keeps the remaining working time to the second: the whole minutes kept so far become
seconds (each minute, 60 seconds; what was lost before cannot be recovered)."""

from django.db import migrations, models
from django.db.models import F

MODELS = ("dossier", "dossierstep", "dossierpause")


def minutes_to_seconds(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("dossiers", name)
        model.objects.filter(remaining_seconds__isnull=False).update(
            remaining_seconds=F("remaining_seconds") * 60
        )


def seconds_to_minutes(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("dossiers", name)
        for row in model.objects.filter(remaining_seconds__isnull=False).only("remaining_seconds"):
            seconds = row.remaining_seconds
            row.remaining_seconds = seconds // 60 if seconds >= 0 else -(-seconds // 60)
            row.save(update_fields=["remaining_seconds"])


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0009_dossier_stop")]

    operations = [
        migrations.RenameField("dossier", "remaining_minutes", "remaining_seconds"),
        migrations.RenameField("dossierstep", "remaining_minutes", "remaining_seconds"),
        migrations.RenameField("dossierpause", "remaining_minutes", "remaining_seconds"),
        migrations.RunPython(minutes_to_seconds, seconds_to_minutes),
        migrations.AlterField(
            model_name="dossier",
            name="remaining_seconds",
            field=models.IntegerField(
                blank=True,
                null=True,
                verbose_name="thời gian còn lại khi tạm dừng (giây làm việc)",
            ),
        ),
        migrations.AlterField(
            model_name="dossierpause",
            name="remaining_seconds",
            field=models.IntegerField(verbose_name="thời gian còn lại (giây làm việc)"),
        ),
    ]
