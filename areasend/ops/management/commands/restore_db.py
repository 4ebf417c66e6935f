"""`manage.py restore_db FILE`: replace the whole database with a backup from backup_db."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from areasend.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by backup_db."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="a file written by backup_db")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="do not ask to confirm"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        if options["interactive"]:
            answer = input(f"This replaces every row in the database with {source}. Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("restore cancelled; nothing changed.")
        try:
            restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored from {source}")
