"""Reading the postal reference data files of delivery/data/ (see its README)."""

from __future__ import annotations

import csv
from pathlib import Path

from motcua.delivery.tariffs import Rate

DATA_DIR = Path(__file__).resolve().parent / "data"
HANOI_ZONES = DATA_DIR / "hanoi-zones.csv"
DEMO_TARIFF = DATA_DIR / "postal-tariff-demo.csv"


def read_zones(path: Path = HANOI_ZONES) -> list[tuple[str, str]]:
    with Path(path).open(encoding="utf-8") as fh:
        return [(row["commune_code"], row["zone"]) for row in csv.DictReader(fh)]


def read_tariff(path: Path = DEMO_TARIFF) -> list[Rate]:
    with Path(path).open(encoding="utf-8") as fh:
        return [
            Rate(
                zone=row["zone"],
                service=row["service"],
                max_weight_grams=int(row["max_weight_grams"]),
                price=int(row["price"]),
            )
            for row in csv.DictReader(fh)
        ]
