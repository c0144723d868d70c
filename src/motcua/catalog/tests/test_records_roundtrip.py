import json

import pytest

from motcua.catalog.models import Field, Procedure
from motcua.catalog.records import export_json, export_records, procedures_for_export
from motcua.catalog.records_import import CREATED, UPDATED, import_catalog
from motcua.catalog.tests.factories import complete_procedure, rich_procedure

pytestmark = pytest.mark.django_db


def exported(code: str) -> dict:
    return export_records(procedures_for_export([code]))[0]


def snapshot(procedure: Procedure) -> dict:
    """Every stored value of a procedure and its children, ids aside, to compare models."""
    procedure = Procedure.objects.get(pk=procedure.pk)

    def rows(queryset, *exclude):
        skip = {"id", "procedure", "case", *exclude}
        return [
            {k: v for k, v in row.items() if k not in skip and not k.endswith("_id")}
            for row in queryset.values()
        ]

    cases = list(procedure.cases.all())
    return {
        "procedure": {
            k: v
            for k, v in Procedure.objects.filter(pk=procedure.pk).values()[0].items()
            if k not in ("id", "created_at", "updated_at")
        },
        "cases": rows(procedure.cases.all()),
        "documents": [rows(case.documents.all()) for case in cases],
        "fees": [
            (fee.case.code if fee.case_id else None, row)
            for fee, row in zip(procedure.fees.all(), rows(procedure.fees.all()), strict=True)
        ],
        "results": rows(procedure.results.all()),
        "legal_bases": rows(procedure.legal_bases.all()),
        "steps": rows(procedure.steps.all()),
        "agencies": [
            (item.agency.code, item.service_level, item.online_class)
            for item in procedure.implementations.order_by("pk")
        ],
    }


@pytest.mark.parametrize("make", [complete_procedure, rich_procedure])
def test_export_then_import_into_an_empty_catalog_gives_the_same_procedure(make):
    procedure = make()
    before_json = exported(procedure.code)
    before_model = snapshot(procedure)
    before_model["procedure"].pop("field_id", None)
    content = export_json(procedures_for_export([procedure.code]))
    Procedure.objects.filter(pk=procedure.pk).delete()

    report = import_catalog(content)

    assert [r.outcome for r in report.records] == [CREATED], report.records
    again = Procedure.objects.get(code=procedure.code)
    assert exported(again.code) == before_json
    after_model = snapshot(again)
    after_model["procedure"].pop("field_id", None)
    assert after_model == before_model


@pytest.mark.parametrize("make", [complete_procedure, rich_procedure])
def test_reimporting_an_export_updates_in_place_and_changes_nothing(make):
    procedure = make()
    case_ids = sorted(procedure.cases.values_list("pk", flat=True))
    before = snapshot(procedure)
    content = export_json(procedures_for_export([procedure.code]))

    report = import_catalog(content)

    assert [r.outcome for r in report.records] == [UPDATED], report.records
    assert Procedure.objects.get(code=procedure.code).pk == procedure.pk
    assert sorted(procedure.cases.values_list("pk", flat=True)) == case_ids
    assert snapshot(procedure) == before


def test_export_is_a_json_list_in_the_national_shape_with_one_extension_object():
    procedure = rich_procedure()
    record = json.loads(export_json(procedures_for_export([procedure.code])))[0]
    national = {
        "MATTHC", "TENTTHC", "LINHVUCTHUCHIEN", "TRINHTUTHUCHIEN", "CACHTHUCTHUCHIEN",
        "THANHPHANHOSO", "DOITUONGTHUCHIEN", "MOTADOITUONGTHUCHIEN", "COQUANTHUCHIEN",
        "YEUCAU", "KETQUATHUCHIEN", "CANCUPHAPLY", "MACOQUANCONGBO", "TRANGTHAI",
    }  # fmt: skip
    assert set(record) == national | {"X_MOTCUA"}
    assert [c["KENH"] for c in record["CACHTHUCTHUCHIEN"]] == ["1", "2", "3"]
    counter_times = record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"]
    assert [(t["THOIGIANGIAIQUYET"], t["DONVITINH"]) for t in counter_times] == [
        (0.5, "Ngày làm việc"),
        (4, "Giờ làm việc"),
        (15, "Ngày"),
    ]
    # The procedure-wide fee shows under every case, the case fee only under its case.
    assert [len(t["PHILEPHI"]) for t in counter_times] == [1, 1, 2]
    assert record["THANHPHANHOSO"][0]["GIAYTO"][1]["SOBANSAO"] == 2
    assert record["COQUANTHUCHIEN"][0]["MADONVI"].endswith(".H26")
    assert record["X_MOTCUA"]["agencies"][1] == {"service_level": 4, "online_class": "full"}
    assert record["X_MOTCUA"]["fees"][1]["case"] == "KT-NUOCNGOAI"


def test_a_new_field_is_created_from_its_code_and_name():
    procedure = complete_procedure()
    content = export_json(procedures_for_export([procedure.code]))
    data = json.loads(content)
    data[0]["MATTHC"] = "2.000001"
    data[0]["LINHVUCTHUCHIEN"] = [{"MALINHVUC": "HT-MOI", "TENLINHVUC": "Hộ tịch mới"}]

    report = import_catalog(json.dumps(data))

    assert report.complete
    assert Field.objects.get(code="HT-MOI").name == "Hộ tịch mới"
    assert Procedure.objects.get(code="2.000001").field.code == "HT-MOI"
