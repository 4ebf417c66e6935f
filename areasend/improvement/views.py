"""Improvement pages: an area's plans, support and challenge, and governance reports.

Views parse the request, check the permission table for the area and call a service.
Every view declares the action it needs (``view.action``) and that it is scoped to one
area (``view.area_scoped``): the generated permission test reads both. A person who may
not see the area's improvement work gets 404; one who may see it but not do this, 403.
Each change has its own page and view, in ``improvement.steps``; these are the pages
that list them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from areasend.accounts.permissions import Action, User, can
from areasend.areas.event_log import framework_params, status_of, stored_events
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.casework.views import guarded
from areasend.framework.evaluate import RequiredPlan, monitoring
from areasend.framework.events import Event, PlanKind
from areasend.framework.labels import PLAN_LABELS
from areasend.improvement import services
from areasend.improvement.models import GovernanceReport, Plan, SupportVisit
from areasend.improvement.reports import contents, plan_state, render_pdf, report_state

View = Callable[..., HttpResponse]


def _may(user: User, action: Action, area: LocalArea) -> bool:
    return can(user, action, area_id=area.pk)


def declare(view: View, action: Action) -> View:
    view.action = action  # type: ignore[attr-defined]
    view.area_scoped = True  # type: ignore[attr-defined]
    return view


def area_access(action: Action) -> Callable[[View], View]:
    guard = guarded(
        action,
        key="slug",
        load=lambda slug: LocalArea.objects.filter(slug=slug).first(),
        may=_may,
        see=Action.PLAN_VIEW,
        missing="Nothing here.",
    )
    return lambda view: declare(login_required(guard(view)), action)


def plan_access(action: Action) -> Callable[[View], View]:
    guard = guarded(
        action,
        key="plan",
        load=lambda plan: Plan.objects.select_related("area").filter(pk=plan).first(),
        may=lambda user, act, plan: _may(user, act, plan.area),
        see=Action.PLAN_VIEW,
        missing="Nothing here.",
    )
    return lambda view: declare(login_required(guard(view)), action)


def fail(request: HttpRequest, error: CaseworkError, form: forms.Form) -> None:
    """Put a refusal on the field it names, else above the form."""
    if error.field in form.fields:
        form.add_error(error.field, str(error))
    else:
        form.add_error(None, str(error))


def reason(refusal: Exception | str | None) -> tuple[str, str] | None:
    """A refusal in plain English, and apart the rule it applies (shown only to those who
    open "For professionals")."""
    if refusal is None or refusal == "":
        return None
    rule = getattr(refusal, "rule", None) or ""
    return str(refusal).removeprefix(f"{rule}: "), rule


# -- the area -----------------------------------------------------------------------------


def engagement_refusal(area: LocalArea, history: list[Event] | None = None) -> str | None:
    """Why no engagement meeting is recorded for ``area`` now, or None: they belong to the
    2023 framework, so to an area whose latest inspection was under it."""
    now = services.current_monitoring(area, history)
    if now is None or now.framework != "2023":
        return (
            f"Engagement meetings belong to the 2023 framework: {area}'s latest inspection "
            "was not under it."
        )
    return None


@area_access(Action.PLAN_VIEW)
def area(request: HttpRequest, area: LocalArea) -> HttpResponse:
    user = request.user
    history = stored_events(area)
    now = monitoring(history, params=framework_params())
    plans = Plan.objects.filter(area=area)
    # The log is read once and handed to every question the page asks of it.
    release = services.release_refusal(area, history=history)
    context: dict[str, Any] = {
        "area": area,
        "status": status_of(history, clock.today()),
        "monitoring": now,
        "letters": _letters(area, list(plans), history),
        "can_edit": can(user, Action.PLAN_EDIT, area_id=area.pk),
        "visits": SupportVisit.objects.filter(area=area).select_related("recorded_by__user"),
        "can_support": can(user, Action.SUPPORT_RECORD, area_id=area.pk),
        "release_refusal": reason(release),
        "can_engage": can(user, Action.ENGAGEMENT_RECORD, area_id=area.pk),
        "engagement_refusal": engagement_refusal(area, history) or "",
    }
    return render(request, "improvement/area.html", context)


def _letters(
    area: LocalArea, plans: list[Plan], history: list[Event]
) -> list[tuple[RequiredPlan, str, Plan | None]]:
    """Every plan a letter of the area's history required, newest letter first: what the
    framework says of it, its label and the plan recorded for it (if any)."""
    started = {(p.kind, p.inspection): p for p in plans}
    return [
        (r, PLAN_LABELS[r.kind], started.get((r.kind.value, r.inspection)))
        for r in reversed(services.plans_required(area, history))
    ]


def _kind(value: str) -> PlanKind | None:
    return next((k for k in PlanKind if k.value == value), None)


def _record_page(
    request: HttpRequest, area: LocalArea, inspection: str, plan_kind: str, status: int = 200
) -> HttpResponse:
    kind = _kind(plan_kind)
    context: dict[str, Any] = {"area": area, "inspection": inspection, "kind": kind}
    if kind is None:
        context["refusal"] = "There is no such kind of plan."
    else:
        context["label"] = PLAN_LABELS[kind]
        try:
            required = services.required_plan(area, kind, inspection)
        except CaseworkError as error:
            context["refusal"] = str(error)
        else:
            context["required"] = required
            context["started"] = Plan.objects.filter(
                area=area, kind=kind, inspection=inspection
            ).first()
            context["partners"] = services.partners_of(area, required.required_on)
    return render(request, "improvement/record_plan.html", context, status=status)


@area_access(Action.PLAN_EDIT)
def record_plan(
    request: HttpRequest, area: LocalArea, inspection: str, plan_kind: str
) -> HttpResponse:
    """One letter's plan: what the framework asks of it, then (POST) start recording it."""
    if request.method != "POST":
        return _record_page(request, area, inspection, plan_kind)
    kind = _kind(plan_kind)
    if kind is None:
        return _record_page(request, area, inspection, plan_kind, status=400)
    try:
        plan = services.do_start_plan(request.user, area, kind, inspection)
    except CaseworkError as error:
        messages.error(request, str(error))
        return _record_page(request, area, inspection, plan_kind, status=400)
    messages.success(request, f"{plan.label} started: write it through the steps below.")
    return redirect("improvement:plan", plan.pk)


