import copy
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog import records_write
from motcua.catalog.models import Procedure
from motcua.catalog.records import export_records, procedures_for_export
from motcua.catalog.records_import import (
    CREATED,
    INVALID,
    NOT_IMPORTED,
    UPDATED,
    import_catalog,
)
from motcua.catalog.tests.factories import complete_procedure, rich_procedure

pytestmark = pytest.mark.django_db


def national_record(agency_code: str, **overrides) -> dict:
    """A record as the national database publishes it: no X_MOTCUA, loose types."""
    time = {
        "THOIGIANGIAIQUYET": "1",
        "DONVITINH": "Ngày làm việc",
        "MOTA": "Trong ngày làm việc",
        "PHILEPHI": [
            {"MAPHILEPHI": "LP", "SOTIEN": "8.000", "DONVI": "Đồng", "MOTA": "Lệ phí hộ tịch"}
        ],
    }
    record = {
        "MATTHC": "1.001193",
        "TENTTHC": "Đăng ký khai sinh",
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "HOTICH", "TENLINHVUC": "Hộ tịch"}],
        "TRINHTUTHUCHIEN": [
            {
                "TRUONGHOP": "",
                "TRINHTU": [{"TENTRINHTU": "Bước 1: nộp hồ sơ."}, {"TENTRINHTU": "Bước 2."}],
            }
        ],
        "CACHTHUCTHUCHIEN": [
            {"KENH": 1, "THOIGIAN": [time]},
            {"KENH": 2, "THOIGIAN": [copy.deepcopy(time)]},
        ],
        "THANHPHANHOSO": [
            {
                "TRUONGHOP": "",
                "GIAYTO": [
                    {
                        "MAGIAYTO": 101,
                        "TENGIAYTO": "Tờ khai đăng ký khai sinh",
                        "TENMAUDON": "Mẫu TK-KS",
                        "URL": "https://example.vn/tk-ks.docx",
                        "SOLUONG": 1,
                    }
                ],
            }
        ],
        "DOITUONGTHUCHIEN": [{"MADOITUONG": "1", "TENDOITUONG": "Công dân Việt Nam"}],
        "MOTADOITUONGTHUCHIEN": "",
        "COQUANTHUCHIEN": [{"MADONVI": agency_code, "TENDONVI": "UBND phường"}],
        "YEUCAU": "Không có",
        "KETQUATHUCHIEN": [{"MAKETQUA": "KQ1", "TENKETQUA": "Giấy khai sinh"}],
        "CANCUPHAPLY": [{"SOVANBAN": "60/2014/QH13", "TENVANBAN": "Luật Hộ tịch"}],
        "MACOQUANCONGBO": "000.00.00.H26",
        "TRANGTHAI": "Công bố",
    }
    record.update(overrides)
    return record


def exported_record(procedure) -> dict:
    return export_records(procedures_for_export([procedure.code]))[0]


# --- records from the national database -------------------------------------------------


def test_a_national_record_without_extension_is_imported_with_sensible_readings():
    agency = AgencyFactory(commune=True)

    report = import_catalog(json.dumps([national_record(agency.code)]))

    assert report.complete, report.records
    procedure = Procedure.objects.get(code="1.001193")
    assert procedure.status == "published"
    assert procedure.implementing_level == "commune"  # from its agency
    assert (procedure.via_counter, procedure.via_online, procedure.via_post) == (True, True, False)
    assert procedure.applicant_types == ["citizen"]  # matched by its name
    assert procedure.description == "Bước 1: nộp hồ sơ.\nBước 2."
    case = procedure.cases.get()
    assert (case.code, case.name) == ("TH1", "Trường hợp chung")
    assert (case.time_limit_value, case.time_limit_unit) == (Decimal("1"), "working_days")
    assert case.time_limit_minutes == 480
    document = case.documents.get()
    assert (document.code, document.originals, document.form_name) == ("101", 1, "Mẫu TK-KS")
    fee = procedure.fees.get()
    assert (fee.amount, fee.case, fee.category, fee.name) == (
        8000,
        None,
        "charge",
        "Lệ phí hộ tịch",
    )
    assert list(procedure.implementations.values_list("agency__code", flat=True)) == [agency.code]


