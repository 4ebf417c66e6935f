"""The admin behind the service's own sign-in and a second factor (docs/decisions/0022).

Django's admin has its own password-only sign-in page: that would let an administrator with an
authenticator app in on the password alone. Here the admin's sign-in is the service's
(areasend/ops/signin.py, which asks for the code), and the admin answers only a session that was
verified with a second factor: an administrator without an authenticator app has none to give,
so has no admin until one is registered (`manage.py add_totp_device`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse

_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


class SecondFactorAdminSite(admin.AdminSite):
    site_header = "areasend administration"
    site_title = "areasend administration"

    def admin_view(self, view: _View, cacheable: bool = False) -> _View:
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def without_empty_to_field(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            # Django's change and delete pages look up a field named by an empty
            # ``_to_field`` and answer 500; empty means "the primary key", as when absent.
            for name in ("GET", "POST"):
                query = getattr(request, name)
                if query.get(TO_FIELD_VAR, None) == "":
                    query = query.copy()
                    del query[TO_FIELD_VAR]
                    setattr(request, name, query)
            return inner(request, *args, **kwargs)

        return cast(_View, without_empty_to_field)

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
