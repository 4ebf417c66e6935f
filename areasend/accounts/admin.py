"""Administrators manage organisations and people here.

Inspection casework is deliberately not in the admin: draft findings and
unpublished letters are seen by the inspection team only (docs/permissions.md),
and the admin would let any administrator read them. The audit trail is
read-only.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from areasend.accounts.models import AuditEntry, Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "area"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["__str__", "organisation", "role", "nominated_officer"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__last_name", "organisation__name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "actor", "action", "object_type", "object_id", "area"]
    list_filter = ["action", "object_type"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
