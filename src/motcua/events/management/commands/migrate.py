"""`migrate` runs on the owner's connection (DATABASE_OWNER_URL) when one is configured: the
application's own role may not create or alter tables (docs/deployment.md, Database roles).
An explicit --database still wins."""

from django.core.management.commands.migrate import Command as MigrateCommand

from motcua.events.roles import owner_alias


class Command(MigrateCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(database=owner_alias())
