"""Administrators see who has a calendar link and can stop one; nobody sees its secret."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from areasend.reminders.calendars import do_revoke_calendar_token
from areasend.reminders.models import CalendarToken


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["person", "created_at", "expires_at", "revoked_at", "revoked_by"]
    list_filter = ["revoked_at"]
    search_fields = ["person__user__username", "person__user__last_name"]
    # The nonce is half of the address: never shown.
    fields = ("person", "created_at", "expires_at", "revoked_at", "revoked_by")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description="Stop the selected calendar links")
    def revoke(self, request: HttpRequest, queryset: QuerySet[CalendarToken]) -> None:
        stopped = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                do_revoke_calendar_token(request.user, token)
            except PermissionDenied as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
                return
            except ValidationError as refusal:  # revoked meanwhile by someone else
                self.message_user(request, " ".join(refusal.messages), messages.WARNING)
                continue
            stopped += 1
        self.message_user(request, f"{stopped} calendar link(s) stopped.", messages.SUCCESS)
