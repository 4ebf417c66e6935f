"""Send today's reminders now, or enqueue the job for the task worker.

Schedule `manage.py send_reminders --enqueue` once a day (cron or a systemd
timer) with `manage.py db_worker` running; running it twice sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from areasend.casework import clock
from areasend.reminders.services import send_reminders
from areasend.reminders.tasks import send_daily_reminders


class Command(BaseCommand):
    help = "Email each responsible person the obligations due soon or overdue (once each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
        parser.add_argument("--enqueue", action="store_true", help="Queue for the task worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        today: dt.date = options["today"] or clock.today()
        if options["enqueue"]:
            result = send_daily_reminders.enqueue(today.isoformat())
            self.stdout.write(f"queued reminder job {result.id} for {today}")
            return
        self.stdout.write(f"{send_reminders(today)} reminders sent for {today}")
