"""Admin views of the areas app: the official records are shipped data, so read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from areasend.areas.models import OfficialInspectionRecord


@admin.register(OfficialInspectionRecord)
class OfficialInspectionRecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = [
        "area", "inspection", "framework", "kind", "start_date", "publication_date",
        "outcome", "weakness_count", "revisit_result", "in_history",
    ]  # fmt: skip
    list_filter = ["framework", "kind", "outcome", "revisit_result", "in_history"]
    search_fields = ["area__name", "inspection"]

    # Corrections go through tools/build_national_history.py and load_national,
    # so the shipped CSV stays the one source of these rows.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
