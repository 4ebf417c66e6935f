from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse


def service_navigation(request: HttpRequest) -> dict[str, object]:
    items = [
        ("Local areas", reverse("register:area_list")),
        ("Dashboard", reverse("register:dashboard")),
        ("Open data", reverse("register:open_data")),
    ]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Staff: their casework and what is due; signing out is a form in the footer.
        items += [("Inspections", reverse("inspections:list")), ("What is due", reverse("due"))]
    else:
        items.append(("Staff sign in", reverse("login")))
    return {
        "service_navigation": [
            {"text": text, "href": href, "active": request.path.startswith(href)}
            for text, href in items
        ]
    }
