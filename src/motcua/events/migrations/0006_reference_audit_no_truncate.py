"""On PostgreSQL the reference-data audit chain refuses TRUNCATE as well as UPDATE and DELETE
(0003), like the dossier audit trail and the personal-data access log (0005); the application's
role holds only SELECT and INSERT on it (events/roles.py)."""

from django.db import migrations

CREATE = """
DROP TRIGGER IF EXISTS events_referenceauditevent_no_truncate ON events_referenceauditevent;
CREATE TRIGGER events_referenceauditevent_no_truncate
    BEFORE TRUNCATE ON events_referenceauditevent
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS events_referenceauditevent_no_truncate ON events_referenceauditevent;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("events", "0005_append_only_truncate_and_access_log")]
    operations = [migrations.RunPython(forwards, backwards)]
