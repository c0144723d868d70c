"""The public download link of a signed result: `SITE_URL/ket-qua/<code>/<token>/`.

The token is an HMAC (Django's signing, under SECRET_KEY and its fallbacks) of the result's
code and its link nonce, so it cannot be guessed from the code printed on the result, is never
stored, and is checked in constant time. Renewing the nonce (`services.renew_public_link`)
revokes every link given out before: a link that leaked stops working, and the next sync tells
the national portal the new one. The link serves the signed PDF and nothing else: no page of
the dossier, nothing the result does not print.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from motcua.results import selectors

SALT = "motcua.results.public-link"


def _value(result) -> str:
    return f"{result.code}:{result.link_nonce}"


def token(result) -> str:
    value = _value(result)
    return signing.Signer(salt=SALT).sign(value)[len(value) + 1 :]


def public_url(result) -> str:
    path = reverse("portal:result_download", args=[result.code, token(result)])
    return settings.SITE_URL.rstrip("/") + path


def resolve(code: str, given: str):
    """The signed result whose link this is, or None (unknown code, revoked, tampered)."""
    result = selectors.by_code(code)
    if result is None or not result.link_nonce or not given or len(given) > 200:
        return None
    try:
        signing.Signer(salt=SALT).unsign(f"{_value(result)}:{given}")
    except signing.BadSignature:
        return None
    return result


def of_documents(documents) -> list:
    """The result documents, each with `signed_result` (or None) and `public_url` (or ""):
    one query, and none when there are no documents (a page's query count stays fixed)."""
    from motcua.results.models import SignedResult

    listed = list(documents)
    signed = {}
    if listed:
        signed = {
            result.document_id: result
            for result in SignedResult.objects.filter(document_id__in=[d.pk for d in listed])
        }
    for document in listed:
        document.signed_result = signed.get(document.pk)
        document.public_url = public_url(document.signed_result) if document.signed_result else ""
    return listed
