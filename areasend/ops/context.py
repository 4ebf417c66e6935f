"""Puts the request id in every template, for error pages to show."""

from __future__ import annotations

from django.http import HttpRequest


def request_id(request: HttpRequest) -> dict[str, str]:
    return {"request_id": getattr(request, "request_id", "")}
