from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from areasend.register.models import ThemeCorrection


@admin.register(ThemeCorrection)
class ThemeCorrectionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["weakness", "theme", "area", "inspection", "changed_by", "changed_at"]
    list_filter = ["theme"]
    search_fields = ["weakness", "inspection", "area__name"]
    raw_id_fields = ["area"]
    readonly_fields = ["changed_by", "changed_at"]

    def save_model(
        self, request: HttpRequest, obj: ThemeCorrection, form: Any, change: bool
    ) -> None:
        obj.changed_by = request.user if request.user.is_authenticated else None
        super().save_model(request, obj, form, change)
