"""The default texts of the complaint and petition topics (notifications/texts.py) as editable
templates; the texts already there are left as administrators made them."""

from django.db import migrations

TOPICS = (
    "complaint_received",
    "complaint_more",
    "complaint_answered",
    "complaint_refused",
    "complaint_published",
)


def load(apps, schema_editor):
    from motcua.notifications.texts import DEFAULTS

    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for topic in TOPICS:
        for language, (subject, body) in DEFAULTS[topic].items():
            MessageTemplate.objects.get_or_create(
                topic=topic, language=language, defaults={"subject": subject, "body": body}
            )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_complaint_topics")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
