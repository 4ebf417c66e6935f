"""Staff corrections to the public register's derived data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from areasend.register import themes


class ThemeCorrection(models.Model):
    """A person's theme for a weakness, overriding the keyword rules.

    It applies to every weakness with the same wording, or only to one area's
    or one inspection's when those are given (the most specific wins).
    """

    weakness = models.TextField(help_text="The weakness as published; case and spacing ignored.")
    weakness_hash = models.CharField(max_length=64, editable=False, db_index=True)
    area = models.ForeignKey(
        "areas.LocalArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Blank: every area with this wording.",
    )
    inspection = models.CharField(
        max_length=100, blank=True, help_text="Blank: every inspection with this wording."
    )
    theme = models.CharField(max_length=40, choices=themes.CHOICES)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, editable=False
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["weakness_hash", "area", "inspection"], name="unique_theme_correction"
            )
        ]

    def __str__(self) -> str:
        return f"{self.weakness[:60]} → {self.get_theme_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.weakness_hash = themes.text_hash(self.weakness)
        super().save(*args, **kwargs)
