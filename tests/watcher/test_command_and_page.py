"""`manage.py watch_ofsted`, its daily job, and the planners' page."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from areasend.accounts.models import Person
from areasend.letters.models import LetterImport
from areasend.watcher.models import WatchRun
from areasend.watcher.tasks import watch_ofsted_daily
from tests.inspections.conftest import people
from tests.watcher.fake_ofsted import FakeOfsted

__all__ = ["people"]
pytestmark = pytest.mark.django_db


def test_the_watcher_is_off_unless_turned_on(settings: pytest.FixtureRequest) -> None:
    assert settings.AREASEND_OFSTED_WATCHER is False  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="the Ofsted watcher is off"):
        call_command("watch_ofsted", stdout=io.StringIO())
    assert WatchRun.objects.count() == 0


def test_the_command_imports_and_reports_each_publication(site: FakeOfsted) -> None:
    out = io.StringIO()
    call_command("watch_ofsted", stdout=out)
    text = out.getvalue()
    assert (
        f"imported Local area SEND inspection - 5 February 2018 {site.base}/v1/file/50000001"
        in text
    )
    assert (
        "succeeded: 2 pages fetched, 0 unchanged, 1 area SEND publications listed, 1 imported"
        in text
    )
    assert LetterImport.objects.count() == 1


def test_a_failed_run_makes_the_command_fail_with_the_reason(site: FakeOfsted) -> None:
    site.pages["/search"] = "<html><body>Service unavailable for maintenance</body></html>"
    with pytest.raises(CommandError, match="no provider links"):
        call_command("watch_ofsted", stdout=io.StringIO())
    assert WatchRun.objects.get().status == "failed"


def test_the_daily_job_runs_the_watcher(site: FakeOfsted, settings: pytest.FixtureRequest) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # type: ignore[attr-defined]
    result = watch_ofsted_daily.enqueue()
    run = WatchRun.objects.get()
    assert result.return_value == run.pk
    assert (run.trigger, run.status, run.imported) == ("task", "succeeded", 1)


def test_the_command_can_enqueue_on_the_database_backend(settings: pytest.FixtureRequest) -> None:
    settings.AREASEND_OFSTED_WATCHER = True  # type: ignore[attr-defined]
    out = io.StringIO()
    call_command("watch_ofsted", "--enqueue", stdout=out)
    assert "queued watcher job" in out.getvalue()
    assert DBTaskResult.objects.get().task_path == "areasend.watcher.tasks.watch_ofsted_daily"
    assert WatchRun.objects.count() == 0  # the worker runs it, not the command


def test_a_planner_sees_the_runs_and_queues_one(
    people: dict[str, Person], settings: pytest.FixtureRequest
) -> None:
    settings.AREASEND_OFSTED_WATCHER = True  # type: ignore[attr-defined]
    WatchRun.objects.create(
        trigger="task", status="failed", message="listing page x: no provider links", failed=1
    )
    browser = Client()
    browser.force_login(people["planner"].user)
    page = browser.get("/watcher/")
    assert page.status_code == 200
    assert b"listing page x: no provider links" in page.content
    assert b"Start a run now" in page.content
    done = browser.post("/watcher/", follow=True)
    assert b"A watcher run is queued" in done.content
    assert DBTaskResult.objects.get().args_kwargs["args"] == ["page"]


def test_the_page_says_when_the_watcher_is_off_and_refuses_to_queue(
    people: dict[str, Person],
) -> None:
    browser = Client()
    browser.force_login(people["planner"].user)
    assert b"The watcher is off here" in browser.get("/watcher/").content
    refused = browser.post("/watcher/")
    assert refused.status_code == 400
    assert b"the Ofsted watcher is off" in refused.content
    assert DBTaskResult.objects.count() == 0


def test_only_planners_may_see_or_start_the_watcher(people: dict[str, Person]) -> None:
    browser = Client()
    browser.force_login(people["lead"].user)
    assert browser.get("/watcher/").status_code == 403
    assert browser.post("/watcher/").status_code == 403
    assert DBTaskResult.objects.count() == 0
