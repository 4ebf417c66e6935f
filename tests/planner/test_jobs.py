"""Asking for a programme plan: who may, which inputs are refused, the job queued for the
worker, the plan it stores, and the reason it stores when solving fails."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django_tasks_db.models import DBTaskResult

from areasend.accounts.models import AuditEntry, Person
from areasend.casework.errors import CaseworkError
from areasend.planner import jobs, tasks
from areasend.planner.models import ComputedPlan

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2025, 11, 3)


def plan_audit() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type="planner.ComputedPlan")


def test_a_planner_asks_and_the_worker_stores_the_plan(
    people: dict[str, Person], kent: None, immediate: None
) -> None:
    planner = people["planner"].user
    plan = jobs.do_request_plan(planner, start=MONDAY + dt.timedelta(days=2), weeks=10)
    assert (plan.status, plan.start, plan.weeks, plan.seconds) == ("done", MONDAY, 10, 2.0)
    assert plan.requested_by == planner
    assert plan.started_at is not None and plan.finished_at is not None
    assert plan.result is not None
    assert [(r["area"], r["rule"]) for r in plan.result["rows"]] == [("Kent", "OF-WSOA-9")]
    assert plan.result["breaches"] == [] and plan.result["explanation"] is None
    assert list(plan_audit().values_list("action", "actor")) == [
        ("planner.plan_computed", None),
        ("planner.plan_requested", planner.pk),
    ]


def test_on_the_database_backend_the_request_queues_a_job_for_the_worker(
    people: dict[str, Person], kent: None
) -> None:
    plan = jobs.do_request_plan(people["planner"].user, start=MONDAY, weeks=10)
    assert plan.status == "queued" and plan.result is None
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.args_kwargs["args"]) == (
        "areasend.planner.tasks.compute_plan",
        [plan.pk],
    )
    assert str(queued.id) == plan.task_id
    # What the worker runs for the job.
    assert queued.task.call(*queued.args_kwargs["args"]) == "done"
    plan.refresh_from_db()
    assert plan.status == "done"


@pytest.mark.parametrize("who", ["lead", "inspector", "rotherham", "dfe", "admin"])
def test_only_the_planner_role_may_ask_for_a_plan(people: dict[str, Person], who: str) -> None:
    with pytest.raises(PermissionDenied):
        jobs.do_request_plan(people[who].user, start=MONDAY, weeks=10)
    with pytest.raises(PermissionDenied):
        jobs.do_request_plan(AnonymousUser(), start=MONDAY, weeks=10)
    assert not ComputedPlan.objects.exists() and not plan_audit().exists()


@pytest.mark.parametrize(
    ("start", "weeks", "seconds", "field", "message"),
    [
        (MONDAY, 0, None, "weeks", "whole number from 1 to 260"),
        (MONDAY, 261, None, "weeks", "whole number from 1 to 260"),
        (dt.date(2010, 1, 4), 10, None, "start", "before the SEND reforms"),
        (dt.date(2090, 1, 2), 10, None, "start", "more than 5 years ahead"),
        (MONDAY, 10, 0.05, "seconds", "from 0.1 to 300"),
    ],
)
def test_inputs_out_of_bounds_are_refused_naming_the_field(
    people: dict[str, Person],
    start: dt.date,
    weeks: int,
    seconds: float | None,
    field: str,
    message: str,
) -> None:
    with pytest.raises(CaseworkError, match=message) as refused:
        jobs.do_request_plan(people["planner"].user, start=start, weeks=weeks, seconds=seconds)
    assert refused.value.field == field
    assert not ComputedPlan.objects.exists() and not plan_audit().exists()
    assert not DBTaskResult.objects.exists()


def test_asking_again_while_a_job_waits_queues_nothing_more(people: dict[str, Person]) -> None:
    planner = people["planner"].user
    first = jobs.do_request_plan(planner, start=MONDAY, weeks=10)
    assert jobs.do_request_plan(planner, start=MONDAY + dt.timedelta(days=4), weeks=10) == first
    assert DBTaskResult.objects.count() == 1
    # Another horizon is another job.
    assert jobs.do_request_plan(planner, start=MONDAY, weeks=11) != first


def test_a_job_left_queued_by_a_stopped_worker_does_not_block_a_new_one(
    people: dict[str, Person],
) -> None:
    planner = people["planner"].user
    first = jobs.do_request_plan(planner, start=MONDAY, weeks=10)
    ComputedPlan.objects.filter(pk=first.pk).update(
        requested_at=first.requested_at - jobs.STALE - dt.timedelta(minutes=1)
    )
    assert jobs.plan_state(MONDAY, 10).pending is None
    assert jobs.do_request_plan(planner, start=MONDAY, weeks=10) != first


def test_a_failed_computation_is_recorded_with_its_reason(
    people: dict[str, Person], kent: None, immediate: None
) -> None:
    with mock.patch("areasend.planner.services.plan_cpsat", side_effect=RuntimeError("no memory")):
        plan = jobs.do_request_plan(people["planner"].user, start=MONDAY, weeks=10)
    assert (plan.status, plan.error, plan.result) == ("failed", "RuntimeError: no memory", None)
    assert plan.finished_at is not None
    state = jobs.plan_state(MONDAY, 10)
    assert (state.done, state.pending, state.failed) == (None, None, plan)
    assert plan_audit().filter(action="planner.plan_failed").count() == 1


def test_a_job_runs_once(people: dict[str, Person], kent: None, immediate: None) -> None:
    plan = jobs.do_request_plan(people["planner"].user, start=MONDAY, weeks=10)
    with mock.patch("areasend.planner.services.propose", side_effect=AssertionError("solved")):
        assert tasks.run_plan(plan.pk) == "done"
    assert plan_audit().filter(action="planner.plan_computed").count() == 1


def test_the_page_state_is_the_latest_plan_done_and_a_newer_job(
    people: dict[str, Person], kent: None, immediate: None
) -> None:
    planner = people["planner"].user
    done = jobs.do_request_plan(planner, start=MONDAY, weeks=10)
    with mock.patch("areasend.planner.services.plan_cpsat", side_effect=RuntimeError("x")):
        failed = jobs.do_request_plan(planner, start=MONDAY, weeks=10)
    assert jobs.plan_state(MONDAY, 10) == jobs.PlanState(done, None, failed)
    assert jobs.plan_state(MONDAY, 9) == jobs.PlanState(None, None, None)
