"""Sign the results of decided dossiers that are not signed yet, with the configured key
source: after signing is switched on, after a long outage of the key source, and in `make
demo` for the dossiers `load_demo` decided (the Procfile's `signresults`, in the background,
so the demo starts at once). Dossiers an applicant's account owns come first, then the oldest
decision. Idempotent (a signed document is skipped, and a race with the outbox consumer keeps
one signature); a dossier that fails is reported and the others go on."""

import time

from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.signing.sources import key_source
from motcua.integrations.signing.sync import sign_dossier_results
from motcua.results import selectors


class Command(BaseCommand):
    help = "Ký số kết quả của các hồ sơ đã có kết quả mà chưa được ký (RESULT_SIGNING_SOURCE)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=0, help="At most this many dossiers a pass (0: all)."
        )
        parser.add_argument("--loop", action="store_true", help="Repeat every --interval seconds")
        parser.add_argument("--interval", type=float, default=300.0)

    def handle(self, *args, limit=0, loop=False, interval=300.0, **options):
        while True:
            failed = self._pass(limit, quiet=loop)
            if not loop:
                if failed:
                    raise CommandError(f"{failed} dossier(s) could not be signed")
                return
            time.sleep(interval)

    def _pass(self, limit: int, *, quiet: bool) -> int:
        source = key_source()
        if source is None:
            if not quiet:
                raise CommandError("RESULT_SIGNING_SOURCE is empty: results are not signed")
            return 0  # looping under honcho: exiting would stop the other processes
        dossiers = selectors.dossiers_awaiting_signature()
        if limit > 0:
            dossiers = dossiers[:limit]
        signed = failed = 0
        for dossier in dossiers:
            try:
                signed += len(sign_dossier_results(dossier, source))
            except Exception as exc:  # one dossier's failure must not stop the others
                failed += 1
                self.stderr.write(f"{dossier.code or dossier.pk}: {exc}")
        if signed or failed or not quiet:
            self.stdout.write(f"signed results: {signed}; dossiers failed: {failed}")
        return failed
