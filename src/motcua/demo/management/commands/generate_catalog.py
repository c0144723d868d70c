import random
import sys
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from motcua.demo.synthetic import CatalogArgumentError, check_arguments, generate_catalog


class Command(BaseCommand):
    help = (
        "Generate a city-sized synthetic catalog (agencies under a synthetic root, procedures "
        "with cases, documents, fees and steps) for load tests. Deterministic with --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--procedures",
            type=int,
            default=1659,
            help="Number of procedures (default 1659, Hanoi in 2020).",
        )
        parser.add_argument(
            "--agencies",
            type=int,
            default=600,
            help="Number of agencies under the synthetic root (default 600).",
        )
        parser.add_argument("--seed", type=int, default=None,
                            help="Random seed; the same seed gives the same catalog.")  # fmt: skip

    def handle(self, *args, procedures, agencies, seed, **options):
        try:
            check_arguments(procedures, agencies)
        except CatalogArgumentError as exc:
            raise CommandError(str(exc)) from None
        if seed is None:
            seed = random.SystemRandom().randrange(1, 2**31)
        started = perf_counter()
        with tqdm(total=procedures, unit="thủ tục", file=sys.stderr, disable=None) as bar:
            try:
                result = generate_catalog(procedures, agencies, seed, progress=bar.update)
            except CatalogArgumentError as exc:
                raise CommandError(str(exc)) from None
        counts = result.counts
        online = counts["level_3"] + counts["level_4"]
        self.stdout.write(
            f"Cơ quan gốc {result.root.code} ({result.root.name}), seed {seed}: "
            f"{counts['agencies']} cơ quan, {counts['procedures']} thủ tục "
            f"({online} ở mức độ 3–4, {100 * online / counts['procedures']:.0f}%), "
            f"{counts['cases']} trường hợp, {counts['documents']} thành phần hồ sơ, "
            f"{counts['fees']} phí, {counts['steps']} bước, "
            f"{counts['implementations']} cơ quan thực hiện; "
            f"{perf_counter() - started:.1f} giây."
        )
