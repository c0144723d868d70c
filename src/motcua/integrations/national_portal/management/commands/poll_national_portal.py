"""Fetch the dossiers submitted on the national portal that a push did not bring
(integrations/national_portal/poll.py), then the complaints and petitions sent there
(complaint_poll.py); `--loop` keeps polling."""

import time

from django.core.management.base import BaseCommand

from motcua.integrations.national_portal import client as portal
from motcua.integrations.national_portal.complaint_poll import poll_complaints
from motcua.integrations.national_portal.inbound import NotReady
from motcua.integrations.national_portal.poll import poll_once


class Command(BaseCommand):
    help = (
        "Fetch new dossiers from the national portal (LayDanhSachHoSoMoi) and answer each, "
        "then new complaints and petitions (LayDanhSachPAKNMoi)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep polling.")
        parser.add_argument(
            "--interval", type=float, default=60, help="Seconds between polls with --loop."
        )

    def handle(self, *args, **options):
        if not portal.enabled():
            self.stdout.write("NATIONAL_PORTAL_URL is empty: the integration is off.")
            if not options["loop"]:
                return
        while True:
            if portal.enabled():
                self._run_once()
            if not options["loop"]:
                return
            time.sleep(options["interval"])

    def _run_once(self):
        try:
            result = poll_once()
        except portal.PortalError as exc:
            self.stderr.write(f"national portal not reached: {exc}")
            return
        self.stdout.write(
            f"new {len(result.created)}, already received {len(result.already)}, "
            f"refused {len(result.refused)}, postponed {len(result.postponed)}"
        )
        try:
            complaints = poll_complaints()
        except (portal.PortalError, NotReady) as exc:
            self.stderr.write(f"complaints not fetched: {exc}")
            return
        self.stdout.write(
            f"complaints: new {len(complaints.created)}, already received "
            f"{len(complaints.already)}, not taken {len(complaints.refused)}"
        )