def test_national_fees_listed_for_some_cases_only_become_fees_of_those_cases():
    agency = AgencyFactory()
    shared = {"MAPHILEPHI": "LP", "SOTIEN": 10000, "DONVI": "đồng", "MOTA": "Lệ phí"}
    extra = {"MAPHILEPHI": "P2", "SOTIEN": 5000, "DONVI": "đồng", "MOTA": "Phí thẩm định"}
    times = [
        {"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày làm việc", "PHILEPHI": [shared]},
        {"THOIGIANGIAIQUYET": 8, "DONVITINH": "Giờ làm việc", "PHILEPHI": [shared, extra]},
    ]
    parts = [
        {"TRUONGHOP": "Cấp mới", "GIAYTO": [{"TENGIAYTO": "Đơn"}]},
        {"TRUONGHOP": "Cấp lại", "GIAYTO": [{"TENGIAYTO": "Đơn"}, {"TENGIAYTO": "Bản cũ"}]},
    ]
    record = national_record(
        agency.code,
        CACHTHUCTHUCHIEN=[{"KENH": "1", "THOIGIAN": times}],
        THANHPHANHOSO=parts,
        TRINHTUTHUCHIEN=[{"TRUONGHOP": "Cấp lại", "TRINHTU": [{"TENTRINHTU": "Nộp bản cũ."}]}],
    )

    report = import_catalog(json.dumps([record]))

    assert report.complete, report.records
    procedure = Procedure.objects.get(code="1.001193")
    assert procedure.implementing_level == "province"
    cases = list(procedure.cases.all())
    assert [(c.name, c.time_limit_unit) for c in cases] == [
        ("Cấp mới", "working_days"),
        ("Cấp lại", "working_hours"),
    ]
    assert cases[1].steps_text == "Nộp bản cũ."
    fees = {(f.name, f.case.name if f.case else None, f.category) for f in procedure.fees.all()}
    assert fees == {("Lệ phí", None, "charge"), ("Phí thẩm định", "Cấp lại", "fee")}


# --- a record is checked fully before anything is written -------------------------------


def broken_copies(procedure, agency):
    """One good record, then records each broken in one way, with the reason expected."""
    good = exported_record(procedure)
    Procedure.objects.filter(pk=procedure.pk).delete()

    def variant(code, change):
        record = copy.deepcopy(good)
        record["MATTHC"] = code
        change(record)
        return record

    ext = "X_MOTCUA"
    return good, [
        (variant("1.100001", lambda r: r["COQUANTHUCHIEN"].append(
            {"MADONVI": "999.99.99.H26", "TENDONVI": "Không có"}) or r[ext]["agencies"].append(
            {"service_level": None, "online_class": ""})),
         "COQUANTHUCHIEN[1]: không có cơ quan nào mang mã định danh 999.99.99.H26."),
        (variant("1.100002", lambda r: r[ext].update(
            eform_schema={"type": "object", "properties": {"a": {"type": "array", "title": "A"}}})),
         'biểu mẫu điện tử (JSON Schema): Trường "a": kiểu "array" không được hỗ trợ'),
        (variant("1.100003", lambda r: r[ext]["process_steps"][0].update(share_percent=30)),
         "X_MOTCUA.process_steps: Tổng tỷ lệ thời gian của các bước phải bằng 100% (hiện là 120%)."),
        (variant("1.100004", lambda r: r[ext]["fees"][0].update(
            kind="tiered", tiers=[{"up_to": 5, "amount": 1}, {"up_to": 2, "amount": 2}])),
         "X_MOTCUA.fees[1] — bậc phí: Bậc 2: giới hạn trên phải là số nguyên tăng dần."),
        (variant("1.100005", lambda r: (r.update(THANHPHANHOSO=[]), r[ext].update(cases=[]))),
         "Thủ tục đã công bố phải có ít nhất một trường hợp."),
        (variant("1.100006", lambda r: r["THANHPHANHOSO"][0].update(GIAYTO=[])
                 or r[ext]["cases"][0].update(documents=[])),
         "Trường hợp “Trường hợp chung” phải có ít nhất một thành phần hồ sơ trước khi công bố."),
        (variant("1-001", lambda r: None),
         "mã thủ tục: Mã thủ tục phải có dạng 1.001612"),
        (variant("1.100008", lambda r: [t.update(DONVITINH="Tháng") for c in r["CACHTHUCTHUCHIEN"]
                                        for t in c["THOIGIAN"]] and r.pop(ext)),
         "CACHTHUCTHUCHIEN[1].THOIGIAN[1].DONVITINH: đơn vị “Tháng” không được hỗ trợ"),
        (variant("1.100009", lambda r: r[ext]["cases"].append(dict(r[ext]["cases"][0]))),
         "X_MOTCUA.cases: phải có đúng 1 phần tử, tương ứng với THANHPHANHOSO."),
        (variant("1.100010", lambda r: r[ext]["fees"][0].update(case="KHONG-CO")),
         "X_MOTCUA.fees[1]: không có trường hợp mã “KHONG-CO”."),
        (variant("1.100011", lambda r: r[ext]["cases"][0].update(time_limit_value=0)),
         "THANHPHANHOSO[1] — thời hạn giải quyết: "),
        (variant("1.100012", lambda r: r.update(TRANGTHAI="Đang xem xét")),
         "TRANGTHAI: trạng thái “Đang xem xét” không hợp lệ."),
        (variant("1.100013", lambda r: r.update(TENTTHC="")),
         "TENTTHC: không được để trống."),
        (variant("1.100014", lambda r: r.update(DOITUONGTHUCHIEN=[{"MADOITUONG": "x", "TENDOITUONG": "Ai đó"}])),
         "DOITUONGTHUCHIEN[1]: đối tượng “Ai đó” không có trong danh mục"),
        (variant("1.100015", lambda r: r["CACHTHUCTHUCHIEN"].append({"KENH": 1})),
         "CACHTHUCTHUCHIEN[3].KENH: kênh 1 bị khai báo hai lần."),
    ]  # fmt: skip


