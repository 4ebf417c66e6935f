"""Delete records past their retention period (run daily); --dry-run only counts them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from areasend.ops.retention import apply_retention, periods


class Command(BaseCommand):
    help = "Delete evidence and records past the retention periods in AREASEND_RETENTION_DAYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        verb = "would delete" if options["dry_run"] else "deleted"
        for item in apply_retention(options["today"], dry_run=options["dry_run"]):
            self.stdout.write(f"{verb} {item.count} {item.what}")
        self.stdout.write("periods (days): " + ", ".join(f"{k} {v}" for k, v in periods().items()))
