"""On PostgreSQL, the audit table refuses UPDATE and DELETE: the trail is append-only even for a
process holding the application's database credentials. (TRUNCATE, which test teardown uses, is
not a row operation and is not affected.)"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION events_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS events_auditevent_append_only ON events_auditevent;
CREATE TRIGGER events_auditevent_append_only
    BEFORE UPDATE OR DELETE ON events_auditevent
    FOR EACH ROW EXECUTE FUNCTION events_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS events_auditevent_append_only ON events_auditevent;
DROP FUNCTION IF EXISTS events_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
