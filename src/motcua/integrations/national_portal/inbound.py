"""Dossiers submitted on the national portal, arriving at Motcua (docs/integration.md,
"Inbound dossiers").

The portal delivers each dossier by a signed push (the API face's endpoint) and, for what a
push missed, by our poll (poll.py); both call `accept`. It:

1. reads the body and refuses what is malformed;
2. finds the dossier already delivered under the same national code (MaHoSoQG), and answers
   with our code: a second delivery is the same dossier;
3. resolves the procedure (MaTTHC) and the receiving agency (MaDonViTiepNhan);
4. fetches every file from its link (size-capped, with a timeout) and checks its SHA-256
   against HashTepTin; the dossier services check its type by content like every upload;
5. then, in one transaction, records the delivery (the unique national code serialises two
   concurrent deliveries of the same dossier) and creates the dossier through the dossier
   services as an online dossier of the national portal's channel, submitted at the portal's
   NgayNop, acted by the integration's own API client.

A refusal (`Refused`) carries a Vietnamese reason and the field of the body it concerns;
nothing has been written when it is raised.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime

import httpx
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import ApiClient
from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure, coded_documents
from motcua.catalog.parts import procedure_parts
from motcua.dossiers import services
from motcua.dossiers.applicants import Applicant, max_length
from motcua.dossiers.choices import ApplicantKind, Channel, DocumentForm, IdentityResult
from motcua.dossiers.errors import DossierError, NotAllowed
from motcua.integrations.national_portal.inbound_models import InboundDossier
from motcua.integrations.national_portal.outbound_models import ProcedureMapping
from motcua.integrations.population import client as population
from motcua.lib.queries import unique_or_none
from motcua.workdays.zone import VIETNAM

logger = logging.getLogger(__name__)

# LoaiBan, the copy kind of a component: 0 original, 1 copy, 2 electronic copy.
COPY_KINDS = {0: DocumentForm.ORIGINAL, 1: DocumentForm.COPY, 2: DocumentForm.ELECTRONIC_COPY}
# LoaiDoiTuong: 1 citizen, 2 organisation.
APPLICANT_KINDS = {1: ApplicantKind.CITIZEN, 2: ApplicantKind.ORGANISATION}
NATIONAL_DATE = "%Y%m%d%H%M%S"
_HASH = re.compile(r"^sha256:([0-9a-fA-F]{64})$")


class Refused(Exception):
    """The portal's dossier is not received: `message` says why, `field` names the part of
    the body at fault. Answered to the portal as "Không được tiếp nhận" (code 3)."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class NotReady(Exception):
    """The dossier cannot be taken now, through no fault of its own: the integration is not
    set up, or a file link did not answer (timeout, connection, 5xx). Answered with a 5xx so
    that the portal keeps the dossier for the poll."""


@dataclass
class Accepted:
    national_code: str
    dossier_code: str
    created: bool


@dataclass
class _Fetched:
    code: str
    form: str
    quantity: int
    file: SimpleUploadedFile


def parse_moment(value, *, field: str) -> datetime:
    """A national date (yyyyMMddHHmmss, Vietnam time) as an aware datetime."""
    try:
        return datetime.strptime(str(value or "") + "+0700", NATIONAL_DATE + "%z").astimezone(
            VIETNAM
        )
    except ValueError as exc:
        raise Refused(_("Ngày giờ không hợp lệ (cần dạng yyyyMMddHHmmss)."), field=field) from exc


def _text(body: dict, key: str, *, required: bool = True, limit: int = 200) -> str:
    value = body.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str | int):
        raise Refused(_("Phải là một chuỗi ký tự."), field=key)
    value = str(value).strip()
    if required and not value:
        raise Refused(_("Trường này là bắt buộc."), field=key)
    if len(value) > limit:
        raise Refused(_("Dài quá %(limit)s ký tự.") % {"limit": limit}, field=key)
    return value


