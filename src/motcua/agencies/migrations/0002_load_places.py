from django.db import migrations


def forwards(apps, schema_editor):
    from motcua.agencies.places import load_places

    load_places(apps.get_model("agencies", "Province"), apps.get_model("agencies", "Commune"))


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
