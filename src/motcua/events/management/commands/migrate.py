"""`migrate` logs in as the owner (DATABASE_OWNER_URL) when one is configured: the application's
own role may not create or alter tables (docs/deployment.md, Database roles). It refuses the read
replica (REPLICA_DATABASE_URL), which follows the primary."""

from django.core.management.base import CommandError
from django.core.management.commands.migrate import Command as MigrateCommand

from motcua.events.roles import connected_as_owner
from motcua.lib.replica import REPLICA_ALIAS


class Command(MigrateCommand):
    def handle(self, *args, **options):
        if options["database"] == REPLICA_ALIAS:
            # Django's migrate would still create and fill django_migrations there; a streaming
            # standby follows the primary's schema by itself and is read-only anyway.
            raise CommandError(
                "The read replica is never migrated: it follows the primary. Run migrate "
                "on the primary (the default database)."
            )
        with connected_as_owner(options["database"]):
            return super().handle(*args, **options)