def integration_client() -> ApiClient:
    """The national portal's own API client (scope dossiers:national_portal), whose service
    user is the actor of every dossier the portal delivers. Created by
    `manage.py setup_national_portal_client`."""
    candidates = [
        client
        for client in ApiClient.objects.select_related("user", "agency").filter(is_active=True)
        if client.is_national_portal and client.has_scope("dossiers:submit")
    ]
    if not candidates:
        raise NotReady("no active API client with the dossiers:national_portal scope")
    # The widest one: the client whose agency is nearest the root covers every receiving agency.
    return min(candidates, key=lambda client: (len(client.agency.path), client.pk))


def resolve_procedure(national_code: str, service_code: str = "") -> Procedure | None:
    """Our procedure for a national procedure code (and public service code): through the
    mapping table administrators keep (ProcedureMapping) when it has lines for the code, else
    the procedure whose own code is that national code. Raises Refused when the code maps to
    several of our procedures and the service code does not tell them apart."""
    rows = list(
        ProcedureMapping.objects.select_related("procedure__field").filter(
            national_procedure_code=national_code
        )
    )
    if service_code:
        exact = [row for row in rows if row.national_service_code == service_code]
        rows = exact or rows
    if len(rows) == 1:
        return rows[0].procedure
    if len(rows) > 1:
        raise Refused(
            _(
                "Mã thủ tục %(code)s ứng với nhiều thủ tục của tỉnh; cần mã dịch vụ công "
                "(MaDichVuCong) để phân biệt."
            )
            % {"code": national_code},
            field="MaDichVuCong",
        )
    return unique_or_none(Procedure.objects.select_related("field").filter(code=national_code))


def existing(national_code: str) -> InboundDossier | None:
    return unique_or_none(
        InboundDossier.objects.select_related("dossier").filter(national_code=national_code)
    )


