"""Trigram indexes for the office's dossier search, on PostgreSQL only (SQLite has no pg_trgm,
and a GinIndex would break its migrate).

The search (dossiers.selectors.search_condition) matches any part of the code, case ignored,
or any part of the folded applicant column. Django writes the first as
`UPPER("code"::text) LIKE UPPER('%term%')` and the second as `"applicant_search"::text LIKE
'%term%'`; with these indexes neither reads the whole table for a term of three characters or
more."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dossiers_dossier_code_trgm "
        "ON dossiers_dossier USING gin ((UPPER(code::text)) gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dossiers_dossier_applicant_trgm "
        "ON dossiers_dossier USING gin (applicant_search gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS dossiers_dossier_code_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS dossiers_dossier_applicant_trgm")


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_dossierstep_is_last")]
    operations = [migrations.RunPython(forwards, backwards)]
