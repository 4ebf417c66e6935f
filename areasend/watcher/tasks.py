"""The daily watcher job, on Django's task framework (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from areasend.watcher.models import WatchRun
from areasend.watcher.service import do_watch_ofsted


@task()
def watch_ofsted_daily(trigger: str = WatchRun.Trigger.TASK) -> int:
    """Run by the worker (`manage.py db_worker`); enqueued by `watch_ofsted --enqueue`
    or the watcher page. Returns the run's id."""
    return do_watch_ofsted(trigger=trigger).pk