def test_each_bad_record_is_reported_with_its_index_code_and_reason_and_nothing_is_written():
    agency = AgencyFactory()
    good, broken = broken_copies(complete_procedure(), agency)
    records = [good] + [record for record, _reason in broken]

    report = import_catalog(json.dumps(records))

    assert report.records[0].outcome == NOT_IMPORTED
    for entry, (record, reason) in zip(report.records[1:], broken, strict=True):
        assert entry.outcome == INVALID
        assert entry.code == record["MATTHC"]
        assert any(error.startswith(reason) for error in entry.errors), (reason, entry.errors)
    assert [entry.index for entry in report.records] == list(range(1, len(records) + 1))
    assert not Procedure.objects.exists()
    assert not report.complete


def test_with_partial_the_valid_records_are_imported_and_the_bad_ones_reported():
    agency = AgencyFactory()
    good, broken = broken_copies(complete_procedure(), agency)
    records = [broken[0][0], good, broken[1][0]]

    report = import_catalog(json.dumps(records), partial=True)

    assert [entry.outcome for entry in report.records] == [INVALID, CREATED, INVALID]
    assert list(Procedure.objects.values_list("code", flat=True)) == [good["MATTHC"]]


def test_a_dry_run_reports_what_would_happen_and_writes_nothing():
    procedure = complete_procedure()
    record = exported_record(procedure)
    new = copy.deepcopy(record)
    new["MATTHC"] = "2.000002"
    new["TENTTHC"] = "Thủ tục mới"
    record["TENTTHC"] = "Tên đã đổi"

    report = import_catalog(json.dumps([record, new]), dry_run=True)

    assert [entry.outcome for entry in report.records] == [UPDATED, CREATED]
    assert report.summary().startswith("Chạy thử: 2 bản ghi, 1 sẽ tạo mới, 1 sẽ cập nhật")
    assert list(Procedure.objects.values_list("code", "name")) == [(procedure.code, procedure.name)]


def test_the_same_code_twice_in_one_file_is_refused():
    record = exported_record(complete_procedure())
    report = import_catalog(json.dumps([record, record]))
    assert report.records[1].errors == ["Mã thủ tục trùng với bản ghi số 1 trong cùng tệp."]


def test_reimporting_replaces_the_children_of_a_procedure():
    procedure = rich_procedure()
    record = exported_record(procedure)
    record["KETQUATHUCHIEN"] = [{"MAKETQUA": "", "TENKETQUA": "Quyết định mới"}]
    record["CANCUPHAPLY"], record["X_MOTCUA"]["legal_bases"] = [], []
    record["X_MOTCUA"]["fees"] = record["X_MOTCUA"]["fees"][:1]
    kept = record["X_MOTCUA"]["cases"][0]["code"]
    record["THANHPHANHOSO"] = record["THANHPHANHOSO"][:1]
    record["X_MOTCUA"]["cases"] = record["X_MOTCUA"]["cases"][:1]
    record["TRINHTUTHUCHIEN"] = record["TRINHTUTHUCHIEN"][:2]
    kept_pk = procedure.cases.get(code=kept).pk

    report = import_catalog(json.dumps([record]))

    assert report.complete, report.records
    assert list(procedure.results.values_list("name", flat=True)) == ["Quyết định mới"]
    assert not procedure.legal_bases.exists()
    assert procedure.fees.count() == 1
    assert list(procedure.cases.values_list("pk", flat=True)) == [kept_pk]


# --- never half a record ----------------------------------------------------------------


