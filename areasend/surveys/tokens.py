"""The submission token in each survey form: signed, so a response is posted from a form this
service served for this survey, and carrying the nonce that stores a resubmitted form once.
The form needs no cookie (the survey is anonymous), so it is exempt from CSRF checks; the
token does their work for an anonymous form that changes nobody's account."""

from __future__ import annotations

import secrets

from django.core import signing

SALT = "areasend.surveys.submission"
#: A form left open overnight, after a council's evening email, can still be sent.
MAX_AGE_SECONDS = 2 * 24 * 3600


def issue(inspection_id: int, kind: str) -> str:
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign(f"{inspection_id}:{kind}:{secrets.token_urlsafe(16)}")


def nonce_of(token: str, inspection_id: int, kind: str) -> str | None:
    """The token's nonce if it is this service's, for this survey and not expired, else None."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    pk, _, rest = value.partition(":")
    token_kind, _, nonce = rest.partition(":")
    if pk != str(inspection_id) or token_kind != kind or not nonce:
        return None
    return nonce
