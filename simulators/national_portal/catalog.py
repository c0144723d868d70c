"""The national catalog: built from the province's public catalog fetched from Motcua's API
(GET /api/v1/procedures), in the national database's record shape, with the changes the
national side made on the control page laid over it."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from django.db import transaction
from django.utils import timezone

from . import codes, config
from .models import CatalogProcedure
from .store import Refusal

UNIT_WORDS = {
    "working_days": "Ngày làm việc",
    "working_hours": "Giờ làm việc",
    "calendar_days": "Ngày",
    "days": "Ngày",
}
APPLICANT_WORDS = {
    "citizen": "Công dân Việt Nam",
    "foreigner": "Người nước ngoài",
    "overseas": "Người Việt Nam định cư ở nước ngoài",
    "enterprise": "Doanh nghiệp",
    "organisation": "Tổ chức (không bao gồm doanh nghiệp, HTX)",
    "cooperative": "Hợp tác xã",
}
# What the control page may change in a national record.
CHANGEABLE = {"TENTTHC", "THOIGIANGIAIQUYET", "YEUCAU", "MOTADOITUONGTHUCHIEN", "TRANGTHAI"}


class FetchError(Exception):
    pass


def _get_json(url: str, timeout: float = 30):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - http(s) from config
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) from config
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise FetchError(f"{url}: {exc}") from None


def refresh(motcua_url: str | None = None) -> int:
    """Fetch the province's whole public catalog from Motcua; the number of procedures."""
    base = (motcua_url or config.get()["motcua_url"]).rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise FetchError("Chưa cấu hình địa chỉ Motcua (--motcua-url).")
    codes_seen: list[str] = []
    page = 1
    while True:
        listing = _get_json(f"{base}/api/v1/procedures?page={page}&page_size=100")
        results = listing.get("results") or []
        codes_seen.extend(item["code"] for item in results)
        if not results or len(codes_seen) >= listing.get("count", 0):
            break
        page += 1
    details = [
        _get_json(f"{base}/api/v1/procedures/{urllib.parse.quote(code, safe='')}")
        for code in codes_seen
    ]
    return load(details)


def load(details: list[dict]) -> int:
    """Keep these procedures (in the shape of Motcua's procedure detail) as the catalog; the
    national side's changes to a procedure that stays are kept."""
    now = timezone.now()
    with transaction.atomic():
        kept = set()
        for detail in details:
            code = detail["code"]
            kept.add(code)
            held = CatalogProcedure.objects.filter(code=code).first()
            if held is None:
                CatalogProcedure.objects.create(
                    code=code, detail=detail, fetched_at=now, updated_at=now
                )
            else:
                if national(held.detail) != national(detail):
                    held.updated_at = now
                held.detail = detail
                held.fetched_at = now
                held.save()
        CatalogProcedure.objects.exclude(code__in=kept).delete()
    return len(kept)


