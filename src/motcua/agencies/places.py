"""Loading the reference list of provinces and communes shipped in agencies/data/."""

from __future__ import annotations

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def commune_kind(name: str) -> str:
    if name.startswith("Phường"):
        return "ward"
    if name.startswith("Đặc khu"):
        return "special_zone"
    return "commune"


def read_provinces() -> list[dict[str, str]]:
    with (DATA_DIR / "vn-provinces-2025.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_communes() -> list[dict[str, str]]:
    with (DATA_DIR / "vn-communes-2025.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_places(province_model, commune_model) -> tuple[int, int]:
    """Insert or update every province and commune; returns the two counts. Takes the model
    classes so that the data migration can pass its historical models."""
    from motcua.lib.text import fold

    for row in read_provinces():
        province_model.objects.update_or_create(
            code=row["province_code"], defaults={"name": row["province_name"]}
        )
    existing = set(commune_model.objects.values_list("code", flat=True))
    new, changed = [], []
    for row in read_communes():
        obj = commune_model(
            code=row["commune_code"],
            name=row["commune_name"],
            kind=commune_kind(row["commune_name"]),
            province_id=row["province_code"],
            search_text=fold(row["commune_name"]),
        )
        (changed if obj.code in existing else new).append(obj)
    commune_model.objects.bulk_create(new, batch_size=500)
    commune_model.objects.bulk_update(
        changed, ["name", "kind", "province", "search_text"], batch_size=500
    )
    return province_model.objects.count(), commune_model.objects.count()
