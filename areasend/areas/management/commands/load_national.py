"""Load the national inspection history: every published inspection since 2016.

Idempotent: events and records already stored are left as they are. Each
area's history goes through the framework, which refuses the whole file if
any step breaks a rule (see docs/data/national-history.md).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.areas.national import NationalDataError, load_histories, load_records


class Command(BaseCommand):
    help = "Load the national history of area SEND inspections and the official records."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            events = load_histories()
            records = load_records()
        except NationalDataError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"national history: {events.added} events added, {events.unchanged} unchanged; "
            f"official records: {records.added} added, {records.updated} updated, "
            f"{records.unchanged} unchanged ({seconds:.1f} s)"
        )
