"""Abuse limits for anonymous forms that send email (docs/decisions/0022).

Counts live in Django's cache under a hash of the key, so no address or client address is kept
there in clear. Each app process has its own local-memory cache unless a shared one is
configured: with N processes a client can reach at most N times its limit. The per-address
limit of following an area is kept in the database instead (areasend/alerts/services.py), so
it is exact across processes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from areasend.ops.client_ip import client_ip

HOUR = 3600


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


def _key(limit: Limit, key: str) -> str:
    return f"limit:{limit.name}:{hashlib.sha256(key.strip().lower().encode()).hexdigest()}"


def take(limit: Limit, key: str) -> bool:
    """Counts one use of ``limit`` by ``key``: False once it has had ``count`` in the window."""
    name = _key(limit, key)
    cache.add(name, 0, timeout=limit.seconds)  # the window starts at the first use
    try:
        used = cache.incr(name)
    except ValueError:  # the window ended between add and incr: a new one starts
        cache.set(name, 1, timeout=limit.seconds)
        used = 1
    return used <= limit.count


def per_client() -> Limit:
    return Limit("email-client", settings.AREASEND_EMAILS_PER_CLIENT_PER_HOUR, HOUR)


def client_over_limit(request: HttpRequest) -> HttpResponse | None:
    """The 429 page if this client has asked for too many emails this hour, else None."""
    if take(per_client(), client_ip(request) or "unknown"):
        return None
    return render(request, "ops/too_many_emails.html", status=429)
