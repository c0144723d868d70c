from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.apiclients import SCOPES, create_api_client
from motcua.agencies.models import Agency


class Command(BaseCommand):
    help = "Create an API client for an agency; prints its key on the last line (shown once)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument(
            "--agency", required=True, help="Agency identifier code, e.g. 000.00.00.H26"
        )
        parser.add_argument(
            "--scopes", nargs="+", required=True, help=f"Any of: {', '.join(SCOPES)}"
        )

    def handle(self, *args, **options):
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"No agency with code {options['agency']}")
        from motcua.accounts.models import ApiClient

        if ApiClient.objects.filter(name=options["name"]).exists():
            raise CommandError(f"An API client named {options['name']!r} already exists")
        try:
            client, key = create_api_client(
                options["name"], agency=agency, scopes=options["scopes"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"API client {client.name!r} for {agency.name} with scopes {', '.join(client.scopes)}"
        )
        self.stdout.write(key)
