"""The requests each scenario sends. Plain data, so that they cross into the load generator's
processes by fork; nothing here imports Django."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field

from bench.loadgen import Request

# The smallest file the upload check accepts as a PDF (content sniffed, not the name).
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]
) -> tuple[bytes, str]:
    """Encode a multipart/form-data body; returns (body, content type)."""
    boundary = f"bench{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'
            f"Content-Type: application/json; charset=utf-8\r\n\r\n".encode()
            + value.encode()
            + b"\r\n"
        )
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Healthz:
    """The trivial view: the ceiling this server, client and machine reach together."""

    name: str = "healthz"

    def request(self, rng: random.Random) -> Request:
        return Request("GET", "/healthz")

    def harvest(self, status: int, body: bytes):
        return None


@dataclass
class Submission:
    """An online submission through the API: e-form data and two small PDFs, a fresh
    Idempotency-Key each time, spread over the pool's procedures and receiving agencies."""

    api_key: str
    pool: list[dict]  # {"data": DossierIn as dict, "documents": [code, code]}
    name: str = "submission"

    def request(self, rng: random.Random) -> Request:
        entry = rng.choice(self.pool)
        data = dict(entry["data"])
        applicant = dict(data["applicant"])
        applicant["personal_id"] = f"{rng.randrange(10**11, 10**12):012d}"
        data["applicant"] = applicant
        files = {
            f"documents.{code}": (
                f"{code.lower()}.pdf",
                PDF + uuid.uuid4().hex.encode(),
                "application/pdf",
            )
            for code in entry["documents"]
        }
        body, content_type = multipart({"data": json.dumps(data, ensure_ascii=False)}, files)
        headers = {
            "Content-Type": content_type,
            "X-API-Key": self.api_key,
            "Idempotency-Key": uuid.uuid4().hex,
        }
        return Request("POST", "/api/v1/dossiers", body, headers)

    def harvest(self, status: int, body: bytes):
        answer = json.loads(body)
        return {"code": answer["code"], "secret": answer["lookup_secret"]}


@dataclass
class Lookup:
    """A citizen's lookup by dossier code and lookup secret (the public, rate-limited GET)."""

    pairs: list[dict] = field(default_factory=list)
    name: str = "lookup"

    def request(self, rng: random.Random) -> Request:
        pair = rng.choice(self.pairs)
        return Request("GET", f"/api/v1/lookup?code={pair['code']}&secret={pair['secret']}")

    def harvest(self, status: int, body: bytes):
        return None


@dataclass
class QueuePage:
    """An official's queue page in the office app, signed in through a session cookie."""

    session_cookie: str  # "sessionid=..."
    path: str = "/can-bo/ho-so/"
    name: str = "queue"

    def request(self, rng: random.Random) -> Request:
        return Request("GET", self.path, headers={"Cookie": self.session_cookie})

    def harvest(self, status: int, body: bytes):
        return None


@dataclass
class Page:
    """A GET of one of `paths`, drawn at random (a page, a search, an API read), with the
    headers given (a session cookie, an API key)."""

    name: str
    paths: list[str]
    headers: dict = field(default_factory=dict)

    def request(self, rng: random.Random) -> Request:
        return Request("GET", rng.choice(self.paths), headers=dict(self.headers))

    def harvest(self, status: int, body: bytes):
        return None
