"""One page per change, each its own view and address: a plan's priorities, actions,
milestones and updates, its submission, judgement and publication, its progress reports;
an area's support and challenge.

Each page shows its form only when the service would accept the step now (the plan's
task list asks the same question, ``services.plan_step_refusal``), and says why not
otherwise; a POST to a closed step is refused with that reason and changes nothing. A
record named in the address that is not part of the plan in the address is not found.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from areasend.accounts.permissions import Action
from areasend.areas.event_log import stored_events
from areasend.areas.models import LocalArea
from areasend.casework.errors import CaseworkError
from areasend.improvement import forms as f
from areasend.improvement import services
from areasend.improvement.models import Milestone, Plan, PlanAction, PlanWeakness, Rag, SupportVisit
from areasend.improvement.views import area_access, engagement_refusal, fail, plan_access, reason

MakeForm = Callable[..., forms.Form]
Call = Callable[[dict[str, Any]], object]


def _step_page(
    request: HttpRequest,
    make: MakeForm,
    call: Call,
    *,
    refusal: Exception | str | None,
    back: str,
    done: str,
    context: dict[str, Any],
) -> HttpResponse:
    """GET: the form (or why the step is closed). POST: the service called, and back to
    the list of steps with one confirmation; or the page again with what went wrong."""
    form, status = make(), 200
    if request.method == "POST":
        form, status = make(request.POST), 400
        if not refusal and form.is_valid():
            try:
                call(form.cleaned_data)
            except CaseworkError as error:
                fail(request, error, form)
            else:
                messages.success(request, done)
                return redirect(back)
    context |= {"form": form, "refusal": reason(refusal), "back": back}
    return render(request, "improvement/step.html", context, status=status)


def _plan_step(
    request: HttpRequest,
    plan: Plan,
    step: str,
    make: MakeForm,
    call: Call,
    *,
    title: str,
    button: str,
    done: str,
    about: str = "",
) -> HttpResponse:
    refusal = services.plan_step_refusal(request.user, plan, step)
    back = "improvement:plan_write" if step in services.CONTENT_STEPS else "improvement:plan"
    context = {"area": plan.area, "plan": plan, "title": title, "button": button, "about": about}
    return _step_page(
        request, make, call, refusal=refusal, back=reverse(back, args=[plan.pk]),
        done=done, context=context,
    )  # fmt: skip


def _weakness(plan: Plan, pk: int) -> PlanWeakness:
    return get_object_or_404(PlanWeakness, pk=pk, plan=plan)


def _action(plan: Plan, pk: int) -> PlanAction:
    return get_object_or_404(PlanAction.objects.select_related("weakness"), pk=pk,
                             weakness__plan=plan)  # fmt: skip


# -- writing the plan ----------------------------------------------------------------------


@plan_access(Action.PLAN_EDIT)
def plan_add_priority(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _plan_step(
        request, plan, "priority", f.PriorityForm,
        lambda d: services.do_add_priority(request.user, plan, text=d["text"]),
        title="Add a priority", button="Add the priority", done="Priority added.",
    )  # fmt: skip


@plan_access(Action.PLAN_EDIT)
def plan_add_action(request: HttpRequest, plan: Plan, weakness: int) -> HttpResponse:
    target = _weakness(plan, weakness)
    return _plan_step(
        request, plan, "action", f.ActionForm,
        lambda d: services.do_add_action(request.user, target, **d),
        title="Add an action", button="Add the action", done="Action added.",
        about=f"{target.position}. {target.text}",
    )  # fmt: skip


@plan_access(Action.PLAN_EDIT)
def plan_update_action(request: HttpRequest, plan: Plan, action: int) -> HttpResponse:
    target = _action(plan, action)
    return _plan_step(
        request, plan, "update", partial(f.UpdateForm, initial={"version": target.version}),
        lambda d: services.do_update_action(request.user, target, on=d["on"], rag=Rag(d["rag"]),
                                            note=d["note"], version=d["version"]),
        title="Update the action", button="Save the update", done="Update saved.",
        about=target.description,
    )  # fmt: skip


@plan_access(Action.PLAN_EDIT)
def plan_add_milestone(request: HttpRequest, plan: Plan, action: int) -> HttpResponse:
    target = _action(plan, action)
    return _plan_step(
        request, plan, "milestone", f.MilestoneForm,
        lambda d: services.do_add_milestone(request.user, target, **d),
        title="Add a milestone", button="Add the milestone", done="Milestone added.",
        about=target.description,
    )  # fmt: skip


@plan_access(Action.PLAN_EDIT)
def plan_complete_milestone(request: HttpRequest, plan: Plan, milestone: int) -> HttpResponse:
    target = get_object_or_404(Milestone, pk=milestone, action__weakness__plan=plan)
    return _plan_step(
        request, plan, "done", f.CompleteMilestoneForm,
        lambda d: services.do_complete_milestone(request.user, target, on=d["on"]),
        title="Mark the milestone done", button="Mark done", done="Milestone done.",
        about=f"{target.what}: due {target.due:%-d %B %Y}",
    )  # fmt: skip


# -- submission, judgement, publication, reports ---------------------------------------


@plan_access(Action.PLAN_EDIT)
def plan_submit(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _plan_step(
        request, plan, "submit", f.DateForm,
        lambda d: services.do_submit_plan(request.user, plan, on=d["on"]),
        title="Submit the plan to Ofsted and CQC", button="Submit the plan",
        done="Submitted to Ofsted and CQC.",
    )  # fmt: skip


@plan_access(Action.PLAN_JUDGE)
def plan_judge(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _plan_step(
        request, plan, "judge", f.JudgeForm,
        lambda d: services.do_judge_plan(request.user, plan, on=d["on"], fit=d["fit"] == "yes",
                                         reasons=d["reasons"]),
        title="Is the plan fit for purpose?", button="Record the judgement",
        done="Judgement recorded.",
    )  # fmt: skip


@plan_access(Action.PLAN_EDIT)
def plan_publish(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _plan_step(
        request, plan, "publish", f.PublishForm,
        lambda d: services.do_publish_plan(request.user, plan, on=d["on"], url=d["url"]),
        title="Record the plan's publication", button="Record publication",
        done="Publication recorded.",
    )  # fmt: skip


@plan_access(Action.PLAN_EDIT)
def plan_add_report(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _plan_step(
        request, plan, "report", f.ReportForm,
        lambda d: services.do_create_report(request.user, plan, **d),
        title="Draw up a progress report", button="Draw up the report", done="Report drawn up.",
    )  # fmt: skip


# -- DfE and NHS England support and challenge; engagement ------------------------------


def _area_step(
    request: HttpRequest,
    area: LocalArea,
    make: MakeForm,
    call: Call,
    *,
    title: str,
    button: str,
    done: str,
    refusal: Exception | str | None = None,
) -> HttpResponse:
    context = {"area": area, "title": title, "button": button}
    return _step_page(
        request, make, call, refusal=refusal, back=reverse("improvement:area", args=[area.slug]),
        done=done, context=context,
    )  # fmt: skip


@area_access(Action.SUPPORT_RECORD)
def support_visit(request: HttpRequest, area: LocalArea) -> HttpResponse:
    return _area_step(
        request, area, f.SupportVisitForm,
        lambda d: services.do_record_support_visit(
            request.user, area, on=d["on"], kind=SupportVisit.Kind(d["kind"]), notes=d["notes"]),
        title="Record a support visit or meeting", button="Record the visit",
        done="Support and challenge recorded.",
    )  # fmt: skip


@area_access(Action.SUPPORT_RECORD)
def release(request: HttpRequest, area: LocalArea) -> HttpResponse:
    history = stored_events(area)
    now = services.current_monitoring(area, history)
    refusal = services.release_refusal(area, history=history)
    return _area_step(
        request, area, partial(f.ReleaseForm, monitored=now.monitored if now else ()),
        lambda d: services.do_release(request.user, area, on=d["on"],
                                      weakness=d["weakness"] or None),
        title="Release from monitoring", button="Record the release", done="Release recorded.",
        refusal=refusal,
    )  # fmt: skip


@area_access(Action.SUPPORT_RECORD)
def notice(request: HttpRequest, area: LocalArea) -> HttpResponse:
    return _area_step(
        request, area, f.NoticeForm,
        lambda d: services.do_improvement_notice(request.user, area, on=d["on"],
                                                 lifted=d["step"] == "lifted"),
        title="Record an improvement notice", button="Record the notice",
        done="Improvement notice recorded.",
    )  # fmt: skip


@area_access(Action.ENGAGEMENT_RECORD)
def engagement(request: HttpRequest, area: LocalArea) -> HttpResponse:
    return _area_step(
        request, area, f.EngagementForm,
        lambda d: services.do_record_engagement(request.user, area, on=d["on"],
                                                theme=d["theme"] or None),
        title="Record an engagement meeting or thematic visit", button="Record the meeting",
        done="Recorded.", refusal=engagement_refusal(area),
    )  # fmt: skip
