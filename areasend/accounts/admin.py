"""Administrators manage organisations and people here.

Inspection casework is deliberately not in the admin: draft findings and
unpublished letters are seen by the inspection team only (docs/permissions.md),
and the admin would let any administrator read them. The audit trail is
read-only, and an entry about an inspection's casework shows its before and after
only once the inspection's letter is published: until then they would show the
draft findings, outcome and letter (docs/decisions/0022).
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.http import HttpRequest

from areasend.accounts.audit import audit, record_audit, snapshot
from areasend.accounts.models import AuditEntry, Organisation, Person
from areasend.areas.models import LocalArea


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every change made here leaves an audit entry, as the services' changes do (issue 14:
    the admin is one more door). The admin saves inside its own transaction, so the entry is
    written with the change or not at all."""

    def _area(self, obj: Any) -> LocalArea | None:
        return None

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        action = f"admin_{'change' if change else 'add'}_{obj._meta.model_name}"
        audit(request.user, action, obj, area=self._area(obj), before=before, after=snapshot(obj),
              via="admin")  # fmt: skip

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        pk, before, area = obj.pk, snapshot(obj), self._area(obj)
        super().delete_model(request, obj)
        record_audit(
            request.user, f"admin_delete_{obj._meta.model_name}", object_type=obj._meta.label,
            object_id=str(pk), area=area, before=before, after=None, via="admin",
        )  # fmt: skip

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "area"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def _area(self, obj: Organisation) -> LocalArea | None:
        return obj.area


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["__str__", "organisation", "role", "nominated_officer"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__last_name", "organisation__name"]

    def _area(self, obj: Person) -> LocalArea | None:
        return obj.organisation.area


#: The app whose records are an inspection's casework, under embargo until publication.
CASEWORK_APP = "inspections"
REDACTED = "Not shown: the letter of this inspection is not published yet."


def _inspection_id(entry: AuditEntry) -> int | None:
    """The inspection a casework entry is about, or None if it can no longer be told."""
    if entry.object_type == f"{CASEWORK_APP}.Inspection":
        return int(entry.object_id) if entry.object_id.isdigit() else None
    for record in (entry.after, entry.before):  # every casework record names its inspection
        if isinstance(record, dict) and isinstance(record.get("inspection"), int):
            return int(record["inspection"])
    return None


def under_embargo(entry: AuditEntry) -> bool:
    """Whether the entry's before and after may hold draft casework (fails closed)."""
    if entry.object_type.split(".")[0] != CASEWORK_APP:
        return False
    inspection_id = _inspection_id(entry)
    if inspection_id is None:
        return True
    inspection = apps.get_model(CASEWORK_APP, "Inspection")
    return not inspection.objects.filter(pk=inspection_id, status="published").exists()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "actor", "via", "action", "object_type", "object_id", "area"]
    list_filter = ["action", "object_type"]
    readonly_fields = ("at", "actor", "via", "action", "object_type", "object_id", "area",
                       "shown_before", "shown_after")  # fmt: skip
    fields = readonly_fields

    @admin.display(description="before")
    def shown_before(self, entry: AuditEntry) -> str:
        return self._shown(entry, entry.before)

    @admin.display(description="after")
    def shown_after(self, entry: AuditEntry) -> str:
        return self._shown(entry, entry.after)

    def _shown(self, entry: AuditEntry, record: Any) -> str:
        if under_embargo(entry):
            return REDACTED
        return json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