# -- one plan -----------------------------------------------------------------------------

#: Each task of the plan page: its title and the page that takes it.
TASKS = {
    "action": ("Write the plan: actions and milestones under each weakness", "plan_write"),
    "submit": ("Submit the plan to Ofsted and CQC", "plan_submit"),
    "judge": ("Ofsted and CQC's judgement: is it fit for purpose?", "plan_judge"),
    "publish": ("Publish the plan", "plan_publish"),
}
STRATEGIC = {"action": ("Write the plan: its priorities, actions and milestones", "plan_write")}


@plan_access(Action.PLAN_VIEW)
def plan(request: HttpRequest, plan: Plan) -> HttpResponse:
    """The plan's task list: each step with its status, a link to it when it is open."""
    titles = TASKS | (STRATEGIC if plan.kind == PlanKind.STRATEGIC_PLAN else {})
    tasks = [
        (
            task,
            titles[task.step][0],
            reverse(f"improvement:{TASKS[task.step][1]}", args=[plan.pk]),
            reason(task.waiting_for),
        )
        for task in services.plan_tasks(request.user, plan)
    ]
    return render(
        request,
        "improvement/plan.html",
        {
            "plan": plan,
            "area": plan.area,
            "state": plan_state(plan, clock.today()),
            "partners": services.plan_partners(plan),
            "tasks": tasks,
            "reports": plan.reports.all(),
            "may_report": services.plan_step_refusal(request.user, plan, "report") is None,
        },
    )


@plan_access(Action.PLAN_VIEW)
def plan_write(request: HttpRequest, plan: Plan) -> HttpResponse:
    """The plan's weaknesses (or priorities), their actions and milestones, each change a
    link to its own page when it is open to this person."""
    open_ = services.steps_open(request.user, plan)
    progress = {w.pk: w.progress for w in plan_state(plan, clock.today()).weaknesses}
    weaknesses = contents(plan)
    return render(
        request,
        "improvement/plan_write.html",
        {
            "plan": plan,
            "area": plan.area,
            "weaknesses": [(w, progress.get(w.pk, ())) for w in weaknesses],
            "open": open_,
            "closed": reason(services.plan_step_precondition(plan, "action")),
        },
    )


# -- governance reports -------------------------------------------------------------------


def _report(request: HttpRequest, pk: int) -> GovernanceReport:
    found = get_object_or_404(GovernanceReport.objects.select_related("plan__area"), pk=pk)
    if not _may(request.user, Action.PLAN_VIEW, found.plan.area):
        raise Http404("Nothing here.")
    return found


@login_required
def report(request: HttpRequest, report: int) -> HttpResponse:
    found = _report(request, report)
    return render(
        request, "improvement/report.html", {"report": found, "state": report_state(found)}
    )


@login_required
def report_pdf(request: HttpRequest, report: int) -> HttpResponse:
    found = _report(request, report)
    response = HttpResponse(render_pdf(found, report_state(found)), content_type="application/pdf")
    name = f"{found.plan.area.slug}-{found.plan.kind}-{found.as_of}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


for _view in (report, report_pdf):
    declare(_view, Action.PLAN_VIEW)
