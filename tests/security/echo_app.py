"""A WSGI app that answers with what reached it, for testing gunicorn.conf.py with gunicorn."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    seen = {k: v for k, v in environ.items() if k.startswith("HTTP_X_") or k == "HTTP_FORWARDED"}
    seen["wsgi.url_scheme"] = environ["wsgi.url_scheme"]
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(seen).encode()]