def change(code: str, changes: dict) -> dict:
    held = CatalogProcedure.objects.filter(code=code).first()
    if held is None:
        raise KeyError(code)
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise ValueError(
            ", ".join(sorted(unknown)), f"Không thay đổi được: {', '.join(sorted(unknown))}."
        )
    if "THOIGIANGIAIQUYET" in changes:
        value = changes["THOIGIANGIAIQUYET"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValueError("THOIGIANGIAIQUYET", "THOIGIANGIAIQUYET phải là số dương.")
    for key in CHANGEABLE - {"THOIGIANGIAIQUYET"}:
        if key in changes and (not isinstance(changes[key], str) or not changes[key].strip()):
            raise ValueError(key, f"{key} phải là chuỗi khác rỗng.")
    held.overrides = {**held.overrides, **changes}
    held.updated_at = timezone.now()
    held.save()
    return record(held)


def national(detail: dict) -> dict:
    """Motcua's procedure detail as the national database's record."""
    cases = detail.get("cases") or []
    fees = detail.get("fees") or []

    def fees_of(case):
        return [
            {
                "MAPHILEPHI": fee.get("code", ""),
                "SOTIEN": fee.get("amount", 0),
                "DONVI": fee.get("unit", ""),
                "MOTA": fee.get("name", ""),
            }
            for fee in fees
            if fee.get("case_code") in (None, case.get("code"))
        ]

    def time_limit(case):
        limit = case.get("time_limit") or {}
        value = limit.get("value", 0)
        return int(value) if float(value).is_integer() else value

    return {
        "MATTHC": detail.get("code", ""),
        "TENTTHC": detail.get("name", ""),
        "LINHVUCTHUCHIEN": [
            {"MALINHVUC": detail["field"]["code"], "TENLINHVUC": detail["field"]["name"]}
        ]
        if detail.get("field")
        else [],
        "TRINHTUTHUCHIEN": [
            {
                "TRUONGHOP": "",
                "TRINHTU": [
                    {"TENTRINHTU": line}
                    for line in (detail.get("description") or "").splitlines()
                    if line.strip()
                ],
            }
        ],
        "CACHTHUCTHUCHIEN": [
            {
                "KENH": str(channel),
                "THOIGIAN": [
                    {
                        "THOIGIANGIAIQUYET": time_limit(case),
                        "DONVITINH": UNIT_WORDS.get(
                            (case.get("time_limit") or {}).get("unit"), "Ngày làm việc"
                        ),
                        "MOTA": case.get("time_limit_note", ""),
                        "PHILEPHI": fees_of(case),
                    }
                    for case in cases
                ],
            }
            for channel in detail.get("channels") or []
        ],
        "THANHPHANHOSO": [
            {
                "TRUONGHOP": case.get("name", ""),
                "GIAYTO": [
                    {
                        "MAGIAYTO": doc.get("code", ""),
                        "TENGIAYTO": doc.get("name", ""),
                        "TENMAUDON": doc.get("form_name", ""),
                        "URL": doc.get("form_url") or "",
                        "SOBANCHINH": doc.get("originals", 0),
                        "SOBANSAO": doc.get("copies", 0),
                    }
                    for doc in case.get("documents") or []
                ],
            }
            for case in cases
        ],
        "DOITUONGTHUCHIEN": [
            {"MADOITUONG": kind, "TENDOITUONG": APPLICANT_WORDS.get(kind, kind)}
            for kind in detail.get("applicant_types") or []
        ],
        "MOTADOITUONGTHUCHIEN": detail.get("applicant_description", ""),
        "COQUANTHUCHIEN": [
            {"MADONVI": a.get("code", ""), "TENDONVI": a.get("name", "")}
            for a in detail.get("agencies") or []
        ],
        "YEUCAU": detail.get("conditions", ""),
        "KETQUATHUCHIEN": [
            {"MAKETQUA": r.get("code", ""), "TENKETQUA": r.get("name", "")}
            for r in detail.get("results") or []
        ],
        "CANCUPHAPLY": [
            {"SOVANBAN": b.get("number", ""), "TENVANBAN": b.get("title", "")}
            for b in detail.get("legal_bases") or []
        ],
        "MACOQUANCONGBO": detail.get("publishing_agency_code", ""),
        "TRANGTHAI": "Công bố",
    }


def record(held: CatalogProcedure) -> dict:
    result = national(held.detail)
    for key, value in held.overrides.items():
        if key == "THOIGIANGIAIQUYET":
            for way in result["CACHTHUCTHUCHIEN"]:
                for limit in way["THOIGIAN"]:
                    limit["THOIGIANGIAIQUYET"] = value
        else:
            result[key] = value
    result["NGAYCAPNHAT"] = codes.to_np(held.updated_at)
    return result


# --- The share calls ----------------------------------------------------------------------


def list_procedures() -> dict:
    items = []
    for held in CatalogProcedure.objects.all():
        rec = record(held)
        field = (rec["LINHVUCTHUCHIEN"] or [{"MALINHVUC": "", "TENLINHVUC": ""}])[0]
        items.append(
            {
                "MATTHC": rec["MATTHC"],
                "TENTTHC": rec["TENTTHC"],
                "MALINHVUC": field["MALINHVUC"],
                "TENLINHVUC": field["TENLINHVUC"],
                "NGAYCAPNHAT": rec["NGAYCAPNHAT"],
            }
        )
    return {"error_code": 0, "data": items}


def procedure(data: dict) -> dict:
    code = data.get("maTTHC")
    held = CatalogProcedure.objects.filter(code=code).first() if isinstance(code, str) else None
    if held is None:
        raise Refusal(1, f"Không tìm thấy thủ tục {code!r}.")
    return {"error_code": 0, "data": record(held)}


def agencies() -> dict:
    seen: dict[str, dict] = {}
    for held in CatalogProcedure.objects.all():
        for agency in held.detail.get("agencies") or []:
            seen.setdefault(
                agency["code"],
                {"MaCoQuan": agency["code"], "TenCoQuan": agency["name"], "MaCoQuanCha": ""},
            )
    return {"error_code": 0, "data": sorted(seen.values(), key=lambda a: a["MaCoQuan"])}


def fields() -> dict:
    seen: dict[str, dict] = {}
    for held in CatalogProcedure.objects.all():
        field = record(held)["LINHVUCTHUCHIEN"]
        for item in field:
            seen.setdefault(
                item["MALINHVUC"],
                {"MaLinhVuc": item["MALINHVUC"], "TenLinhVuc": item["TENLINHVUC"]},
            )
    return {"error_code": 0, "data": sorted(seen.values(), key=lambda f: f["MaLinhVuc"])}
