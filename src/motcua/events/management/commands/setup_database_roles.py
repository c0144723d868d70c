from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

from motcua.events.roles import (
    RoleError,
    application_role,
    connected_as_owner,
    grant_application_role,
)


class Command(BaseCommand):
    help = (
        "On PostgreSQL, create the application's database role if it is missing and grant it "
        "what it needs: only SELECT and INSERT on the audit trail and the personal-data access "
        "log. Logs in as the owner (DATABASE_OWNER_URL); safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--app-role", default="", help="The application's role (default: DATABASE_URL's user)"
        )
        parser.add_argument(
            "--app-password-env",
            default="",
            help="Name of an environment variable holding the password of a role to create "
            "(default: DATABASE_URL's password)",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        import os

        from django.conf import settings

        alias = options["database"]
        role = options["app_role"] or application_role()
        if not role:
            raise CommandError("No application role: set DATABASE_URL with a user, or --app-role")
        if options["app_password_env"]:
            password = os.environ.get(options["app_password_env"], "")
        else:
            password = settings.DATABASES["default"].get("PASSWORD") or ""
        try:
            with connected_as_owner(alias) as connection, transaction.atomic(using=alias):
                statements = grant_application_role(connection, role, password=password or None)
                database = connection.settings_dict["NAME"]
        except RoleError as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"] > 1:
            for statement in statements:
                self.stdout.write(statement)
        self.stdout.write(
            self.style.SUCCESS(
                f"Role {role}: granted on {database} "
                "(SELECT, INSERT only on the audit trail and the personal-data access log)"
            )
        )
