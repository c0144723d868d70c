"""What the simulated portal keeps, in its own SQLite file."""

from django.db import models


class Session(models.Model):
    token = models.CharField(max_length=64, unique=True)
    username = models.CharField(max_length=150)
    dstcode = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    def __str__(self):
        return self.username


class Dossier(models.Model):
    """A dossier as synced by the province (DongBoHoSoMC), with its current status."""

    ma_ho_so = models.CharField(max_length=100, unique=True)
    ma_ho_so_qg = models.CharField(max_length=100, blank=True)
    madonvi = models.CharField(max_length=100, blank=True)
    data = models.JSONField(default=dict)
    status = models.IntegerField(null=True)
    first_synced_at = models.DateTimeField()
    last_synced_at = models.DateTimeField()
    times_synced = models.IntegerField(default=0)

    def __str__(self):
        return self.ma_ho_so


class HeaderSync(models.Model):
    """One arrival of DongBoHoSoMC for a dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="syncs")
    data = models.JSONField(default=dict)
    status = models.IntegerField(null=True)
    is_updating = models.BooleanField(default=False)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.dossier_id}: {self.status}"


class ProgressLine(models.Model):
    """One progress update (CapNhatTienDoHoSoMC), kept once per MaTienDo."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="lines")
    ma_tien_do = models.CharField(max_length=200)
    data = models.JSONField(default=dict)
    status = models.IntegerField()
    received_at = models.DateTimeField()
    last_received_at = models.DateTimeField()
    times_received = models.IntegerField(default=1)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "ma_tien_do"], name="np_line_once")
        ]

    def __str__(self):
        return self.ma_tien_do


class Submission(models.Model):
    """A dossier a citizen submitted on the portal, to be delivered to the province."""

    ma_ho_so_qg = models.CharField(max_length=100, unique=True)
    ma_tthc = models.CharField(max_length=100)
    ma_don_vi = models.CharField(max_length=100)
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    push_status = models.IntegerField(null=True)
    push_answer = models.JSONField(null=True)
    push_count = models.IntegerField(default=0)
    ma_ho_so = models.CharField(max_length=100, blank=True)
    accepted = models.BooleanField(null=True)
    reply = models.JSONField(null=True)
    replied_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.ma_ho_so_qg


class PushAttempt(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="pushes")
    at = models.DateTimeField()
    status = models.IntegerField(null=True)
    answer = models.JSONField(null=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.submission_id}: {self.status}"


class StoredFile(models.Model):
    id = models.CharField(max_length=32, primary_key=True)
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="files", null=True
    )
    document_code = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=300, blank=True)
    name = models.CharField(max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.IntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()

    def __str__(self):
        return self.name


class CatalogProcedure(models.Model):
    """A procedure of the province's catalog, as fetched from Motcua's public API, and the
    changes the national side made to its record (control page)."""

    code = models.CharField(max_length=100, unique=True)
    detail = models.JSONField(default=dict)
    overrides = models.JSONField(default=dict)
    fetched_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class CallLog(models.Model):
    at = models.DateTimeField()
    endpoint = models.CharField(max_length=20)
    service = models.CharField(max_length=100, blank=True)
    error_code = models.IntegerField(null=True)
    note = models.CharField(max_length=100, blank=True)
    ma_ho_so = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.service}: {self.error_code}"


class PersonalDocument(models.Model):
    """A document in a citizen's personal data store on the portal (kho dữ liệu cá nhân):
    shared with the province for that citizen's personal ID (LayGiayToKhoDuLieu)."""

    code = models.CharField(max_length=40, unique=True)
    personal_id = models.CharField(max_length=12, db_index=True)
    title = models.CharField(max_length=300)
    file = models.ForeignKey(StoredFile, on_delete=models.CASCADE, related_name="+")
    issued_on = models.CharField(max_length=8, blank=True)  # yyyyMMdd

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.personal_id}: {self.title}"


class FeedbackRecord(models.Model):
    """A rating or a complaint/petition the province synced (DongBoDanhGiaHaiLongMC-like,
    DongBoPhanAnhKienNghiMC-like): stored once under its id, each later sync replacing it."""

    RATING, COMPLAINT = "rating", "complaint"

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=100)
    ma_ho_so = models.CharField(max_length=100, blank=True)
    madonvi = models.CharField(max_length=100, blank=True)
    status = models.IntegerField(null=True)
    data = models.JSONField(default=dict)
    first_received_at = models.DateTimeField()
    last_received_at = models.DateTimeField()
    times_received = models.IntegerField(default=1)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="sim_feedback_once"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"


class PortalComplaint(models.Model):
    """A complaint or petition a citizen sent on the portal, for the province to fetch
    (LayDanhSachPAKNMoi-like, after a cursor: this row's id)."""

    ma_pakn = models.CharField(max_length=100, unique=True)
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField()
    times_listed = models.IntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.ma_pakn
