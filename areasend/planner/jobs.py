"""The programme plan as a background job: asked for by a planner, solved by the worker,
read by the page.

Solving the national programme takes the solver's time limit (10 s by default), so no
request solves: ``do_request_plan`` records the inputs and queues ``tasks.compute_plan``;
the worker (``manage.py db_worker``) runs ``tasks.run_plan``, which stores the plan or why it
failed; the page reads ``plan_state``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from areasend.accounts.audit import audit, snapshot
from areasend.accounts.permissions import Action, User
from areasend.casework.actions import require
from areasend.casework.errors import CaseworkError
from areasend.casework.guards import in_range
from areasend.framework.calendar import monday_of_week
from areasend.planner import services
from areasend.planner.models import ComputedPlan
from areasend.planner.tasks import compute_plan

#: The longest horizon a planner may ask for: five years of weeks.
MAX_WEEKS = 260
#: Bounds on the solver's time limit per solve, in seconds.
MIN_SECONDS, MAX_SECONDS = 0.1, 300.0
#: A job queued or running for longer than this is taken to have died (the worker stopped):
#: a new request for the same inputs queues another instead of waiting on it.
STALE = dt.timedelta(minutes=30)
PENDING = (ComputedPlan.Status.QUEUED, ComputedPlan.Status.RUNNING)


def _check_inputs(start: dt.date, weeks: int, seconds: float) -> None:
    in_range(start, "The plan's first week", "start")
    if not 1 <= weeks <= MAX_WEEKS:
        raise CaseworkError(
            f"Enter the number of weeks as a whole number from 1 to {MAX_WEEKS}.", field="weeks"
        )
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise CaseworkError(
            f"Enter the solver's time limit as a number of seconds from {MIN_SECONDS:g} to "
            f"{MAX_SECONDS:g}.",
            field="seconds",
        )


def do_request_plan(
    actor: User | None, *, start: dt.date, weeks: int, seconds: float | None = None
) -> ComputedPlan:
    """Queue the computation of the plan from the week of ``start`` for ``weeks`` weeks.

    ``actor`` None is a command run on the server. A job for the same inputs already queued
    or running (and not stale) is returned as it is: asking twice computes once.
    """
    if actor is not None:
        require(actor, Action.PROGRAMME_PLAN, where="for the inspection programme")
    seconds = services.solver_seconds() if seconds is None else seconds
    _check_inputs(start, weeks, seconds)
    start = monday_of_week(start)
    now = timezone.now()
    with transaction.atomic():
        pending = (
            ComputedPlan.objects.select_for_update()
            .filter(start=start, weeks=weeks, status__in=PENDING, requested_at__gt=now - STALE)
            .first()
        )
        if pending is not None:
            return pending
        plan = ComputedPlan.objects.create(
            start=start,
            weeks=weeks,
            seconds=seconds,
            requested_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
            requested_at=now,
        )
        audit(actor, "planner.plan_requested", plan, area=None, before=None, after=snapshot(plan))
        # On the database backend the worker sees the job when this transaction commits.
        result = compute_plan.enqueue(plan.pk)
        ComputedPlan.objects.filter(pk=plan.pk).update(task_id=str(result.id))
    plan.refresh_from_db()
    return plan


@dataclass(frozen=True)
class PlanState:
    """What the page shows for a horizon: the latest plan done, a job still to finish, and a
    failure newer than the plan done."""

    done: ComputedPlan | None
    pending: ComputedPlan | None
    failed: ComputedPlan | None


def plan_state(start: dt.date, weeks: int) -> PlanState:
    start = monday_of_week(start)
    same = ComputedPlan.objects.filter(start=start, weeks=weeks).select_related("requested_by")
    done = same.filter(status=ComputedPlan.Status.DONE).order_by("-finished_at", "-pk").first()
    since = same.exclude(status=ComputedPlan.Status.DONE)
    if done is not None:
        since = since.filter(requested_at__gt=done.requested_at)
    latest = since.order_by("-requested_at", "-pk").first()
    if latest is None:
        return PlanState(done, None, None)
    fresh = latest.requested_at > timezone.now() - STALE
    return PlanState(
        done,
        pending=latest if latest.status in PENDING and fresh else None,
        failed=latest if latest.status == ComputedPlan.Status.FAILED else None,
    )
