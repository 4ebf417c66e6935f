"""One JSON line per request on the `areasend.requests` logger.

Only what operations need: method, path (never the query string, which can carry names or
search terms), status, duration and the user's id (never a name or an email).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("areasend.requests")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            # Logged even when a view raises, so a failing request is never silent.
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else "anonymous"
            logger.info(
                json.dumps(
                    {
                        "method": request.method,
                        "path": request.path,
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "user": user_id,
                    }
                )
            )
