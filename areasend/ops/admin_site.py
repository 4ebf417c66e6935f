"""The admin behind the service's own sign-in and a second factor (docs/decisions/0022).

Django's admin has its own password-only sign-in page: that would let an administrator with an
authenticator app in on the password alone. Here the admin's sign-in is the service's
(areasend/ops/signin.py, which asks for the code), and the admin answers only a session that was
verified with a second factor: an administrator without an authenticator app has none to give,
so has no admin until one is registered (`manage.py add_totp_device`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.urls import reverse


class SecondFactorAdminSite(admin.AdminSite):
    site_header = "areasend administration"
    site_title = "areasend administration"

    def has_permission(self, request: HttpRequest) -> bool:
        verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and callable(verified) and bool(verified())

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Never a password form of its own: the service's sign-in, or why the admin is shut."""
        if self.has_permission(request):
            return redirect("admin:index")
        if not request.user.is_authenticated:
            # The service's sign-in checks that "next" stays on this site.
            return redirect_to_login(
                request.GET.get("next", reverse("admin:index")), reverse("login")
            )
        return render(
            request,
            "ops/admin_needs_second_factor.html",
            {"is_staff": request.user.is_staff},
            status=403,
        )
