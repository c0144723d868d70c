"""On PostgreSQL, the audit table refuses UPDATE and DELETE, row by row. TRUNCATE is not a row
operation: 0004 adds a statement trigger for it. What the application's own role may do is a
matter of grants (events/roles.py, docs/deployment.md)."""

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
