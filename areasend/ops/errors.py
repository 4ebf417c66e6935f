"""The server-error page, rendered with the request so it can show the request id.

Django's default 500 view renders without the request (so without context
processors); this one keeps it, and falls back to plain text if even the
template fails.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader


def server_error(request: HttpRequest) -> HttpResponse:
    request_id = getattr(request, "request_id", "")
    try:
        body = loader.get_template("500.html").render({"request_id": request_id}, request)
    except Exception:  # the error page must never raise: answer in plain text instead
        return HttpResponseServerError(
            f"Sorry, there is a problem with the service. Reference {request_id}.",
            content_type="text/plain",
        )
    return HttpResponseServerError(body)
