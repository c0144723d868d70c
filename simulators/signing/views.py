"""The gateway's protocol: GET /api/v1/certificates, POST /api/v1/sign (service id and secret
in headers), the control page and its state API."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from simulators.kit import faults
from simulators.kit.control import faults_context, json_answer, read_json

from .models import Signature

_signer = None


def signer():
    global _signer
    if _signer is None:
        from pyhanko.sign import signers

        _signer = signers.SimpleSigner.load_pkcs12(
            settings.SIM_PKCS12, passphrase=settings.SIM_PASSPHRASE.encode()
        )
        if _signer is None:
            raise RuntimeError(f"cannot open {settings.SIM_PKCS12}")
    return _signer


def _authorised(request) -> bool:
    if faults.board().hits("refuse_auth"):
        return False
    service = request.headers.get("X-Service-Id", "")
    secret = request.headers.get("X-Service-Secret", "")
    return hmac.compare_digest(service, settings.SIM_SERVICE_ID) and hmac.compare_digest(
        secret, settings.SIM_SECRET
    )


def _refused(message: str, code: int = 1, status: int = 200):
    return json_answer({"error_code": code, "message": message}, status=status)


@require_safe
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@require_safe
def certificates(request):
    if not _authorised(request):
        return _refused("Sai mã dịch vụ hoặc khóa bí mật", status=401)
    chain = [signer().signing_cert, *signer().cert_registry]
    return json_answer(
        {"error_code": 0, "certificates": [base64.b64encode(c.dump()).decode() for c in chain]}
    )


@csrf_exempt
@require_POST
def sign(request):
    if not _authorised(request):
        return _refused("Sai mã dịch vụ hoặc khóa bí mật", status=401)
    try:
        body = read_json(request)
        digest = base64.b64decode(str(body.get("digest", "")), validate=True)
    except ValueError:
        body, digest = {}, b""
    if len(digest) != 32 or body.get("digest_algorithm") != "sha256":
        Signature.objects.create(service_id=settings.SIM_SERVICE_ID, digest="", answer="bad")
        return _refused("Tóm lược phải là SHA-256 (32 byte, base64)", code=2, status=400)
    if faults.board().hits("wrong_digest"):
        digest = hashlib.sha256(digest).digest()
    cms = asyncio.run(signer().async_sign(digest, "sha256", use_pades=True))
    Signature.objects.create(
        service_id=settings.SIM_SERVICE_ID, digest=digest.hex(), answer="signed"
    )
    return json_answer({"error_code": 0, "cms": base64.b64encode(cms.dump()).decode()})


@require_safe
def control(request):
    return render(
        request,
        "signing/control.html",
        {"signatures": Signature.objects.all()[:50], **faults_context()},
    )


@require_safe
def state_api(request):
    return json_answer(
        {
            "signed": Signature.objects.filter(answer="signed").count(),
            "refused": Signature.objects.exclude(answer="signed").count(),
        }
    )
