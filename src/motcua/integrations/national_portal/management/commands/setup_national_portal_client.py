"""Create the national portal's own API client, once: the actor of every dossier the portal
delivers (docs/integration.md, "Inbound dossiers"). Its key is stored hashed only and is not
needed by the inbound endpoint (the portal signs its pushes with
NATIONAL_PORTAL_INBOUND_SECRET), so it is not printed."""

from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE, create_api_client
from motcua.agencies.models import Agency
from motcua.integrations.national_portal.inbound import NotReady, integration_client

NAME = "Cổng Dịch vụ công quốc gia"


class Command(BaseCommand):
    help = "Create the national portal's API client (scope dossiers:national_portal) if missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--agency",
            help="Identifier code of the agency whose subtree it files into "
            "(default: the root of the agency tree).",
        )

    def handle(self, *args, **options):
        try:
            client = integration_client()
        except NotReady:
            client = None
        if client is not None:
            self.stdout.write(f"API client {client.name!r} already exists ({client.agency.code}).")
            return
        if options["agency"]:
            agency = Agency.objects.filter(code=options["agency"]).first()
        else:
            roots = list(Agency.objects.filter(parent__isnull=True, is_active=True)[:2])
            agency = roots[0] if len(roots) == 1 else None
            if len(roots) > 1:
                raise CommandError("Several root agencies: name one with --agency.")
        if agency is None:
            raise CommandError("No such agency (load the agencies first).")
        client, _key = create_api_client(
            NAME, agency=agency, scopes=["dossiers:submit", NATIONAL_PORTAL_SCOPE]
        )
        self.stdout.write(f"API client {client.name!r} created for {agency.name}.")