def accept(body, *, arrived_by: str = "push", now: datetime | None = None) -> Accepted:
    """Receive one dossier delivered by the national portal (see the module's docstring).
    Raises Refused (nothing written) or NotReady."""
    now = now or timezone.now()
    if not isinstance(body, dict):
        raise Refused(_("Nội dung hồ sơ phải là một đối tượng JSON."), field="")
    national_code = _text(body, "MaHoSoQG", limit=60)
    found = existing(national_code)
    if found is not None and found.dossier_id is not None:
        InboundDossier.objects.filter(pk=found.pk).update(deliveries=F("deliveries") + 1)
        return Accepted(national_code, found.dossier.code, created=False)

    procedure_code = _text(body, "MaTTHC", limit=40)
    agency_code = _text(body, "MaDonViTiepNhan", limit=40)
    submitted_at = parse_moment(body.get("NgayNop"), field="NgayNop")
    procedure = resolve_procedure(
        procedure_code, _text(body, "MaDichVuCong", required=False, limit=60)
    )
    if procedure is None:
        raise Refused(
            _("Không có thủ tục mang mã %(code)s trong danh mục của tỉnh.")
            % {"code": procedure_code},
            field="MaTTHC",
        )
    agency = unique_or_none(Agency.objects.filter(code=agency_code, is_active=True))
    if agency is None:
        raise Refused(
            _("Không có đơn vị tiếp nhận mang mã định danh %(code)s.") % {"code": agency_code},
            field="MaDonViTiepNhan",
        )
    person = body.get("ThongTinNguoiNop") or {}
    if not isinstance(person, dict):
        raise Refused(_("Thông tin người nộp phải là một đối tượng."), field="ThongTinNguoiNop")
    form_data = body.get("DuLieuBieuMau") or {}
    if not isinstance(form_data, dict):
        raise Refused(_("Dữ liệu biểu mẫu phải là một đối tượng."), field="DuLieuBieuMau")
    vneid = body.get("TaiKhoanDuocXacThucVoiVNeID") in (1, True, "1")
    applicant = _applicant(body, person)
    case, fetched = _components(procedure, body)
    client = integration_client()
    identity = _identity_check(applicant, person)

    origin = {
        "national_code": national_code,
        "national_procedure_code": procedure_code,
        "arrived_by": arrived_by,
        "vneid_verified": vneid,
    }
    try:
        with transaction.atomic():
            # First the delivery's row: a concurrent delivery of the same national code waits
            # here for this transaction and then fails on the unique constraint.
            inbound = InboundDossier.objects.create(
                national_code=national_code,
                national_procedure_code=procedure_code,
                national_service_code=_text(body, "MaDichVuCong", required=False, limit=60),
                receiving_agency_code=agency_code,
                submitted_at=submitted_at,
                applicant_identity={k: v for k, v in person.items() if isinstance(v, str | int)},
                vneid_verified=vneid,
                arrived_by=arrived_by,
                arrived_at=now,
                # A push is answered in its own HTTP response; a polled one by poll.py.
                answered_at=now if arrived_by == "push" else None,
            )
            submission = services.create_dossier(
                procedure=procedure,
                case=case,
                channel=Channel.NATIONAL_PORTAL,
                applicant=applicant,
                receiving_agency=agency,
                form_data=form_data,
                uploads=[
                    services.Upload(f.code, f.file, form=f.form, quantity=f.quantity)
                    for f in fetched
                ],
                actor=client.user,
                client=client,
                submitted_at=submitted_at,
                origin=origin,
                now=now,
            )
            inbound.dossier = submission.dossier
            inbound.save(update_fields=["dossier"])
            if identity is not None:
                services.record_identity_check(
                    submission.dossier, actor=client.user, data=identity, client=client, now=now
                )
    except IntegrityError:
        # The same dossier was delivered concurrently and the other delivery won.
        found = existing(national_code)
        if found is None or found.dossier_id is None:
            raise
        InboundDossier.objects.filter(pk=found.pk).update(deliveries=F("deliveries") + 1)
        return Accepted(national_code, found.dossier.code, created=False)
    except NotAllowed as exc:
        # The integration's client does not cover this agency: our configuration, not the
        # dossier's fault; the portal keeps it and the poll brings it again once fixed.
        raise NotReady(f"the integration's client may not file here: {exc.message}") from exc
    except DossierError as exc:
        field, messages = next(iter(exc.errors.items()), (exc.field or "", [exc.message]))
        raise Refused(
            _("%(reason)s (%(field)s: %(detail)s)")
            % {"reason": exc.message, "field": _body_field(field), "detail": messages[0]}
            if exc.errors
            else exc.message,
            field=_body_field(field),
        ) from exc
    return Accepted(national_code, submission.dossier.code, created=True)


def _birth_date(value) -> date | None:
    """ThongTinNguoiNop.NgaySinh: yyyyMMdd (the portal's), YYYY-MM-DD or dd/mm/yyyy."""
    text = str(value or "").strip()
    for layout in ("%Y%m%d", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, layout).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    return None


def _identity_check(applicant: Applicant, person: dict):
    """The population database's answer on the citizen who submitted, asked before the
    dossier is written (a network call never holds a transaction open); whatever it says is
    recorded on the dossier for reception to see (docs/data-reuse.md)."""
    if not population.configured():
        return None
    if applicant.kind != ApplicantKind.CITIZEN or not applicant.personal_id:
        return None
    birth_date = _birth_date(person.get("NgaySinh"))
    if birth_date is None or not applicant.name:
        answer = population.Answer(IdentityResult.INCOMPLETE)
    else:
        answer = population.check(applicant.personal_id, applicant.name, birth_date)
    return services.IdentityCheckData(
        personal_id=applicant.personal_id,
        name=applicant.name,
        birth_date=birth_date,
        result=answer.result,
        differing_fields=answer.fields,
        ma_csdl=answer.ma_csdl,
    )


