"""Outside development the demo password signs nobody in (docs/decisions/0024-safe-by-default.md).

A database that once had the demo people, or a person who chose the published password, must not
open to it in production: this backend sits before Django's and vetoes the attempt, which then
counts as a failed sign-in (django-axes sees it) on every sign-in form, the admin's included.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q
from django.http import HttpRequest

from areasend.accounts.demo import PASSWORD


class RefuseDemoPasswordBackend:
    """Authenticates nobody; only vetoes. No ``get_user``, so no session is ever bound to it
    (Django's force_login and session lookups pick the first backend that has one)."""

    def authenticate(
        self, request: HttpRequest | None, password: str | None = None, **kwargs: Any
    ) -> None:
        if password == PASSWORD and not settings.DEVELOPMENT:
            # PermissionDenied stops authenticate() trying the backends after this one.
            raise PermissionDenied("The demonstration password is refused outside development.")
        return None


class StaffModelBackend(ModelBackend):
    """Django's own backend, except for two reads every staff page makes: the signed-in user
    comes with their person and organisation in one query (the menu and the permission table
    ask for both), and their permissions, their own and their groups', in one query (the
    menu asks whether they review letters), not two."""

    def get_user(self, user_id: int) -> User | None:
        users = User._default_manager.select_related("person__organisation")
        try:
            user = users.get(pk=user_id)
        except ObjectDoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Model | None = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            perms = Permission.objects.all()
            if not user_obj.is_superuser:
                perms = perms.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = perms.values_list("content_type__app_label", "codename").order_by().distinct()
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in rows}
        cached: set[str] = user_obj._perm_cache
        return cached
