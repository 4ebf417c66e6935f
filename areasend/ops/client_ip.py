"""The client's address, for sign-in throttling (django-axes' AXES_CLIENT_IP_CALLABLE).

Behind N trusted reverse proxies (AREASEND_TRUSTED_PROXY_COUNT), the client is the N-th
address from the right of X-Forwarded-For: everything left of it could have been written by
the client itself. With no proxy (the default) the header is ignored, so it cannot be spoofed.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    proxies: int = getattr(settings, "AREASEND_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded: list[str] = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None
