"""python manage.py watch_ofsted [--enqueue]

Schedule `manage.py watch_ofsted --enqueue` once a day (cron or a systemd timer) with
`manage.py db_worker` running, and AREASEND_OFSTED_WATCHER=1 (docs/operations.md).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from areasend.watcher.models import WatchRun
from areasend.watcher.service import WatchError, check_can_start, do_watch_ofsted
from areasend.watcher.tasks import watch_ofsted_daily


class Command(BaseCommand):
    help = (
        "Read Ofsted's reports site and import each new area SEND publication into the review "
        "queue, with its address, type and publication date. Publishes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="Queue for the task worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["enqueue"]:
                check_can_start(None)
                result = watch_ofsted_daily.enqueue(WatchRun.Trigger.TASK)
                self.stdout.write(f"queued watcher job {result.id}")
                return
            run = do_watch_ofsted(trigger=WatchRun.Trigger.COMMAND)
        except WatchError as error:
            raise CommandError(str(error)) from None
        for entry in run.log:
            if entry["result"] in ("imported", "skipped", "failed"):
                why = f": {entry['reason']}" if entry["reason"] else ""
                self.stdout.write(f"{entry['result']} {entry['what']} {entry['url']}{why}")
        summary = (
            f"run {run.pk} {run.status}: {run.pages} pages fetched, {run.unchanged_pages} "
            f"unchanged, {run.seen} area SEND publications listed, {run.imported} imported, "
            f"{run.skipped} skipped, {run.failed} failed"
        )
        if run.status == WatchRun.Status.FAILED:
            raise CommandError(f"{summary}\n{run.message}")
        self.stdout.write(summary)
