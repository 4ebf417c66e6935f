"""gunicorn's settings for areasend; gunicorn reads this file when started from the project
folder, and `-c gunicorn.conf.py` names it wherever it starts (docs/operations.md).

Forwarding headers (X-Forwarded-Proto, X-Forwarded-For, ...) are believed only from the
proxies named in FORWARDED_ALLOW_IPS (or --forwarded-allow-ips): nobody by default, not
gunicorn's own default of any local process. From any other peer they are removed before
Django sees them, so neither the HTTPS check (AREASEND_TLS_PROXY_HEADER) nor sign-in
throttling (AREASEND_TRUSTED_PROXY_COUNT) can be fooled by a client that reaches the server
directly (docs/decisions/0024-safe-by-default.md).
"""

from __future__ import annotations

import ipaddress
import os
from typing import Any

# Explicit: the addresses of the TLS proxies in front of this server, comma-separated.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")

#: Headers only a proxy may set; names as gunicorn holds them (upper case).
FORWARDING = {
    "X-FORWARDED-PROTO",
    "X-FORWARDED-PROTOCOL",
    "X-FORWARDED-SSL",
    "X-FORWARDED-FOR",
    "X-FORWARDED-HOST",
    "X-FORWARDED-PORT",
    "FORWARDED",
    os.environ.get("AREASEND_TLS_PROXY_HEADER", "X-FORWARDED-PROTO").strip().upper(),
}


def trusted(peer: Any, allowed: list[str]) -> bool:
    """Whether the peer is a named proxy. A Unix socket's peer has no address: only local
    processes with rights to the socket file reach it, and gunicorn trusts it too."""
    if not isinstance(peer, tuple):
        return True
    if "*" in allowed:
        return True
    try:
        address = ipaddress.ip_address(peer[0])
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(entry, strict=False) for entry in allowed)


def pre_request(worker: Any, req: Any) -> None:
    """Drop forwarding headers a peer that is not a named proxy sent."""
    if not trusted(req.peer_addr, list(worker.cfg.forwarded_allow_ips)):
        req.headers = [(name, value) for name, value in req.headers if name not in FORWARDING]
