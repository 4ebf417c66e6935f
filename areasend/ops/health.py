"""/healthz: is this instance fit to serve? JSON, 200 when every check passes, else 503.

Each check is a function returning (ok, detail). The list is the setting
AREASEND_HEALTH_CHECKS (dotted paths), so a task backend, when one is installed, adds its
backlog check there without touching this view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

Check = Callable[[], tuple[bool, dict[str, Any]]]

DEFAULT_CHECKS = [
    "areasend.ops.health.database",
    "areasend.ops.health.migrations",
    "areasend.ops.health.task_backlog",
]


def database() -> tuple[bool, dict[str, Any]]:
    """A real round trip: the server answers a query, not merely a socket."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    return row is not None and row[0] == 1, {}


def migrations() -> tuple[bool, dict[str, Any]]:
    """Every migration this code ships has been applied to the database."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
    return not pending, {"pending": pending}


#: A ready task older than this means no worker is taking jobs (the reminder job is daily).
BACKLOG_MINUTES = 60


def task_backlog() -> tuple[bool, dict[str, Any]]:
    """The task worker keeps up: no job has waited to run for more than an hour."""
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    stale = ready.filter(enqueued_at__lt=timezone.now() - timedelta(minutes=BACKLOG_MINUTES))
    return not stale.exists(), {"ready": ready.count(), "waiting_over_an_hour": stale.count()}


def run_checks() -> tuple[bool, dict[str, dict[str, Any]]]:
    paths: list[str] = getattr(settings, "AREASEND_HEALTH_CHECKS", DEFAULT_CHECKS)
    results: dict[str, dict[str, Any]] = {}
    for path in paths:
        check: Check = import_string(path)
        name = path.rsplit(".", 1)[-1]
        try:
            ok, detail = check()
        except Exception as error:  # a broken dependency is a failed check, not a 500
            ok, detail = False, {"error": type(error).__name__}
        results[name] = {"ok": ok, **detail}
    return all(result["ok"] for result in results.values()), results


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    ok, checks = run_checks()
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503
    )
