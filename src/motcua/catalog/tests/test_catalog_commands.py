import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog.models import Procedure
from motcua.catalog.tests.factories import complete_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalog_admin():
    """The catalog administrator of the whole province, in whose name the imports run."""
    return RoleGrantFactory(
        user__username="quantri",
        agency=AgencyFactory(),
        role=Role.CATALOG_ADMIN,
        includes_subtree=True,
    ).user


def run(name, *args):
    out, err = StringIO(), StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_to_a_file_then_import_it_back(tmp_path):
    first, second = complete_procedure(), complete_procedure(draft=True)
    target = tmp_path / "catalog.json"

    _out, err = run("export_catalog", "--output", str(target))
    assert "Đã xuất 2 thủ tục" in err
    records = json.loads(target.read_text(encoding="utf-8"))
    assert [r["MATTHC"] for r in records] == sorted([first.code, second.code])

    Procedure.objects.all().delete()
    out, _err = run("import_catalog", "--user", "quantri", str(target))
    assert f"#1 {records[0]['MATTHC']}: Đã tạo mới" in out
    assert "2 bản ghi: 2 tạo mới, 0 cập nhật, 0 có lỗi." in out
    assert Procedure.objects.count() == 2


def test_export_filters_by_code_and_status():
    published, draft = complete_procedure(), complete_procedure(draft=True)
    out, _ = run("export_catalog", "--status", "published")
    assert [r["MATTHC"] for r in json.loads(out)] == [published.code]
    out, _ = run("export_catalog", "--code", draft.code, published.code)
    assert len(json.loads(out)) == 2
    with pytest.raises(CommandError, match="Không có thủ tục mã: 9.999999"):
        run("export_catalog", "--code", "9.999999")


def write_records(tmp_path, records) -> str:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return str(path)


def two_records_one_bad(tmp_path) -> str:
    procedure = complete_procedure()
    out, _ = run("export_catalog", "--code", procedure.code)
    good = json.loads(out)[0]
    Procedure.objects.all().delete()
    bad = dict(good, MATTHC="1.200000", TENTTHC="")
    return write_records(tmp_path, [good, bad])


def test_import_exits_with_1_and_imports_nothing_when_a_record_is_bad(tmp_path):
    path = two_records_one_bad(tmp_path)
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_catalog", "--user", "quantri", path, stdout=out)
    assert caught.value.returncode == 1
    assert "#2 1.200000: Có lỗi, không nhập" in out.getvalue()
    assert "    - TENTTHC: không được để trống." in out.getvalue()
    assert "Không nhập vì tệp có bản ghi lỗi" in out.getvalue()
    assert not Procedure.objects.exists()


def test_partial_import_exits_with_2_after_importing_the_good_records(tmp_path):
    path = two_records_one_bad(tmp_path)
    with pytest.raises(CommandError) as caught:
        call_command("import_catalog", "--user", "quantri", path, "--partial", stdout=StringIO())
    assert caught.value.returncode == 2
    assert Procedure.objects.count() == 1


def test_a_dry_run_writes_nothing_and_exits_0_when_all_is_well(tmp_path):
    procedure = complete_procedure()
    out, _ = run("export_catalog")
    Procedure.objects.all().delete()
    out, _ = run(
        "import_catalog", "--user", "quantri", write_records(tmp_path, json.loads(out)), "--dry-run"
    )
    assert f"#1 {procedure.code}: Sẽ tạo mới (chạy thử)" in out
    assert not Procedure.objects.exists()


def test_an_unreadable_or_malformed_file_exits_with_1(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được tệp") as caught:
        run("import_catalog", "--user", "quantri", str(tmp_path / "khong-co.json"))
    assert caught.value.returncode == 1
    broken = tmp_path / "broken.json"
    broken.write_text("[{", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_catalog", "--user", "quantri", str(broken), stdout=StringIO(), stderr=err
        )
    assert caught.value.returncode == 1
    assert "Tệp không phải JSON hợp lệ" in err.getvalue()
