"""API tokens in the admin: listed and revoked, never shown, never issued here.

Issuing prints the secret once, so it is a command (``create_api_token``); the admin
shows no hash either. Revoking goes through ``api.services.do_revoke_token`` and is audited.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from areasend.api.models import ApiToken
from areasend.api.services import do_revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("pk", "name", "user", "created_at", "last_used", "revoked")
    list_filter = ("revoked",)
    search_fields = ("name", "user__username")
    fields = ("name", "user", "created_at", "last_used", "revoked")
    readonly_fields = fields
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        # Revoked, not deleted: the audit trail keeps naming the token.
        return False

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            do_revoke_token(request.user, token, via=f"admin by {request.user.get_username()}")
        messages.success(request, f"{queryset.count()} token(s) revoked: they answer 401 now.")
