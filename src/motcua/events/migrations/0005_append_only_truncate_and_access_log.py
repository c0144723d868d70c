"""On PostgreSQL, the audit table and the personal-data access log refuse UPDATE, DELETE and
TRUNCATE. Triggers bind the table's owner too (only a superuser, or the owner disabling or
dropping the trigger, gets past them); the application's own database role is not the owner and
holds only SELECT and INSERT on these tables (`manage.py setup_database_roles`), so it can neither
change rows nor touch the triggers."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION motcua_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS events_auditevent_no_truncate ON events_auditevent;
CREATE TRIGGER events_auditevent_no_truncate
    BEFORE TRUNCATE ON events_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only();

DROP TRIGGER IF EXISTS events_personaldataaccess_append_only ON events_personaldataaccess;
CREATE TRIGGER events_personaldataaccess_append_only
    BEFORE UPDATE OR DELETE ON events_personaldataaccess
    FOR EACH ROW EXECUTE FUNCTION motcua_append_only();

DROP TRIGGER IF EXISTS events_personaldataaccess_no_truncate ON events_personaldataaccess;
CREATE TRIGGER events_personaldataaccess_no_truncate
    BEFORE TRUNCATE ON events_personaldataaccess
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS events_auditevent_no_truncate ON events_auditevent;
DROP TRIGGER IF EXISTS events_personaldataaccess_append_only ON events_personaldataaccess;
DROP TRIGGER IF EXISTS events_personaldataaccess_no_truncate ON events_personaldataaccess;
DROP FUNCTION IF EXISTS motcua_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_personal_data_access_searches")]
    operations = [migrations.RunPython(forwards, backwards)]
