"""Load the demonstration histories shipped in areasend/areas/data/histories/.

They are real, public histories (framework.md §8: Medway, Kent, Essex, ...).
Loading is idempotent: events already stored are left as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend import areas
from areasend.areas.event_log import Channel, Writer, do_import_history
from areasend.framework.events import HistoryError

HISTORIES = Path(areas.__file__).resolve().parent / "data" / "histories"


class Command(BaseCommand):
    help = "Load the demonstration histories (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for path in sorted(HISTORIES.glob("*.jsonl")):
            try:
                writer = Writer(Channel.COMMAND, source=path.name, via="manage.py load_demo")
                result = do_import_history(path.read_text(encoding="utf-8"), writer=writer)
            except HistoryError as error:
                raise CommandError(f"{path.name}: {error}") from error
            self.stdout.write(f"{path.name}: {result.added} added, {result.unchanged} unchanged")
