"""Admin pages that replace django-otp's and Django's own for authenticator apps and users.

Registered by SecondFactorAdminConfig.ready (areasend/ops/apps.py), after autodiscovery has
registered the originals, which are then swapped out.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from areasend.accounts.services import do_revoke_authenticator


def replace_model_admins() -> None:
    """Swap django-otp's and Django's user admin for the safer ones below (after autodiscovery)."""
    _replace(TOTPDevice, TOTPDeviceAdmin)
    _replace(get_user_model(), StaffUserAdmin)


def _replace(model: Any, model_admin: Any) -> None:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


class TOTPDeviceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Authenticator apps, listed and revocable, never shown: no key, no QR code, no link.

    django-otp's own admin shows the secret (the key field and a QR code page) to anyone who may
    view devices, so a copy of another person's second factor was a click away. Enrolment is
    `manage.py add_totp_device`, which prints the secret once to the person enrolling.
    """

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "name"]
    readonly_fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    # Revoking is audited like every change (do_revoke_authenticator).
    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        do_revoke_authenticator(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[TOTPDevice]) -> None:
        for device in queryset.select_related("user"):
            do_revoke_authenticator(request.user, device)


class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    """Django's user admin, except that only a superuser may hand out admin rights.

    Administrators may add and change accounts, but with ``is_superuser``, ``is_staff``, groups
    and permissions editable they could make themselves (or anyone) a superuser.
    """

    GRANTS = ("is_superuser", "is_staff", "groups", "user_permissions")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Nor take over a superuser's account by setting its password.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += [name for name in self.GRANTS if name not in readonly]
        return readonly