def _body_field(field: str) -> str:
    """Our field name as the part of the portal's body it came from."""
    if field.startswith("form_data."):
        return "DuLieuBieuMau." + field.removeprefix("form_data.")
    if field.startswith("documents."):
        return "ThanhPhanHoSo." + field.removeprefix("documents.")
    return {
        "name": "ThongTinNguoiNop.HoVaTen",
        "personal_id": "ThongTinNguoiNop.SoDinhDanh",
        "tax_code": "ThongTinNguoiNop.SoDinhDanh",
        "phone": "ThongTinNguoiNop.SoDienThoai",
        "email": "ThongTinNguoiNop.Email",
        "address": "ThongTinNguoiNop.DiaChi",
        "commune_code": "ThongTinNguoiNop.MaXa",
        "channel": "MaTTHC",
        "procedure": "MaTTHC",
        "receiving_agency": "MaDonViTiepNhan",
    }.get(field, field)


def _applicant(body: dict, person: dict) -> Applicant:
    """The applicant: the dossier's holder (ChuHoSo, of kind LoaiDoiTuong, identified by
    MaDoiTuong when given) and the person who submitted it (ThongTinNguoiNop). When the holder
    is an organisation, or a citizen other than the person submitting, that person is kept as
    the submitter."""
    kind = APPLICANT_KINDS.get(body.get("LoaiDoiTuong", 1))
    if kind is None:
        raise Refused(
            _("Loại đối tượng phải là 1 (công dân) hoặc 2 (tổ chức)."), field="LoaiDoiTuong"
        )

    def value(source: dict, key: str, column: str) -> str:
        text = source.get(key) or ""
        return str(text).strip()[: max_length(column)] if isinstance(text, str | int) else ""

    person_name = value(person, "HoVaTen", "submitter_name")
    person_id = value(person, "SoDinhDanh", "submitter_personal_id")
    holder = value(body, "ChuHoSo", "name") or person_name
    holder_id = value(body, "MaDoiTuong", "tax_code")
    on_behalf = kind == ApplicantKind.ORGANISATION or (
        holder_id not in ("", person_id) or holder != person_name
    )
    commune = str(person.get("MaXa") or "").strip()
    return Applicant(
        kind=kind,
        name=holder,
        personal_id=(holder_id or ("" if on_behalf else person_id))[:12]
        if kind == ApplicantKind.CITIZEN
        else "",
        tax_code=holder_id if kind == ApplicantKind.ORGANISATION else "",
        address=value(person, "DiaChi", "address"),
        commune_code=commune if re.fullmatch(r"\d{5}", commune) else "",
        phone=value(person, "SoDienThoai", "phone"),
        email=value(person, "Email", "email"),
        submitter_name=person_name if on_behalf else "",
        submitter_personal_id=person_id if on_behalf else "",
    )


