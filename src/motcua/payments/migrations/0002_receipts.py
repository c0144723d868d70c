"""Electronic receipts: templates, series, receipts and their cancellations.

On PostgreSQL a receipt and a cancellation are append-only, as the audit trail is: the trigger
function of events 0005 (motcua_append_only) refuses UPDATE, DELETE and TRUNCATE on both
tables, so a receipt can be neither edited nor deleted, even by the tables' owner.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


APPEND_ONLY_TABLES = ("payments_receipt", "payments_receiptcancellation")


def _triggers(table: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION motcua_append_only();
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
CREATE TRIGGER {table}_no_truncate
    BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION motcua_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(_triggers(table), params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in APPEND_ONLY_TABLES:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}; "
                f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
                params=None,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_role_grant_organisation"),
        ("dossiers", "0013_electronic_copy"),
        ("payments", "0001_initial"),
        ("events", "0006_reference_audit_no_truncate"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Receipt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="số")),
                ("agency_code", models.CharField(max_length=40, verbose_name="mã cơ quan thu")),
                ("agency_name", models.CharField(max_length=300, verbose_name="tên cơ quan thu")),
                (
                    "agency_parent_name",
                    models.CharField(blank=True, max_length=300, verbose_name="cơ quan chủ quản"),
                ),
                ("template_code", models.CharField(max_length=30, verbose_name="mẫu số")),
                ("template_name", models.CharField(max_length=200, verbose_name="tên mẫu")),
                ("series_code", models.CharField(max_length=30, verbose_name="ký hiệu")),
                ("number_text", models.CharField(max_length=20, verbose_name="số biên lai")),
                ("payer_name", models.CharField(max_length=300, verbose_name="người nộp tiền")),
                (
                    "payer_id_number",
                    models.CharField(
                        blank=True, max_length=20, verbose_name="số giấy tờ người nộp"
                    ),
                ),
                (
                    "payer_address",
                    models.CharField(blank=True, max_length=500, verbose_name="địa chỉ người nộp"),
                ),
                ("dossier_code", models.CharField(max_length=40, verbose_name="mã hồ sơ")),
                (
                    "procedure_code",
                    models.CharField(blank=True, max_length=40, verbose_name="mã thủ tục"),
                ),
                (
                    "procedure_name",
                    models.CharField(blank=True, max_length=500, verbose_name="tên thủ tục"),
                ),
                ("items", models.JSONField(default=list, verbose_name="các khoản")),
                ("total", models.PositiveBigIntegerField(verbose_name="tổng số tiền (đồng)")),
                ("total_words", models.CharField(max_length=500, verbose_name="số tiền bằng chữ")),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("national_platform", "Trực tuyến qua Nền tảng thanh toán quốc gia"),
                            ("provincial_gateway", "Trực tuyến qua cổng thanh toán của tỉnh"),
                            ("counter_cash", "Tiền mặt tại bộ phận một cửa"),
                            ("counter_card", "Thẻ tại bộ phận một cửa"),
                        ],
                        max_length=30,
                        verbose_name="hình thức",
                    ),
                ),
                ("paid_at", models.DateTimeField(verbose_name="thanh toán lúc")),
                ("issued_at", models.DateTimeField(db_index=True, verbose_name="lập lúc")),
                (
                    "issued_by_name",
                    models.CharField(blank=True, max_length=300, verbose_name="người lập"),
                ),
                ("search_text", models.TextField(blank=True)),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.agency",
                        verbose_name="cơ quan thu",
                    ),
                ),
                (
                    "dossier",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="receipts",
                        to="dossiers.dossier",
                    ),
                ),
                (
                    "issued_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người lập",
                    ),
                ),
                (
                    "payment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="receipts",
                        to="payments.payment",
                        verbose_name="thanh toán",
                    ),
                ),
                (
                    "replaces",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="replaced_by",
                        to="payments.receipt",
                        verbose_name="thay thế biên lai",
                    ),
                ),
            ],
            options={
                "verbose_name": "biên lai điện tử",
                "verbose_name_plural": "biên lai điện tử",
                "ordering": ["-issued_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ReceiptCancellation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.TextField(verbose_name="lý do huỷ")),
                ("cancelled_at", models.DateTimeField(verbose_name="huỷ lúc")),
                (
                    "cancelled_by_name",
                    models.CharField(blank=True, max_length=300, verbose_name="người huỷ"),
                ),
                (
                    "cancelled_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người huỷ",
                    ),
                ),
                (
                    "receipt",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cancellation",
                        to="payments.receipt",
                        verbose_name="biên lai",
                    ),
                ),
            ],
            options={
                "verbose_name": "huỷ biên lai",
                "verbose_name_plural": "huỷ biên lai",
                "ordering": ["-cancelled_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ReceiptSeries",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=30, verbose_name="ký hiệu")),
                (
                    "number_width",
                    models.PositiveSmallIntegerField(
                        default=7, verbose_name="số chữ số của số biên lai"
                    ),
                ),
                (
                    "last_number",
                    models.PositiveIntegerField(default=0, verbose_name="số đã cấp gần nhất"),
                ),
                ("active", models.BooleanField(default=True, verbose_name="đang dùng")),
                ("created_at", models.DateTimeField(verbose_name="lập lúc")),
                (
                    "closed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="ngừng dùng lúc"),
                ),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.agency",
                        verbose_name="cơ quan thu",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người lập",
                    ),
                ),
            ],
            options={
                "verbose_name": "ký hiệu biên lai",
                "verbose_name_plural": "ký hiệu biên lai",
                "ordering": ["agency", "-active", "code"],
            },
        ),
        migrations.AddField(
            model_name="receipt",
            name="series",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="receipts",
                to="payments.receiptseries",
                verbose_name="ký hiệu",
            ),
        ),
        migrations.CreateModel(
            name="ReceiptTemplate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=30, verbose_name="mẫu số")),
                ("name", models.CharField(max_length=200, verbose_name="tên mẫu")),
                ("created_at", models.DateTimeField(verbose_name="lập lúc")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="agencies.agency",
                        verbose_name="cơ quan thu",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người lập",
                    ),
                ),
            ],
            options={
                "verbose_name": "mẫu biên lai",
                "verbose_name_plural": "mẫu biên lai",
                "ordering": ["agency", "code"],
            },
        ),
        migrations.AddField(
            model_name="receiptseries",
            name="template",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="series",
                to="payments.receipttemplate",
                verbose_name="mẫu",
            ),
        ),
        migrations.AddIndex(
            model_name="receipt",
            index=models.Index(
                fields=["agency", "issued_at"], name="payments_re_agency__cc5e8b_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="receipt",
            constraint=models.UniqueConstraint(
                fields=("series", "number"), name="payments_receipt_number_once_per_series"
            ),
        ),
        migrations.AddConstraint(
            model_name="receipt",
            constraint=models.UniqueConstraint(
                condition=models.Q(("replaces__isnull", True)),
                fields=("payment",),
                name="payments_one_first_receipt_per_payment",
            ),
        ),
        migrations.AddConstraint(
            model_name="receipttemplate",
            constraint=models.UniqueConstraint(
                fields=("agency", "code"), name="payments_receipt_template_code_per_agency"
            ),
        ),
        migrations.AddConstraint(
            model_name="receiptseries",
            constraint=models.UniqueConstraint(
                fields=("template", "code"), name="payments_receipt_series_code_per_template"
            ),
        ),
        migrations.AddConstraint(
            model_name="receiptseries",
            constraint=models.UniqueConstraint(
                condition=models.Q(("active", True)),
                fields=("agency",),
                name="payments_one_active_receipt_series_per_agency",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
