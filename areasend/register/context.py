from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from areasend.staff.menu import menu_for


def service_navigation(request: HttpRequest) -> dict[str, object]:
    items = [("Local areas", reverse("register:area_list"))]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Staff: only the pages the permission table lets them in; signing out is in the footer.
        items += [(link.text, link.href) for link in menu_for(user)]
    else:
        items += [
            ("Dashboard", reverse("register:dashboard")),
            ("Open data", reverse("register:open_data")),
            ("Staff sign in", reverse("login")),
        ]
    return {
        "service_navigation": [
            {"text": text, "href": href, "active": request.path.startswith(href)}
            for text, href in items
        ]
    }
