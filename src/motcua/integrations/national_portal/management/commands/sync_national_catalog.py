"""Compare the catalog with the national database of procedures, and apply what differs
(integrations/national_portal/catalog_sync.py). `--dry-run` only shows the differences."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.national_portal import catalog_sync
from motcua.integrations.national_portal import client as portal


class Command(BaseCommand):
    help = "Show the national catalog's differences with ours; apply them unless --dry-run."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only show the differences.")
        parser.add_argument(
            "--actor", help="User name of the catalog administrator who applies (required)."
        )
        parser.add_argument(
            "--code", action="append", default=[], help="Only these national codes (repeat)."
        )

    def handle(self, *args, **options):
        if not portal.enabled():
            raise CommandError("NATIONAL_PORTAL_URL is empty: the integration is off.")
        try:
            catalog = catalog_sync.fetch()
        except portal.PortalError as exc:
            raise CommandError(f"national portal not reached: {exc}") from exc
        diffs = catalog_sync.compare(catalog)
        if options["code"]:
            diffs = [diff for diff in diffs if diff.code in options["code"]]
        for diff in diffs:
            if diff.kind == catalog_sync.SAME:
                continue
            self.stdout.write(f"{diff.kind:10} {diff.code} {diff.name}")
            for change in diff.changes:
                self.stdout.write(f"    {change.label}: {change.local} -> {change.national}")
            for error in diff.errors:
                self.stdout.write(f"    ! {error}")
        chosen = [d.code for d in diffs if d.kind in (catalog_sync.ADDED, catalog_sync.CHANGED)]
        self.stdout.write(
            f"{len(chosen)} to apply, {sum(d.kind == catalog_sync.SAME for d in diffs)} the same, "
            f"{sum(d.kind == catalog_sync.MISSING for d in diffs)} only in our catalog."
        )
        if options["dry_run"] or not chosen:
            return
        if not options["actor"]:
            raise CommandError("--actor is required to apply (or use --dry-run).")
        actor = get_user_model().objects.filter(username=options["actor"]).first()
        if actor is None:
            raise CommandError(f"No user {options['actor']!r}.")
        try:
            report = catalog_sync.apply(catalog, chosen, actor=actor)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.summary())
        for record in report.failed:
            self.stdout.write(f"    {record.code}: {'; '.join(record.errors)}")
