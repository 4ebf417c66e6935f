"""One JSON line per request on the `areasend.requests` logger, with a request id.

Only what operations need: method, path (never the query string, which can carry names or
search terms), status, duration and the user's id (never a name or an email). Every request
gets an id, returned in the X-Request-ID header and shown on error pages, so a person who
reports a problem can quote it and operations can find the request in the log.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponseBase, JsonResponse

logger = logging.getLogger("areasend.requests")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        # Generated here, never taken from the client: a forged id could hide in the log.
        request.request_id = uuid.uuid4().hex[:16]  # type: ignore[attr-defined]
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
            return response
        finally:
            # Logged even when a view raises, so a failing request is never silent.
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else "anonymous"
            logger.info(
                json.dumps(
                    {
                        "request_id": request.request_id,  # type: ignore[attr-defined]
                        "method": request.method,
                        "path": request.path,
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "user": user_id,
                    }
                )
            )


class NoStoreForSignedInMiddleware:
    """Every answer to a signed-in person says ``Cache-Control: no-store, private``.

    Their pages carry their name and, for the inspection team, embargoed drafts: no browser
    history, disk cache or shared proxy may keep a copy after they sign out. Only signed-in
    people can see embargoed content, so this covers every embargoed page and download.
    Anonymous answers are left as they are, so the public pages keep their caching
    (areasend/register/caching.py). Placed after the authentication middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Replaces, not adds to, whatever the view said: a public max-age must not survive.
            response["Cache-Control"] = "no-store, private"
            del response["Expires"]
        return response


_NUL_REFUSED = "A value in the request holds a NUL character."


class RefuseNulCharactersMiddleware:
    """Answer 400 to a query or form value holding a NUL character.

    No text a person types holds one, and PostgreSQL cannot store or compare it: a NUL in a
    search or a sign-in reached the database and answered 500 (issue 14's bad-input sweep).
    The API answers in its own documented error shape (``{"detail": ...}``); pages get the
    service's 400 page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        forms = [request.GET]
        if request.content_type == "application/x-www-form-urlencoded":
            forms.append(request.POST)
        for form in forms:
            for name, values in form.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    if request.path.startswith("/api/"):
                        return JsonResponse({"detail": _NUL_REFUSED}, status=400)
                    raise BadRequest(_NUL_REFUSED)
        return self.get_response(request)