def test_a_failure_while_writing_a_record_leaves_nothing_of_it(monkeypatch):
    """A fault injected after the procedure row and its first case are written: the record's
    savepoint must take them back, and without --partial the whole file too."""
    first, second = complete_procedure(), rich_procedure()
    records = [exported_record(first), exported_record(second)]
    Procedure.objects.all().delete()
    real = records_write._replace_documents

    def failing(case, documents):
        if case.procedure.code == second.code:
            raise records_write.RecordWriteError("Lỗi giả lập khi ghi giấy tờ.")
        real(case, documents)

    monkeypatch.setattr(records_write, "_replace_documents", failing)

    report = import_catalog(json.dumps(records))
    assert [entry.outcome for entry in report.records] == [NOT_IMPORTED, INVALID]
    assert report.records[1].errors == ["Lỗi giả lập khi ghi giấy tờ."]
    assert not Procedure.objects.exists()

    report = import_catalog(json.dumps(records), partial=True)
    assert [entry.outcome for entry in report.records] == [CREATED, INVALID]
    assert list(Procedure.objects.values_list("code", flat=True)) == [first.code]


def test_a_case_with_dossiers_cannot_be_dropped_by_an_import():
    from motcua.dossiers.models import Dossier

    procedure = rich_procedure()
    agency = procedure.implementations.first().agency
    case = procedure.cases.get(code="KT-QUAHAN")
    Dossier.objects.create(
        procedure=procedure,
        case=case,
        channel="1",
        applicant_kind="citizen",
        applicant_name="Nguyễn Văn A",
        receiving_agency=agency,
        responsible_agency=agency,
        created_at=datetime(2026, 2, 13, 3, 0, tzinfo=UTC),
    )
    record = exported_record(procedure)
    record["THANHPHANHOSO"].pop(1)
    record["X_MOTCUA"]["cases"].pop(1)
    record["TENTTHC"] = "Tên mới không được lưu"

    report = import_catalog(json.dumps([record]))

    assert report.records[0].outcome == INVALID
    assert "đã có hồ sơ nên không thể bỏ khỏi thủ tục" in report.records[0].errors[0]
    procedure.refresh_from_db()
    assert procedure.name != "Tên mới không được lưu"
    assert procedure.cases.count() == 3


# --- bad files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "Tệp không phải văn bản UTF-8."),
        ("{không phải json", "Tệp không phải JSON hợp lệ (dòng 1)"),
        ('{"MATTHC": "1.000001"}', "Tệp phải chứa một danh sách bản ghi"),
        ('{"items": "x"}', "Tệp phải chứa một danh sách bản ghi"),
        ("42", "Tệp phải chứa một danh sách bản ghi"),
        ("[]", "Tệp không có bản ghi nào."),
        ("[" * 100_000, "Tệp không phải JSON hợp lệ"),
    ],
)
def test_a_file_that_is_not_a_list_of_records_gets_one_clear_error(content, message):
    report = import_catalog(content)
    assert len(report.file_errors) == 1
    assert report.file_errors[0].startswith(message)
    assert report.records == []
    assert report.summary() == "Không đọc được tệp: không có bản ghi nào được nhập."


def test_records_of_the_wrong_types_are_reported_without_a_traceback():
    weird = {
        "MATTHC": 5.5,
        "TENTTHC": ["Tên"],
        "LINHVUCTHUCHIEN": "Hộ tịch",
        "CACHTHUCTHUCHIEN": {"KENH": 1},
        "THANHPHANHOSO": [3, {"TRUONGHOP": {}, "GIAYTO": [{"TENGIAYTO": None, "SOBANSAO": "x"}]}],
        "DOITUONGTHUCHIEN": [None],
        "KETQUATHUCHIEN": [{"TENKETQUA": 7.5}],
        "X_MOTCUA": {"cases": "x", "fees": [{"amount": "nhiều"}], "process_steps": [[]],
                     "service_level": 9, "eform_schema": "x", "effective_from": "13/02/2026"},
    }  # fmt: skip
    report = import_catalog(json.dumps([1, "x", None, weird, {"items": []}]), partial=True)

    assert [entry.outcome for entry in report.records] == [INVALID] * 5
    assert report.records[0].errors == ["Bản ghi phải là một đối tượng JSON."]
    errors = report.records[3].errors
    for expected in [
        "MATTHC: phải là chuỗi ký tự.",
        "TENTTHC: phải là chuỗi ký tự.",
        "LINHVUCTHUCHIEN: phải là một danh sách.",
        "CACHTHUCTHUCHIEN: phải là một danh sách.",
        "THANHPHANHOSO[1]: phải là một đối tượng.",
        "X_MOTCUA.cases: phải là một danh sách.",
        "X_MOTCUA.service_level: mức độ phải từ 1 đến 4.",
        "X_MOTCUA.eform_schema: phải là một đối tượng JSON Schema.",
        "X_MOTCUA.effective_from: phải là ngày dạng YYYY-MM-DD.",
        "X_MOTCUA.fees[1].amount: phải là số nguyên.",
        "X_MOTCUA.process_steps[1]: phải là một đối tượng.",
    ]:
        assert expected in errors, (expected, errors)
    assert not Procedure.objects.exists()
