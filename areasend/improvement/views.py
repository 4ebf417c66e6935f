"""Improvement pages: an area's plans, support and challenge, and governance reports.

Views parse the request, check the permission table for the area and call a service.
Every view declares the action it needs (``view.action``) and that it is scoped to one
area (``view.area_scoped``): the generated permission test reads both. A person who may
not see the area's improvement work gets 404; one who may see it but not do this, 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from areasend.accounts.permissions import Action, User, can
from areasend.areas.event_log import framework_params, status_of, stored_events
from areasend.areas.models import LocalArea
from areasend.casework import clock
from areasend.casework.errors import CaseworkError
from areasend.casework.views import guarded
from areasend.framework.evaluate import RequiredPlan, monitoring
from areasend.framework.events import PlanKind
from areasend.framework.labels import PLAN_LABELS
from areasend.improvement import forms as f
from areasend.improvement import services
from areasend.improvement.models import (
    GovernanceReport,
    Milestone,
    Plan,
    PlanAction,
    PlanWeakness,
    Rag,
    SupportVisit,
)
from areasend.improvement.reports import plan_state, render_pdf, report_state

View = Callable[..., HttpResponse]


def _may(user: User, action: Action, area: LocalArea) -> bool:
    return can(user, action, area_id=area.pk)


def _declare(view: View, action: Action) -> View:
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
    return lambda view: _declare(login_required(guard(view)), action)


def plan_access(action: Action) -> Callable[[View], View]:
    guard = guarded(
        action,
        key="plan",
        load=lambda plan: Plan.objects.select_related("area").filter(pk=plan).first(),
        may=lambda user, act, plan: _may(user, act, plan.area),
        see=Action.PLAN_VIEW,
        missing="Nothing here.",
    )
    return lambda view: _declare(login_required(guard(view)), action)


def _fail(request: HttpRequest, error: CaseworkError, form: forms.Form) -> None:
    if error.field in form.fields:
        form.add_error(error.field, str(error))
    else:
        messages.error(request, str(error))


# -- the area -----------------------------------------------------------------------------


def _area_page(
    request: HttpRequest, area: LocalArea, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    history = stored_events(area)
    now = monitoring(history, params=framework_params())
    plans = Plan.objects.filter(area=area)
    context: dict[str, Any] = {
        "area": area,
        "status": status_of(history, clock.today()),
        "monitoring": now,
        "letters": _letters(area, list(plans)),
        "plans": plans,
        "can_edit": can(user, Action.PLAN_EDIT, area_id=area.pk),
        "visits": SupportVisit.objects.filter(area=area).select_related("recorded_by__user"),
        "can_support": can(user, Action.SUPPORT_RECORD, area_id=area.pk),
        "can_release": can(user, Action.SUPPORT_RECORD, area_id=area.pk)
        and services.release_refusal(area) is None,
        "can_engage": can(user, Action.ENGAGEMENT_RECORD, area_id=area.pk)
        and bool(now and now.framework == "2023"),
        "visit_form": bound.get("visit", f.SupportVisitForm(prefix="visit")),
        "release_form": bound.get(
            "release", f.ReleaseForm(prefix="release", monitored=now.monitored if now else ())
        ),
        "notice_form": bound.get("notice", f.NoticeForm(prefix="notice")),
        "engagement_form": bound.get("engagement", f.EngagementForm(prefix="engagement")),
        "bound_forms": list(bound.values()),
    }
    return render(request, "improvement/area.html", context, status=status)


@area_access(Action.PLAN_VIEW)
def area(request: HttpRequest, area: LocalArea) -> HttpResponse:
    return _area_page(request, area)


def _area_step(
    name: str,
    action: Action,
    make: Callable[[HttpRequest, LocalArea], forms.Form],
    call: Callable[[User, LocalArea, dict[str, Any]], object],
    done: str,
) -> View:
    @require_POST
    @area_access(action)
    def view(request: HttpRequest, area: LocalArea) -> HttpResponse:
        form = make(request, area)
        if form.is_valid():
            try:
                made = call(request.user, area, form.cleaned_data)
            except CaseworkError as error:
                _fail(request, error, form)
            else:
                messages.success(request, done)
                # A new plan opens at once, so its actions can be added.
                if isinstance(made, Plan):
                    return redirect("improvement:plan", made.pk)
                return redirect("improvement:area", area.slug)
        return _area_page(request, area, status=400, **{name: form})

    view.__name__ = name
    return _declare(view, action)


def _monitored(area: LocalArea) -> tuple[str, ...]:
    now = services.current_monitoring(area)
    return now.monitored if now else ()


support_visit = _area_step(
    "visit", Action.SUPPORT_RECORD,
    lambda r, a: f.SupportVisitForm(r.POST, prefix="visit"),
    lambda u, a, d: services.do_record_support_visit(
        u, a, on=d["on"], kind=SupportVisit.Kind(d["kind"]), notes=d["notes"]),
    "Support and challenge recorded.",
)  # fmt: skip
release = _area_step(
    "release", Action.SUPPORT_RECORD,
    lambda r, a: f.ReleaseForm(r.POST, prefix="release", monitored=_monitored(a)),
    lambda u, a, d: services.do_release(u, a, on=d["on"], weakness=d["weakness"] or None),
    "Release recorded.",
)  # fmt: skip
notice = _area_step(
    "notice", Action.SUPPORT_RECORD,
    lambda r, a: f.NoticeForm(r.POST, prefix="notice"),
    lambda u, a, d: services.do_improvement_notice(u, a, on=d["on"], lifted=d["step"] == "lifted"),
    "Improvement notice recorded.",
)  # fmt: skip
engagement = _area_step(
    "engagement", Action.ENGAGEMENT_RECORD,
    lambda r, a: f.EngagementForm(r.POST, prefix="engagement"),
    lambda u, a, d: services.do_record_engagement(u, a, on=d["on"], theme=d["theme"] or None),
    "Recorded.",
)  # fmt: skip


def _letters(area: LocalArea, plans: list[Plan]) -> list[tuple[RequiredPlan, str, Plan | None]]:
    """Every plan a letter of the area's history required, newest letter first: what the
    framework says of it, its label and the plan recorded for it (if any)."""
    started = {(p.kind, p.inspection): p for p in plans}
    return [
        (r, PLAN_LABELS[r.kind], started.get((r.kind.value, r.inspection)))
        for r in reversed(services.plans_required(area))
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
    messages.success(request, f"{plan.label} started: add the actions under each weakness.")
    return redirect("improvement:plan", plan.pk)


# -- one plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanStep:
    """A change to a plan: its form, the record it targets (by the form's prefix), and the
    service it calls."""

    action: Action
    form: type[forms.Form]
    call: Callable[[User, Any, dict[str, Any]], object]
    target: type[Any] | None
    done: str


def _target_ok(plan: Plan, obj: Any) -> bool:
    if isinstance(obj, PlanWeakness):
        return obj.plan_id == plan.pk
    if isinstance(obj, PlanAction):
        return obj.weakness.plan_id == plan.pk
    if isinstance(obj, Milestone):
        return obj.action.weakness.plan_id == plan.pk
    return False


STEPS: dict[str, PlanStep] = {
    "priority": PlanStep(
        Action.PLAN_EDIT, f.PriorityForm,
        lambda u, p, d: services.do_add_priority(u, p, text=d["text"]), None, "Priority added.",
    ),
    "action": PlanStep(
        Action.PLAN_EDIT, f.ActionForm,
        lambda u, w, d: services.do_add_action(u, w, **d), PlanWeakness, "Action added.",
    ),
    "milestone": PlanStep(
        Action.PLAN_EDIT, f.MilestoneForm,
        lambda u, a, d: services.do_add_milestone(u, a, **d), PlanAction, "Milestone added.",
    ),
    "done": PlanStep(
        Action.PLAN_EDIT, f.CompleteMilestoneForm,
        lambda u, m, d: services.do_complete_milestone(u, m, on=d["on"]), Milestone,
        "Milestone done.",
    ),
    "update": PlanStep(
        Action.PLAN_EDIT, f.UpdateForm,
        lambda u, a, d: services.do_update_action(u, a, on=d["on"], rag=Rag(d["rag"]),
                                                  note=d["note"], version=d["version"]),
        PlanAction, "Update saved.",
    ),
    "submit": PlanStep(
        Action.PLAN_EDIT, f.DateForm,
        lambda u, p, d: services.do_submit_plan(u, p, on=d["on"]), None,
        "Submitted to Ofsted and CQC.",
    ),
    "judge": PlanStep(
        Action.PLAN_JUDGE, f.JudgeForm,
        lambda u, p, d: services.do_judge_plan(u, p, on=d["on"], fit=d["fit"] == "yes",
                                               reasons=d["reasons"]),
        None, "Judgement recorded.",
    ),
    "publish": PlanStep(
        Action.PLAN_EDIT, f.PublishForm,
        lambda u, p, d: services.do_publish_plan(u, p, on=d["on"], url=d["url"]), None,
        "Publication recorded.",
    ),
    "report": PlanStep(
        Action.PLAN_EDIT, f.ReportForm,
        lambda u, p, d: services.do_create_report(u, p, **d), None, "Report drawn up.",
    ),
}  # fmt: skip


def _plan_page(
    request: HttpRequest,
    plan: Plan,
    status: int = 200,
    bound: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    user = request.user
    area = plan.area
    today = clock.today()
    weaknesses = plan.weaknesses.prefetch_related(
        Prefetch("actions", PlanAction.objects.prefetch_related("milestones", "updates__by__user"))
    )
    state = plan_state(plan, today)
    progress = {w.pk: w.progress for w in state.weaknesses}
    open_ = services.steps_open(user, plan)

    def form(step: str, prefix: str, **initial: Any) -> forms.Form:
        if bound and bound[0] == prefix:
            return bound[1]
        return STEPS[step].form(prefix=prefix, initial=initial or None)

    return render(
        request,
        "improvement/plan.html",
        {
            "plan": plan,
            "area": area,
            "state": state,
            "partners": services.plan_partners(plan),
            "weaknesses": [
                (
                    w,
                    progress.get(w.pk, ()),
                    form("action", f"action-{w.pk}"),
                    [
                        (
                            a,
                            form("milestone", f"milestone-{a.pk}"),
                            form("update", f"update-{a.pk}", version=a.version),
                            [(m, form("done", f"done-{m.pk}")) for m in a.milestones.all()],
                        )
                        for a in w.actions.all()
                    ],
                )
                for w in weaknesses
            ],
            "reports": plan.reports.all(),
            # The services ask the same question before they write.
            "may_edit": services.CONTENT_STEPS - {"priority"} <= open_,
            "may_submit": "submit" in open_,
            "may_judge": "judge" in open_,
            "may_publish": "publish" in open_,
            "may_report": "report" in open_,
            "may_prioritise": "priority" in open_,
            "priority_form": form("priority", "priority"),
            "submit_form": form("submit", "submit"),
            "judge_form": form("judge", "judge"),
            "publish_form": form("publish", "publish"),
            "report_form": form("report", "report"),
            "bound_forms": [bound[1]] if bound else [],
        },
        status=status,
    )


@plan_access(Action.PLAN_VIEW)
def plan(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _plan_page(request, plan)


def _plan_step(name: str, step: PlanStep) -> View:
    @require_POST
    @plan_access(step.action)
    def view(request: HttpRequest, plan: Plan) -> HttpResponse:
        prefix = request.POST.get("prefix", name)
        target: Any = plan
        if step.target is not None:
            pk = prefix.removeprefix(f"{name}-")
            if not pk.isdigit():
                messages.error(request, "That form was incomplete: reload the page and try again.")
                return _plan_page(request, plan, status=400)
            target = step.target.objects.filter(pk=int(pk)).first()
            if target is None or not _target_ok(plan, target):
                raise Http404("No such part of this plan.")
        else:
            prefix = name
        form = step.form(request.POST, prefix=prefix)
        if form.is_valid():
            try:
                step.call(request.user, target, form.cleaned_data)
            except CaseworkError as error:
                _fail(request, error, form)
            else:
                messages.success(request, step.done)
                return redirect("improvement:plan", plan.pk)
        return _plan_page(request, plan, status=400, bound=(prefix, form))

    view.__name__ = name
    return _declare(view, step.action)


PLAN_STEP_VIEWS = {name: _plan_step(name, step) for name, step in STEPS.items()}


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
    _declare(_view, Action.PLAN_VIEW)
