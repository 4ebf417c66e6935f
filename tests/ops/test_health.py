"""/healthz answers 200 only when the database answers a query and every migration is applied."""

import json

import pytest
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthy_instance_answers_200_with_each_check(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert "no-cache" in response.headers["Cache-Control"]
    body = json.loads(response.content)
    assert body == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "migrations": {"ok": True, "pending": []},
            "task_backlog": {"ok": True, "ready": 0, "waiting_over_an_hour": 0},
        },
    }


def test_a_job_no_worker_has_taken_for_an_hour_makes_it_503(client):
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from areasend.reminders.tasks import send_daily_reminders

    send_daily_reminders.enqueue("2026-11-23")
    assert client.get("/healthz").status_code == 200  # just queued: the worker has time
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(hours=2))
    body = json.loads(client.get("/healthz").content)
    assert body["status"] == "fail"
    assert body["checks"]["task_backlog"] == {"ok": False, "ready": 1, "waiting_over_an_hour": 1}


def test_an_unapplied_migration_makes_it_503_and_names_it(client):
    last = MigrationRecorder.Migration.objects.filter(app="areas").order_by("-name").first()
    assert last is not None
    last.delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "fail"
    assert body["checks"]["migrations"] == {"ok": False, "pending": [f"areas.{last.name}"]}
    assert body["checks"]["database"] == {"ok": True}


def test_a_database_that_cannot_answer_makes_it_503(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = json.loads(response.content)["checks"]
    # The error's class only: a message could name hosts or users.
    assert checks["database"] == {"ok": False, "error": "OperationalError"}
    assert checks["migrations"]["ok"] is False


def failing_backlog():
    return False, {"queued": 5000}


@override_settings(
    AREASEND_HEALTH_CHECKS=["areasend.ops.health.database", f"{__name__}.failing_backlog"]
)
def test_another_check_is_added_by_setting(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"] == {
        "database": {"ok": True},
        "failing_backlog": {"ok": False, "queued": 5000},
    }


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
