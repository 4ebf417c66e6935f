from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse


def service_navigation(request: HttpRequest) -> dict[str, object]:
    items = [("Local areas", reverse("register:area_list"))]
    return {
        "service_navigation": [
            {"text": text, "href": href, "active": request.path.startswith(href)}
            for text, href in items
        ]
    }
