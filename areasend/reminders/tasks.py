"""The daily reminder job, on Django's task framework (django-tasks, database backend)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from areasend.casework import clock
from areasend.reminders.services import send_reminders


@task()
def send_daily_reminders(today: str | None = None) -> int:
    """Run by the worker (`manage.py db_worker`); enqueued daily by `send_reminders --enqueue`."""
    return send_reminders(dt.date.fromisoformat(today) if today else clock.today())
