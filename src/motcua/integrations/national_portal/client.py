"""The national portal's protocol, shape A (docs/integration.md, "Connection").

`POST {base}/auth` gives a session; every later call is `POST {base}/integration` (writes) or
`POST {base}/share` (reads) with `{"session", "madonvi", "service", "data"}` and the `dstcode`
header. The client keeps its session between calls (one per process, shared by threads) and
signs in again once when the portal answers `error_code` -1 (session expired or unknown).

Errors are typed so that callers can tell what to do:
- `TransientError` (timeout, refused or closed connection, HTTP 5xx, an answer that is not
  JSON): try again later, the portal may not even have seen the call;
- `Refused` (HTTP 200 with `error_code` other than 0, or sign-in refused): the portal read the
  call and said no; `code` and `message` are its own answer, kept for administrators.

Every name of the protocol (call names, fields) lives in this module and in `payloads.py`, so a
deployment that receives a different guide adjusts them here.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

import httpx
from django.conf import settings

log = logging.getLogger(__name__)

# Call names (shape A `service`).
SYNC_DOSSIER = "DongBoHoSoMC"
UPDATE_PROGRESS = "CapNhatTienDoHoSoMC"
LOOK_UP_DOSSIER = "TraCuuHoSo"
LIST_PROCEDURES = "LayDanhSachTTHC"
GET_PROCEDURE = "LayThuTuc"
LIST_AGENCIES = "LayDanhMucCoQuan"
LIST_FIELDS = "LayDanhMucLinhVuc"
LIST_NEW_DOSSIERS = "LayDanhSachHoSoMoi"
ANSWER_RECEPTION = "PhanHoiTiepNhanHoSo"
PERSONAL_DOCUMENTS = "LayGiayToKhoDuLieu"

# The `error_code` that says the session is no longer valid.
SESSION_EXPIRED = -1


class PortalError(Exception):
    """Any failure of a call to the national portal."""

    def __init__(self, message: str, *, service: str = ""):
        super().__init__(message)
        self.message = message
        self.service = service


class TransientError(PortalError):
    """The call may not have reached the portal, or the portal failed: try again later."""


class Refused(PortalError):
    """The portal answered and refused (`error_code` other than 0)."""

    def __init__(self, message: str, *, code: int, service: str = "", answer=None):
        super().__init__(message, service=service)
        self.code = code
        self.answer = answer or {}

    def __str__(self) -> str:
        return f"error_code {self.code}: {self.message}"


class NotConfigured(PortalError):
    """NATIONAL_PORTAL_URL is empty: the integration is off."""


@dataclass
class Config:
    url: str
    username: str
    password: str
    dstcode: str
    timeout: float

    @classmethod
    def from_settings(cls) -> Config:
        return cls(
            url=(settings.NATIONAL_PORTAL_URL or "").rstrip("/"),
            username=settings.NATIONAL_PORTAL_USERNAME,
            password=settings.NATIONAL_PORTAL_PASSWORD,
            dstcode=settings.NATIONAL_PORTAL_DSTCODE,
            timeout=float(settings.NATIONAL_PORTAL_TIMEOUT),
        )


@dataclass
class Client:
    """One connection to the portal. Thread-safe: the session is shared under a lock."""

    config: Config
    _session: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _http: httpx.Client | None = field(default=None, repr=False)
    sign_ins: int = 0

    # --- transport -------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(
                timeout=httpx.Timeout(self.config.timeout),
                headers={"dstcode": self.config.dstcode},
            )
        return self._http

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def _post(self, path: str, body: dict, *, service: str) -> dict:
        if not self.config.url:
            raise NotConfigured("NATIONAL_PORTAL_URL is empty", service=service)
        try:
            response = self._client().post(f"{self.config.url}/{path}", json=body)
        except httpx.TimeoutException as exc:
            raise TransientError(f"timeout: {exc}", service=service) from exc
        except httpx.HTTPError as exc:  # connection refused, reset, closed, protocol error
            raise TransientError(f"{type(exc).__name__}: {exc}", service=service) from exc
        if response.status_code >= 500:
            raise TransientError(
                f"HTTP {response.status_code}: {response.text[:300]}", service=service
            )
        try:
            answer = response.json()
        except ValueError as exc:
            raise TransientError(
                f"HTTP {response.status_code}, not JSON: {response.text[:300]}", service=service
            ) from exc
        if not isinstance(answer, dict):
            raise TransientError(f"unexpected answer: {answer!r:.300}", service=service)
        if response.status_code >= 400 and "error_code" not in answer:
            raise Refused(
                f"HTTP {response.status_code}: {response.text[:300]}",
                code=response.status_code,
                service=service,
                answer=answer,
            )
        return answer

    @staticmethod
    def _code(answer: dict) -> int:
        try:
            return int(answer.get("error_code", 0))
        except (TypeError, ValueError):
            return 0 if answer.get("error_code") in (None, "") else 99

    # --- session ---------------------------------------------------------------------------

    def sign_in(self) -> str:
        answer = self._post(
            "auth",
            {"username": self.config.username, "password": self.config.password},
            service="auth",
        )
        code = self._code(answer)
        if code != 0 or not answer.get("session"):
            raise Refused(
                answer.get("message") or "sign-in refused",
                code=code or 1,
                service="auth",
                answer=answer,
            )
        self.sign_ins += 1
        return str(answer["session"])

    def _current_session(self, *, renew_from: str | None = None) -> str:
        with self._lock:
            if not self._session or (renew_from is not None and self._session == renew_from):
                self._session = self.sign_in()
            return self._session

    def call(self, kind: str, service: str, data: dict, *, madonvi: str = "") -> dict:
        """One call of `service` on `kind` ("integration" or "share"). Returns the whole answer
        (error_code 0); signs in when there is no session, and again once if the portal says
        the session expired."""
        session = self._current_session()
        body = {"session": session, "madonvi": madonvi, "service": service, "data": data}
        answer = self._post(kind, body, service=service)
        if self._code(answer) == SESSION_EXPIRED:
            log.info("national portal: session expired on %s, signing in again", service)
            session = self._current_session(renew_from=session)
            body["session"] = session
            answer = self._post(kind, body, service=service)
        code = self._code(answer)
        if code != 0:
            raise Refused(
                answer.get("message") or f"error_code {code}",
                code=code,
                service=service,
                answer=answer,
            )
        return answer

    # --- calls -----------------------------------------------------------------------------

    def sync_dossier(self, data: dict, *, updating: bool, madonvi: str = "") -> dict:
        """DongBoHoSoMC: the whole dossier (payloads.dossier_sync). Returns the answer, which
        carries the portal's MaHoSoQG."""
        return self.call(
            "integration", SYNC_DOSSIER, {**data, "isUpdating": updating}, madonvi=madonvi
        )

    def update_progress(self, line: dict, *, update_id: str, madonvi: str = "") -> dict:
        """CapNhatTienDoHoSoMC: one progress line with our stable id (MaTienDo)."""
        return self.call(
            "integration", UPDATE_PROGRESS, {**line, "MaTienDo": update_id}, madonvi=madonvi
        )

    def look_up_dossier(self, code: str, *, madonvi: str = "") -> dict | None:
        """TraCuuHoSo: what the portal holds for our dossier `code` (with its progress lines
        under "TienDo"), or None when it does not know it (error_code 1)."""
        try:
            answer = self.call("share", LOOK_UP_DOSSIER, {"MaHoSo": code}, madonvi=madonvi)
        except Refused as exc:
            if exc.code == 1:
                return None
            raise
        return answer.get("data") or {}

    def list_procedures(self, *, madonvi: str = "") -> list[dict]:
        """LayDanhSachTTHC: [{MATTHC, TENTTHC, MALINHVUC, TENLINHVUC, NGAYCAPNHAT}…]."""
        return list(self.call("share", LIST_PROCEDURES, {}, madonvi=madonvi).get("data") or [])

    def get_procedure(self, national_code: str, *, madonvi: str = "") -> dict:
        """LayThuTuc: one procedure in the national record shape."""
        return (
            self.call("share", GET_PROCEDURE, {"maTTHC": national_code}, madonvi=madonvi).get(
                "data"
            )
            or {}
        )

    def list_agencies(self, *, madonvi: str = "") -> list[dict]:
        """LayDanhMucCoQuan: [{MaCoQuan, TenCoQuan, MaCoQuanCha}…]."""
        return list(self.call("share", LIST_AGENCIES, {}, madonvi=madonvi).get("data") or [])

    def list_fields(self, *, madonvi: str = "") -> list[dict]:
        """LayDanhMucLinhVuc: [{MaLinhVuc, TenLinhVuc}…]."""
        return list(self.call("share", LIST_FIELDS, {}, madonvi=madonvi).get("data") or [])

    def personal_documents(self, personal_id: str, *, madonvi: str = "") -> list[dict]:
        """LayGiayToKhoDuLieu: the documents of one citizen's personal data store,
        [{MaGiayTo, TenGiayTo, TenTep, DuongDan, HashTepTin, NgayCap}…]."""
        answer = self.call(
            "share", PERSONAL_DOCUMENTS, {"SoDinhDanh": personal_id}, madonvi=madonvi
        )
        return [item for item in answer.get("data") or [] if isinstance(item, dict)]

    def sync_feedback(self, service: str, data: dict, *, madonvi: str = "") -> dict:
        """A rating or a complaint sync (mapping.SYNC_RATING, mapping.SYNC_COMPLAINT): the
        whole record, stored once on the portal under its id."""
        return self.call("integration", service, data, madonvi=madonvi)

    def look_up_feedback(self, service: str, key: str, value: str, *, madonvi: str = ""):
        """A rating's or a complaint's read-back (mapping.LOOK_UP_RATING, LOOK_UP_COMPLAINT):
        what the portal holds under `key` = `value`, or None when it holds nothing (code 1)."""
        try:
            answer = self.call("share", service, {key: value}, madonvi=madonvi)
        except Refused as exc:
            if exc.code == 1:
                return None
            raise
        return answer.get("data") or {}

    def list_new_complaints(
        self, service: str, cursor: str = "", *, madonvi: str = ""
    ) -> tuple[list[dict], str]:
        """The complaints citizens sent on the portal after `cursor` (mapping.LIST_NEW_COMPLAINTS,
        oldest first): (the complaints, the next cursor)."""
        answer = self.call("share", service, {"Cursor": cursor or ""}, madonvi=madonvi)
        items = [item for item in answer.get("data") or [] if isinstance(item, dict)]
        return items, str(answer.get("Cursor") or "")

    def list_new_dossiers(self, cursor: str = "", *, madonvi: str = "") -> tuple[list[dict], str]:
        """LayDanhSachHoSoMoi: (pushed-dossier bodies oldest first, the next cursor)."""
        answer = self.call("share", LIST_NEW_DOSSIERS, {"Cursor": cursor or ""}, madonvi=madonvi)
        return list(answer.get("data") or []), str(answer.get("Cursor") or "")

    def answer_reception(
        self,
        national_id: str,
        *,
        accepted: bool,
        our_code: str = "",
        reason: str = "",
        madonvi: str = "",
    ) -> dict:
        """PhanHoiTiepNhanHoSo: our answer to a dossier fetched by poll."""
        return self.call(
            "integration",
            ANSWER_RECEPTION,
            {
                "MaHoSoQG": national_id,
                "KetQua": 1 if accepted else 0,
                "MaHoSo": our_code or "",
                "LyDo": reason or "",
            },
            madonvi=madonvi,
        )


_shared: Client | None = None
_shared_lock = threading.Lock()


def get_client() -> Client:
    """The process's client for the configured portal (a new one when the settings changed,
    as tests do), so the session is reused across deliveries."""
    global _shared
    config = Config.from_settings()
    with _shared_lock:
        if _shared is None or _shared.config != config:
            if _shared is not None:
                _shared.close()
            _shared = Client(config)
        return _shared


def enabled() -> bool:
    return bool(settings.NATIONAL_PORTAL_URL)
