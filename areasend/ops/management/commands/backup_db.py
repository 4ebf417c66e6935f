"""`manage.py backup_db [FILE]`: a full backup of the database (areasend.ops.backup)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from areasend.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to a file (pg_dump on PostgreSQL, SQLite's backup API)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            help="file to write (default: backups/areasend-<UTC time>.sql or .sqlite3)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"]:
            target = Path(options["file"])
        else:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            suffix = ".sql" if connection.vendor == "postgresql" else ".sqlite3"
            target = Path("backups") / f"areasend-{stamp}{suffix}"
        try:
            backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backed up to {target}")
