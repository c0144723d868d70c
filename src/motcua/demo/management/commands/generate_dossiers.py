import random
import resource
import sys
from datetime import date, timedelta
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from motcua.demo.generation import DEFAULT_BATCH, GenerationError, generate
from motcua.workdays.zone import VIETNAM


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {text!r} (dạng YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Generate N dossiers with their whole history (audit chains, steps, pauses, payments, "
        "receipts, postal orders) for the catalog in the database, in bulk and without the "
        "outbox, then rebuild the report aggregates. Deterministic with --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Number of dossiers.")
        parser.add_argument("--seed", type=int, default=None,
                            help="Random seed; the same seed, range and count give the same dossiers.")  # fmt: skip
        parser.add_argument("--start", default=None,
                            help="First day of submissions, YYYY-MM-DD (default: a year before --end).")  # fmt: skip
        parser.add_argument("--end", default=None,
                            help="Last day of submissions, YYYY-MM-DD (default: today).")  # fmt: skip
        parser.add_argument("--batch", type=int, default=DEFAULT_BATCH,
                            help=f"Dossiers per transaction (default {DEFAULT_BATCH}).")  # fmt: skip
        parser.add_argument("--no-rebuild", action="store_true",
                            help="Do not rebuild the report aggregates afterwards.")  # fmt: skip

    def handle(self, *args, count, seed, start, end, batch, no_rebuild, **options):
        now = timezone.now()
        today = now.astimezone(VIETNAM).date()
        end_day = _day(end) if end else today
        start_day = _day(start) if start else end_day - timedelta(days=365)
        if seed is None:
            seed = random.SystemRandom().randrange(1, 2**31)
        started = perf_counter()
        with tqdm(total=count, unit="hồ sơ", file=sys.stderr, disable=None) as bar:
            try:
                result = generate(
                    count,
                    seed=seed,
                    start=start_day,
                    end=end_day,
                    now=now,
                    batch=batch,
                    progress=bar.update,
                )
            except GenerationError as exc:
                raise CommandError(str(exc)) from None
        written = perf_counter() - started
        counts = result.counts
        self.stdout.write(
            f"Seed {seed}: {counts['dossiers']} hồ sơ từ {start_day:%d/%m/%Y} đến "
            f"{end_day:%d/%m/%Y} trong {written:.1f} giây "
            f"({counts['dossiers'] / written if written else 0:.0f} hồ sơ/giây)."
        )
        for key in sorted(counts):
            if key != "dossiers":
                self.stdout.write(f"  {key}: {counts[key]}")
        if not no_rebuild and result.dossier_ids:
            rebuilt = perf_counter()
            self.rebuild()
            self.stdout.write(
                f"Dựng lại số liệu báo cáo trong {perf_counter() - rebuilt:.1f} giây."
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"Bộ nhớ cao nhất của tiến trình: {peak:.0f} MB.")

    def rebuild(self) -> None:
        """The report aggregates, which the outbox would have kept up to date: rebuilt from
        the raw tables at once (set-based), since the generator writes without the outbox."""
        from motcua.reports import maintenance

        with tqdm(unit="hồ sơ", file=sys.stderr, disable=None, desc="số liệu báo cáo") as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            maintenance.rebuild(progress=progress)
