"""The default texts (notifications/texts.py) as editable templates."""

from django.db import migrations


def load(apps, schema_editor):
    from motcua.notifications.texts import DEFAULTS

    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for topic, languages in DEFAULTS.items():
        for language, (subject, body) in languages.items():
            MessageTemplate.objects.get_or_create(
                topic=topic, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
