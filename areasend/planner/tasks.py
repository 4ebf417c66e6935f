"""The programme plan job, on Django's task framework (django-tasks, database backend):
solve the horizon a planner asked for (``jobs.do_request_plan``) and store the plan."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from areasend.accounts.audit import audit, snapshot
from areasend.planner import services
from areasend.planner.models import ComputedPlan

log = logging.getLogger(__name__)


@task()
def compute_plan(plan_id: int) -> str:
    """Run by the worker (`manage.py db_worker`); enqueued by ``jobs.do_request_plan``."""
    return run_plan(plan_id)


def plan_result(proposal: services.Proposal) -> dict[str, Any]:
    """What the page and the exports read of a plan, as stored in ``ComputedPlan.result``."""
    return {
        "solver_status": proposal.plan.status,
        "activities": len(proposal.scenario.activities),
        "teams": len(proposal.scenario.teams),
        "rows": services.plan_rows(proposal.scenario, proposal.plan),
        "on_site_weeks": services.on_site_weeks(proposal.scenario),
        "breaches": [str(b) for b in proposal.breaches],
        "explanation": str(proposal.explanation) if proposal.explanation else None,
    }


def run_plan(plan_id: int) -> str:
    """Compute a queued plan and store it, or store why it failed; returns the status.

    A job runs once: one that is no longer queued (already run, say by ``plan_programme
    --store``) is left as it is.
    """
    claimed = ComputedPlan.objects.filter(pk=plan_id, status=ComputedPlan.Status.QUEUED).update(
        status=ComputedPlan.Status.RUNNING, started_at=timezone.now()
    )
    plan = ComputedPlan.objects.get(pk=plan_id)
    if not claimed:
        return plan.status
    before = snapshot(plan)
    try:
        proposal = services.propose(plan.start, plan.weeks, seconds=plan.seconds)
        plan.result = plan_result(proposal)
        plan.status = ComputedPlan.Status.DONE
    except Exception as error:  # any failure is the job's outcome, shown on the page
        log.exception("computing programme plan %s failed", plan_id)
        plan.status = ComputedPlan.Status.FAILED
        plan.error = f"{type(error).__name__}: {error}"
    plan.finished_at = timezone.now()
    with transaction.atomic():
        plan.save(update_fields=["status", "result", "error", "finished_at"])
        audit(
            None,
            f"planner.plan_{'computed' if plan.status == ComputedPlan.Status.DONE else 'failed'}",
            plan,
            area=None,
            before=before,
            after=snapshot(plan),
            via="task",
        )
    return str(plan.status)
