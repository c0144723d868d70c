"""`migrate` logs in as the owner (DATABASE_OWNER_URL) when one is configured: the application's
own role may not create or alter tables (docs/deployment.md, Database roles)."""

from django.core.management.commands.migrate import Command as MigrateCommand

from motcua.events.roles import connected_as_owner


class Command(MigrateCommand):
    def handle(self, *args, **options):
        with connected_as_owner(options["database"]):
            return super().handle(*args, **options)