def _components(procedure: Procedure, body: dict) -> tuple:
    """The case whose documents the components name, and every file fetched and checked."""
    components = body.get("ThanhPhanHoSo") or []
    if not isinstance(components, list):
        raise Refused(_("Thành phần hồ sơ phải là một danh sách."), field="ThanhPhanHoSo")
    codes = []
    for index, component in enumerate(components):
        if not isinstance(component, dict):
            raise Refused(_("Mỗi thành phần hồ sơ phải là một đối tượng."), field="ThanhPhanHoSo")
        codes.append(_text(component, "MaThanhPhanHoSo", limit=50))
        if codes[-1] in codes[:-1]:
            raise Refused(
                _("Thành phần %(code)s xuất hiện hai lần.") % {"code": codes[-1]},
                field=f"ThanhPhanHoSo[{index}].MaThanhPhanHoSo",
            )
    parts = procedure_parts(procedure)
    cases = list(procedure.cases.all())
    if not cases:
        raise Refused(_("Thủ tục chưa có trường hợp nào để nhận hồ sơ."), field="MaTTHC")
    case = next(
        (
            case
            for case in cases
            if set(codes) <= {code for code, _doc in coded_documents(parts.documents_of(case))}
        ),
        cases[0],
    )
    fetched = []
    total = 0
    for index, component in enumerate(components):
        files = component.get("GiayToDinhKem") or []
        where = f"ThanhPhanHoSo[{index}]"
        if not isinstance(files, list) or not files:
            raise Refused(
                _("Thành phần %(code)s không có tệp đính kèm.") % {"code": codes[index]},
                field=f"{where}.GiayToDinhKem",
            )
        if len(files) > 1:
            # A checklist line of ours holds one file (DossierDocument.file): several files of
            # one component are refused with a reason the applicant can act on.
            raise Refused(
                _(
                    "Thành phần %(code)s có %(n)s tệp đính kèm, nhưng hệ thống một cửa của tỉnh "
                    "nhận đúng một tệp cho mỗi thành phần hồ sơ. Hãy gộp các tệp (ví dụ hai mặt "
                    "căn cước) thành một tệp PDF rồi nộp lại."
                )
                % {"code": codes[index], "n": len(files)},
                field=f"{where}.GiayToDinhKem",
            )
        attached = files[0] if isinstance(files[0], dict) else {}
        copy_kind = COPY_KINDS.get(component.get("LoaiBan", 2))
        if copy_kind is None:
            raise Refused(
                _("Loại bản phải là 0 (bản chính), 1 (bản sao) hoặc 2 (bản điện tử)."),
                field=f"{where}.LoaiBan",
            )
        quantity = component.get("SoLuong", 1)
        if not isinstance(quantity, int) or not 1 <= quantity <= 99:
            quantity = 1
        content = _fetch_checked(attached, f"{where}.GiayToDinhKem[0]")
        total += len(content)
        if total > settings.DOSSIER_UPLOAD_MAX_BYTES:
            raise Refused(
                _("Tổng dung lượng các tệp vượt mức tối đa của một hồ sơ."),
                field=f"{where}.GiayToDinhKem[0]",
            )
        name = _text(attached, "TenGiayTo", required=False, limit=200) or codes[index]
        fetched.append(
            _Fetched(codes[index], copy_kind, quantity, SimpleUploadedFile(name, content))
        )
    return case, fetched


def _fetch_checked(attached: dict, field: str) -> bytes:
    url = str(attached.get("DuongDan") or "")
    expected = _HASH.match(str(attached.get("HashTepTin") or ""))
    if not expected:
        raise Refused(_("Thiếu mã băm sha256 của tệp (HashTepTin)."), field=f"{field}.HashTepTin")
    if not url.startswith(("http://", "https://")):
        raise Refused(_("Đường dẫn tệp không hợp lệ."), field=f"{field}.DuongDan")
    content = fetch_file(url, field=f"{field}.DuongDan")
    if hashlib.sha256(content).hexdigest() != expected.group(1).lower():
        raise Refused(
            _("Tệp tải về không khớp mã băm đã khai (HashTepTin)."), field=f"{field}.HashTepTin"
        )
    return content


def fetch_file(url: str, *, field: str) -> bytes:
    """The bytes at `url`, refused past UPLOAD_MAX_BYTES (read as they stream in, never
    buffered past the limit) or when the link answers 4xx; a link that does not answer within
    NATIONAL_PORTAL_TIMEOUT seconds, or answers 5xx, is a transient fault (NotReady)."""
    limit = settings.UPLOAD_MAX_BYTES
    try:
        with httpx.stream("GET", url, timeout=_timeout(), follow_redirects=False) as response:
            if response.status_code >= 500:
                raise NotReady(f"file link answered {response.status_code}")
            if response.status_code != 200:
                raise Refused(
                    _("Không tải được tệp (HTTP %(status)s).") % {"status": response.status_code},
                    field=field,
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise Refused(_("Tệp quá lớn."), field=field)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise Refused(_("Tệp quá lớn."), field=field)
                chunks.append(chunk)
    except httpx.HTTPError as exc:
        logger.warning("inbound file %s not fetched: %s", url, exc)
        raise NotReady(f"file link not fetched: {exc}") from exc
    return b"".join(chunks)


def _timeout() -> float:
    return float(getattr(settings, "NATIONAL_PORTAL_TIMEOUT", 10))
