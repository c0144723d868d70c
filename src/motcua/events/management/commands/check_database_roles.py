from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from motcua.events.roles import role_problems


class Command(BaseCommand):
    help = (
        "Report what the application's database role could do to the audit trail and the "
        "personal-data access log beyond SELECT and INSERT; exits non-zero if anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            self.stdout.write(
                "SQLite has no database roles: anyone who can write the file can rewrite it."
            )
            return
        problems = role_problems(connection)
        for problem in problems:
            self.stdout.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) with the application's database role")
        self.stdout.write(self.style.SUCCESS("The application's role may only read and append."))
