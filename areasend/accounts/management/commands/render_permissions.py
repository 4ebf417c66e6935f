"""Write docs/permissions.md from the permission table in code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from areasend.accounts.permissions import render_table

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"


class Command(BaseCommand):
    help = "Render the permission table into docs/permissions.md."

    def handle(self, *args: Any, **options: Any) -> None:
        DOC.write_text(render_table(), encoding="utf-8")
        self.stdout.write(f"wrote {DOC}")
